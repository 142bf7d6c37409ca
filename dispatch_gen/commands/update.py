"""`update` (`cap-nhat`): new figures into a document edited in Word."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from dispatch_gen.commands.common import EXIT_INPUT, EXIT_OK, add_force_option, add_legacy_option, print_problems
from dispatch_gen.i18n import _


def update(args: argparse.Namespace) -> int:
    from dispatch_gen.output import update as updater

    report = updater.update_file(args.edited, args.source, args.output, args.force, args.convert_legacy)
    for change in report.changes:
        print(change.text)
    print_problems(report.problems)
    out = args.output or args.edited
    print(
        _(
            "Đã ghi {path}: {refreshed} ô cập nhật, {unchanged} ô không đổi, {kept} ô sửa tay để nguyên, "
            "{missing} ô đã bị xóa",
            path=out,
            refreshed=report.refreshed,
            unchanged=report.unchanged,
            kept=report.kept,
            missing=report.missing,
        )
    )
    if args.output is None:
        print(_("Bản trước khi cập nhật: {path}", path=args.edited.with_name(args.edited.name + ".bak")))
    if report.refused:
        print(_("{path}: có ô sửa tay chưa cập nhật; dùng --ghi-de để ghi đè", path=args.edited), file=sys.stderr)
        return EXIT_INPUT
    return EXIT_OK


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "update",
        aliases=["cap-nhat"],
        parents=[common],
        help=_("cập nhật số liệu trong tệp Word đã sửa, giữ nguyên các chỗ đã sửa"),
        epilog=_("Ví dụ: dispatch-gen update cong-van.docx --from cong-van.yaml"),
    )
    p.add_argument(
        "edited", type=Path, metavar=_("TỆP.docx"), help=_("tệp Word đã dựng bằng render rồi sửa trong Word")
    )
    p.add_argument(
        "--tu",
        "--from",
        dest="source",
        type=Path,
        required=True,
        metavar=_("TỆP.yaml"),
        help=_("tệp YAML của văn bản (cùng bảng số liệu của nó, như hiện tại)"),
    )
    p.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar=_("TỆP.docx"),
        help=_("ghi ra tệp này; không có -o: ghi đè tệp đã sửa, giữ bản cũ là TỆP.docx.bak"),
    )
    add_force_option(
        p, _("ghi số liệu mới cả vào ô đã sửa tay; với -o: ghi đè cả tệp đã có không phải do dispatch-gen tạo ra")
    )
    add_legacy_option(p)
    p.set_defaults(func=update)
