"""What every command shares: exit statuses, printing problems, the options several commands take."""

from __future__ import annotations

import argparse
import sys

from dispatch_gen import i18n
from dispatch_gen.errors import Problem
from dispatch_gen.i18n import _

EXIT_OK, EXIT_INPUT, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3
EXIT_PIPE = 141  # the reader of our output went away (`| head`): the shell's status for SIGPIPE


def print_problems(problems: list[Problem]) -> None:
    for p in problems:
        label = {"warning": _("cảnh báo"), "note": _("ghi chú")}.get(p.severity)
        line = str(p)
        if label:
            where, _sep, rest = line.partition(": ")
            line = f"{where}: {label}: {rest}"
        print(line, file=sys.stderr)


class Progress:
    """A one-line progress bar on stderr (``\\r``-redrawn), only when stderr is a terminal."""

    WIDTH = 30

    def __init__(self) -> None:
        self.shown = False

    def __call__(self, done: int, total: int) -> None:
        filled = self.WIDTH * done // total
        sys.stderr.write(f"\r[{'#' * filled}{'.' * (self.WIDTH - filled)}] {done}/{total}")
        sys.stderr.flush()
        self.shown = True

    def clear(self) -> None:
        if self.shown:
            sys.stderr.write("\r" + " " * (self.WIDTH + 24) + "\r")
            sys.stderr.flush()


def output_option(args: argparse.Namespace) -> str:
    """How the user named the .docx target, for a message: ``-o``, or the default name."""
    return "-o" if args.output else _("tên tệp ra mặc định (đổi bằng -o)")


def add_force_option(p: argparse.ArgumentParser, help: str | None = None) -> None:
    """``--ghi-de/--force`` (the language's own name first in ``--help``); ``help`` for a command
    where it means more than overwriting a stranger's file."""
    p.add_argument(
        *(("--ghi-de", "--force") if i18n.get_language() == "vi" else ("--force", "--ghi-de")),
        dest="force",
        action="store_true",
        help=help or _("ghi đè cả tệp đã có không phải do dispatch-gen tạo ra (tệp đầu vào thì không bao giờ)"),
    )


def add_legacy_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--chuyen-ma-cu",
        "--convert-legacy",
        dest="convert_legacy",
        action="store_true",
        help=_("chuyển chữ gõ bằng mã cũ TCVN3 (ABC, .VnTime) hay VNI sang Unicode thay vì báo lỗi"),
    )
