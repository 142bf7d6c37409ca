"""`import` (alias `nhap`): a dispatch typed in Word → a YAML file to render again."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from dispatch_gen.commands.common import EXIT_OK, add_force_option, print_problems
from dispatch_gen.errors import InputError, Problem
from dispatch_gen.i18n import _


def import_command(args: argparse.Namespace) -> int:
    from dispatch_gen.input import profile as profiles
    from dispatch_gen.output import guard
    from dispatch_gen.output.save import write_bytes
    from dispatch_gen.wordin import import_docx
    from dispatch_gen.wordin.yamlout import dump

    path: Path = args.input
    if args.profile is not None and (message := profiles.unknown_name(args.profile)):
        raise InputError([Problem(message, str(path), field="--profile")])
    if not path.exists():
        raise InputError([Problem(_("không tìm thấy tệp"), str(path))])
    target: Path = args.output or path.with_suffix(".yaml")
    guard.check(
        [(target, "-o" if args.output else _("tên tệp ra mặc định (đổi bằng -o)"))],
        [guard.Input(path, _("tệp Word"))],
        args.force,
    )
    imported = import_docx(path, args.profile)
    print_problems(imported.warnings)
    write_bytes(target, dump(imported.data).encode("utf-8"))
    print(_("Đã ghi {path} (hồ sơ thể thức “{profile}”)", path=target, profile=imported.rule_set))
    return EXIT_OK


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "import",
        aliases=["nhap"],
        parents=[common],
        help=_("đọc một công văn Word (gõ tay hay do dispatch-gen tạo ra) thành tệp YAML"),
        epilog=_("Ví dụ: dispatch-gen import cong-van-cu.docx -o cong-van-moi.yaml"),
    )
    p.add_argument("input", type=Path, metavar=_("TỆP.docx"), help=_("tệp Word cần đọc"))
    p.add_argument(
        "-o", "--output", type=Path, metavar=_("TỆP.yaml"), help=_("tệp YAML cần ghi (mặc định: cạnh tệp Word)")
    )
    p.add_argument(
        "--profile",
        default=None,
        metavar=_("HỒ_SƠ"),
        help=_("hồ sơ thể thức: dang hoặc nha_nuoc (mặc định: nhận ra từ tệp Word)"),
    )
    add_force_option(p)
    p.set_defaults(func=import_command)
