"""The command line: parse, call the library, print messages, choose the exit status.

The only place that prints or exits, with the command modules of :mod:`dispatch_gen.commands`
(one per command or pair of related commands: each adds its sub-parser in ``register``).
Exit statuses: 0 success; 1 the input (or the checked document) has problems, each on its own
line as ``FILE:LINE:COLUMN: field: message``; 2 a command-line usage error; 3 an unexpected
internal error (traceback with ``--debug``).
"""

from __future__ import annotations

import argparse
import atexit
import importlib
import os
import sys
from typing import Any

from dispatch_gen import __version__, i18n
from dispatch_gen.commands.common import (  # noqa: F401  (EXIT_OK is part of this module's interface)
    EXIT_INPUT,
    EXIT_INTERNAL,
    EXIT_OK,
    EXIT_PIPE,
    EXIT_USAGE,
    print_problems,
)
from dispatch_gen.errors import DispatchError, InputError, OutputError
from dispatch_gen.i18n import _
from dispatch_gen.output import console

# The commands, in the order `--help` lists them: dispatch_gen/commands/<name>.py, each with register().
COMMANDS = (
    "render",
    "check",
    "setup",
    "update",
    "importer",
    "serve",
)


class _CommandParser(argparse.ArgumentParser):
    """A sub-command's parser: its description keeps the line breaks it is written with."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", argparse.RawDescriptionHelpFormatter)
        super().__init__(*args, **kwargs)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="dispatch-gen",
        description=_("Soạn công văn từ tệp YAML thành tệp Word đúng thể thức."),
        formatter_class=argparse.RawDescriptionHelpFormatter,  # the example lines stay whole, ready to copy
        epilog=_("Ví dụ: dispatch-gen render examples/binh-son-ket-nap-dang-vien-2024.yaml -o cong-van.docx"),
    )
    parser.add_argument(
        "--version", action="version", version=f"dispatch-gen {__version__}", help=_("in số phiên bản rồi thoát")
    )
    parser.add_argument(  # read by main() before parsing; here so that "--lang en --help" works
        "--lang", dest="top_lang", choices=i18n.LANGUAGES, help=_("ngôn ngữ thông báo: vi (mặc định) hoặc en")
    )
    parser.add_argument(  # also before the command, as the README says every command takes it
        "--debug", dest="top_debug", action="store_true", help=_("in chi tiết lỗi nội bộ (traceback)")
    )
    common = _CommandParser(add_help=False)  # the options every command takes
    common.add_argument(
        "--lang", choices=i18n.LANGUAGES, default=None, help=_("ngôn ngữ thông báo: vi (mặc định) hoặc en")
    )
    common.add_argument("--debug", action="store_true", help=_("in chi tiết lỗi nội bộ (traceback)"))
    sub = parser.add_subparsers(
        dest="command",
        metavar=_("LỆNH"),
        parser_class=_CommandParser,
    )
    for module in COMMANDS:
        importlib.import_module(f"dispatch_gen.commands.{module}").register(sub, common)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run one command; messages go through :mod:`dispatch_gen.output.console` (they cannot fail the job)."""
    with console.tolerant_streams():
        return _main(list(sys.argv[1:] if argv is None else argv))


def _main(argv: list[str]) -> int:
    for i, arg in enumerate(argv):  # the language must be known before the help texts are built
        lang = argv[i + 1] if arg == "--lang" and i + 1 < len(argv) else arg.removeprefix("--lang=")
        if (arg == "--lang" or arg.startswith("--lang=")) and lang in i18n.LANGUAGES:
            i18n.set_language(lang)
    with i18n.argparse_in_language():  # argparse's own words ("usage:", its errors) too
        parser = build_parser()
        args = parser.parse_args(argv)
        if not getattr(args, "func", None):
            parser.print_help(sys.stderr)
            return EXIT_USAGE
    args.debug = args.debug or args.top_debug
    try:
        return args.func(args)
    except BrokenPipeError:  # `dispatch-gen check … | head`: the reader has gone; stop quietly
        console.stdout_gone()
        return EXIT_PIPE
    except InputError as exc:
        print_problems(exc.problems)
        return EXIT_INPUT
    except (OutputError, DispatchError) as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_INPUT
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # the last resort: a short message, the traceback only on request
        if args.debug:
            import traceback  # only here: a render imports nothing it does not use

            traceback.print_exc()
        else:
            print(
                _("lỗi nội bộ: {error} (chạy lại với --debug để xem chi tiết)", error=f"{type(exc).__name__}: {exc}"),
                file=sys.stderr,
            )
        return EXIT_INTERNAL


def run() -> None:
    """Console-script entry point: the job's status, whatever became of the last messages.

    The process ends as soon as the exit handlers have run (:func:`_end_now`): the
    interpreter's own finalisation would then free every module and object one by one, ~60 ms
    of a cold ``render`` (a third of its own work) spent on memory the system takes back anyway.
    """
    ending: list[int] = []
    atexit.register(_end_now, ending)  # the first registered runs last, after every other handler
    status = main()
    ending.append(EXIT_PIPE if console.finish() else status)
    sys.exit(ending[0])


def _end_now(ending: list[int]) -> None:
    """The last exit handler: flush the streams, then leave without the interpreter's finalisation.

    Every file the run writes is closed (and renamed into place) before it returns; threads
    and worker processes are joined before exit handlers run. An empty ``ending``: ``main``
    itself raised, and the interpreter's normal end reports it.
    """
    if not ending:
        return
    console.finish()
    os._exit(ending[0])
