"""`init` (a working folder with an example) and `schema` (the JSON Schema of the YAML)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from dispatch_gen import i18n
from dispatch_gen.commands.common import EXIT_OK, add_force_option
from dispatch_gen.i18n import _


def init(args: argparse.Namespace) -> int:
    from dispatch_gen import scaffold

    for path in scaffold.create(args.folder, overwrite=args.overwrite):
        print(_("Đã ghi {path}", path=path))
    yaml_path = args.folder / scaffold.YAML_NAME
    print(_("Bước tiếp theo: dispatch-gen render {path} --pdf", path=yaml_path))
    return EXIT_OK


def schema(args: argparse.Namespace) -> int:
    from dispatch_gen.input import schema

    text = schema.schema_text()
    if args.output is None:
        sys.stdout.write(text)
        return EXIT_OK
    from dispatch_gen.output import guard
    from dispatch_gen.output.save import write_bytes

    guard.check([(args.output, "-o")], [], args.force)
    write_bytes(args.output, text.encode("utf-8"))
    print(_("Đã ghi {path}", path=args.output))
    return EXIT_OK


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "init",
        parents=[common],
        help=_("tạo thư mục làm việc có sẵn công văn mẫu, bảng số liệu và hướng dẫn"),
        description=_(
            "Tạo thư mục làm việc: công văn mẫu có chú thích (cong-van.yaml), bảng số liệu Excel\n"
            "(so-lieu-don-vi.xlsx), mẫu JSON Schema cho trình soạn thảo và tệp hướng dẫn HUONG-DAN.md.\n"
            "Lệnh render chạy được ngay trong thư mục đó."
        ),
        epilog=_("Ví dụ: dispatch-gen init cong-van-moi\n       dispatch-gen render cong-van-moi/cong-van.yaml --pdf"),
    )
    p.add_argument("folder", type=Path, metavar=_("THƯ_MỤC"), help=_("thư mục cần tạo (trống hoặc chưa có)"))
    p.add_argument(
        *(("--ghi-de", "--force") if i18n.get_language() == "vi" else ("--force", "--ghi-de")),
        dest="overwrite",
        action="store_true",
        help=_("ghi đè các tệp mẫu khi thư mục đã có tệp"),
    )
    p.set_defaults(func=init)

    p = sub.add_parser(
        "schema",
        parents=[common],
        help=_("in mẫu JSON Schema của tệp YAML (để trình soạn thảo gợi ý và kiểm tra)"),
        epilog=_("Ví dụ: dispatch-gen schema -o dispatch-gen.schema.json"),
    )
    p.add_argument("-o", "--output", type=Path, metavar=_("TỆP.json"), help=_("tệp cần ghi (mặc định: in ra màn hình)"))
    add_force_option(p)
    p.set_defaults(func=schema)
