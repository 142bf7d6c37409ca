"""`render` (one document, many, or one letter per unit) and `appendix`."""

from __future__ import annotations

import argparse
import dataclasses
import sys
from pathlib import Path
from typing import Any

from dispatch_gen import i18n
from dispatch_gen.commands.common import (
    EXIT_INPUT,
    EXIT_INTERNAL,
    EXIT_OK,
    EXIT_USAGE,
    Progress,
    add_force_option,
    add_legacy_option,
    output_option,
    print_problems,
)
from dispatch_gen.errors import InputError, OutputError, PdfUnavailable
from dispatch_gen.i18n import _


def render(args: argparse.Namespace) -> int:
    if len(args.input) > 1 or args.per_unit:
        return render_batch(args)
    from dispatch_gen import pipeline
    from dispatch_gen.output import guard, save

    args.input = args.input[0]
    ld = pipeline.load(args.input, args.convert_legacy)  # first: it refuses a folder (`render .`) clearly
    out = args.output or args.input.with_suffix(".docx")
    targets = [(out, output_option(args))] + ([(guard.pdf_target(out), "--pdf")] if args.pdf else [])
    guard.check(targets, guard.inputs_of(ld, args.template), args.force)  # before anything is written
    doc, warnings = pipeline.build_dispatch(ld, args.template, marks=not args.no_marks)
    save.save_document(doc, out)
    print_problems(warnings)
    print(pipeline.rule_set_line(ld))
    print(_("Đã ghi {path}", path=out))
    if args.pdf:
        from dispatch_gen.output import pdf

        try:
            for p in pdf.convert_to_pdf([out]):
                print(_("Đã ghi {path}", path=p))
        except PdfUnavailable as exc:
            print(f"{out}: {exc}", file=sys.stderr)
            return EXIT_INPUT
    return EXIT_OK


def render_batch(args: argparse.Namespace) -> int:
    """Many YAML files, or one letter per unit (``--moi-don-vi``): -o names a folder."""
    from dispatch_gen import batch

    outdir: Path | None = args.output
    if outdir is not None and (outdir.suffix.lower() == ".docx" or outdir.is_file()):
        print(
            _("{path}: khi tạo nhiều tệp (nhiều tệp YAML hoặc --moi-don-vi), -o phải là một thư mục", path=outdir),
            file=sys.stderr,
        )
        return EXIT_USAGE
    status = EXIT_OK
    if args.per_unit:
        jobs = []
        for inp in args.input:
            try:
                ld = batch.load_once(inp, args.convert_legacy)
                jobs += batch.unit_jobs(ld, inp, args.per_unit, outdir or inp.with_suffix(""))
            except InputError as exc:  # this input fails; the others still render
                print_problems(exc.problems)
                status = EXIT_INPUT
    else:
        jobs = batch.file_jobs(args.input, outdir)
    if args.no_marks:
        jobs = [dataclasses.replace(j, marks=False) for j in jobs]
    batch.check_outputs(jobs, args.input, args.template, args.pdf, args.force)  # before anything is written
    for folder in sorted({j.output.parent for j in jobs}):
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(_("{path}: không tạo được thư mục ({error})", path=folder, error=exc.strerror)) from None
    progress = Progress() if sys.stderr.isatty() else None
    try:
        outcomes = batch.render_jobs(jobs, args.convert_legacy, args.template, progress=progress, force=args.force)
    finally:
        if progress:
            progress.clear()
    seen: set[str] = set()
    written = []
    # the rule set: once for the batch when every document used the same, else with each document
    shared = batch.common_rule_set(outcomes)
    if shared:
        print(shared)
    for o in outcomes:
        if o.ok:
            print_problems([w for w in o.warnings if str(w) not in seen])  # a per-unit batch: once, not N times
            seen.update(str(w) for w in o.warnings)
            if not shared:
                print(_("{path}: {rule_set}", path=o.job.input, rule_set=o.rule_set))
            print(_("Đã ghi {path}", path=o.job.output))
            written.append(o.job.output)
            continue
        status = max(status, EXIT_INTERNAL if o.internal else EXIT_INPUT)
        print_problems([p for p in o.problems if str(p) not in seen])
        seen.update(str(p) for p in o.problems)
        if o.internal:
            print(_("{path}: lỗi nội bộ: {error}", path=o.job.output, error=o.error), file=sys.stderr)
        elif o.error:
            print(o.error, file=sys.stderr)
    if jobs:
        print(_("Đã ghi {n}/{total} tệp", n=len(written), total=len(jobs)))
    if args.pdf and written:
        from dispatch_gen.output import pdf

        try:
            for p in pdf.convert_to_pdf(written):  # one LibreOffice process for the whole batch
                print(_("Đã ghi {path}", path=p))
        except PdfUnavailable as exc:
            print(str(exc), file=sys.stderr)
            status = max(status, EXIT_INPUT)
    return status


def appendix(args: argparse.Namespace) -> int:
    from dispatch_gen import pipeline
    from dispatch_gen.output import guard, save

    ld = pipeline.load(args.input, args.convert_legacy)
    out = args.output or args.input.with_name(args.input.stem + "-phu-luc.docx")
    targets = [(out, output_option(args))] + ([(args.xlsx, "--xlsx")] if args.xlsx else [])
    guard.check(targets, guard.inputs_of(ld), args.force)  # before anything is written
    doc = pipeline.build_appendices(ld, marks=not args.no_marks)
    save.save_document(doc, out)
    print_problems(ld.warnings)
    print(_("Đã ghi {path}", path=out))
    if args.xlsx:
        from dispatch_gen.output import spreadsheet

        spreadsheet.write_xlsx(ld, args.xlsx)
        print(_("Đã ghi {path}", path=args.xlsx))
    return EXIT_OK


def add_marks_option(p: argparse.ArgumentParser) -> None:
    """``--khong-danh-dau/--no-marks``: no content control around the values from the data."""
    p.add_argument(
        *(("--khong-danh-dau", "--no-marks") if i18n.get_language() == "vi" else ("--no-marks", "--khong-danh-dau")),
        dest="no_marks",
        action="store_true",
        help=_(
            "không đánh dấu các số liệu bằng ô nội dung (content control) của Word; "
            "tệp như thế không cập nhật được bằng lệnh update"
        ),
    )


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "render",
        parents=[common],
        help=_("tạo tệp Word từ tệp YAML"),
        epilog=_("Ví dụ: dispatch-gen render cong-van.yaml -o cong-van.docx --pdf"),
    )
    p.add_argument(
        "input",
        type=Path,
        nargs="+",
        metavar=_("TỆP.yaml"),
        help=_("tệp YAML của công văn; nhiều tệp thì mỗi tệp một công văn <tên tệp>.docx"),
    )
    p.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar=_("TỆP.docx"),
        help=_("tệp Word cần ghi; khi tạo nhiều tệp: thư mục cần ghi (tạo nếu chưa có)"),
    )
    p.add_argument(
        *(("--moi-don-vi", "--per-unit") if i18n.get_language() == "vi" else ("--per-unit", "--moi-don-vi")),
        dest="per_unit",
        choices=("cham", "khen", "tat_ca"),
        metavar=_("NHÓM"),
        help=_(
            "mỗi đơn vị một công văn riêng, gửi đến đơn vị, dùng số liệu của đơn vị ({{ don_vi_nhan.… }}): "
            "cham (đơn vị chậm), khen (được biểu dương) hoặc tat_ca (tất cả); "
            "tệp <tên tệp>-<số thứ tự>-<tên đơn vị>.docx trong thư mục -o (mặc định: thư mục <tên tệp>)"
        ),
    )
    p.add_argument(
        "--template", type=Path, metavar=_("MẪU.docx"), help=_("mẫu Word riêng (bản sao mẫu đã sửa trong Word)")
    )
    p.add_argument("--pdf", action="store_true", help=_("ghi thêm tệp PDF (cần LibreOffice)"))
    add_marks_option(p)
    add_force_option(p)
    add_legacy_option(p)
    p.set_defaults(func=render)

    p = sub.add_parser(
        "appendix",
        parents=[common],
        help=_("chỉ tạo lại phụ lục"),
        epilog=_("Ví dụ: dispatch-gen appendix cong-van.yaml -o PHU-LUC.docx --xlsx PHU-LUC.xlsx"),
    )
    p.add_argument("input", type=Path, metavar=_("TỆP.yaml"), help=_("tệp YAML của công văn"))
    p.add_argument("-o", "--output", type=Path, metavar="PHU-LUC.docx", help=_("tệp Word cần ghi"))
    p.add_argument("--xlsx", type=Path, metavar="PHU-LUC.xlsx", help=_("ghi thêm bảng phụ lục ra tệp Excel"))
    add_marks_option(p)
    add_force_option(p)
    add_legacy_option(p)
    p.set_defaults(func=appendix)
