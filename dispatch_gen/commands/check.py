"""`check`: a YAML file through the input stage, or Word files against the layout rules."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from dispatch_gen.commands.common import EXIT_INPUT, EXIT_OK, add_legacy_option, print_problems
from dispatch_gen.errors import DispatchError, InputError, Problem
from dispatch_gen.i18n import _


def check(args: argparse.Namespace) -> int:
    path: Path = args.input[0]
    if len(args.input) == 1 and not args.json and path.suffix.lower() in (".yaml", ".yml"):
        from dispatch_gen import pipeline

        ld = pipeline.load(path, args.convert_legacy, args.profile)  # --profile stands for the_thuc
        warnings = pipeline.validate(ld)  # the input stage only: renders nothing, imports no rendering code
        print_problems(warnings)
        print(pipeline.rule_set_line(ld))
        print(_("{path}: không thấy lỗi", path=path))
        return EXIT_OK
    return check_docx_files(args)


def check_docx_files(args: argparse.Namespace) -> int:
    """``check A.docx B.docx …``: each file's profile and findings, then one summary line."""
    import json

    from dispatch_gen.check.rules import Judged, judge_file
    from dispatch_gen.input import profile as profiles

    if args.profile is not None and (message := profiles.unknown_name(args.profile)):  # a usage slip
        raise InputError([Problem(message, str(args.input[0]), field="--profile")])
    for path in args.input:
        if not path.exists():
            raise InputError([Problem(_("không tìm thấy tệp"), str(path))])
    how_names = {
        "option": _("theo --profile"),
        "property": _("theo thuộc tính ghi trong tệp"),
        "national": _("theo dòng tiêu đề / quốc hiệu"),
        "number": _("không có dòng tiêu đề / quốc hiệu: theo dạng số và ký hiệu được dẫn"),
        "default": _("mặc định: không thấy dòng tiêu đề / quốc hiệu"),
    }
    bad = errors = warnings = 0
    results: list[Judged | InputError] = []
    for path in args.input:
        try:
            results.append(judge_file(path, profiles.names(), args.profile))
        except InputError as exc:  # a file that cannot be read: said, counted, and the next one checked
            results.append(exc)
    if args.printed:
        try:
            results = with_printed(results)
        except DispatchError as exc:  # no LibreOffice or poppler, or the conversion failed: said, exit 1
            print(_("kiểm tra bản in: {error}", error=exc), file=sys.stderr)
            return EXIT_INPUT
    for path, judged in zip(args.input, results, strict=True):
        if isinstance(judged, InputError):
            print_problems(judged.problems)
            bad += 1
            errors += len(judged.problems)
            continue
        findings, chosen, name = judged.findings, judged.rule_set, judged.profile
        counted = [f for f in findings if f.severity == "error" or args.strict]
        errors += sum(f.severity == "error" for f in findings)
        warnings += sum(f.severity != "error" for f in findings)
        bad += bool(counted)
        if args.json:
            print(json.dumps(judged.record(), ensure_ascii=False))
            continue
        print(_("{path}: hồ sơ thể thức “{profile}” ({how})", path=path, profile=name, how=how_names[judged.how]))
        if chosen.name != name:
            why = {
                "property": _("theo thuộc tính ghi trong tệp"),
                "date": _("theo ngày {date} của văn bản", date=f"{chosen.when:%d/%m/%Y}" if chosen.when else ""),
                "today": _("văn bản không ghi ngày: theo quy tắc hiện hành"),
            }[chosen.source]
            print(_("{path}: bộ quy tắc “{rule_set}” ({why})", path=path, rule_set=chosen.name, why=why))
        if judged.layout.appendix_only:
            print(_("{path}: phụ lục riêng: chỉ xét các quy tắc của phụ lục", path=path))
        if judged.pages is not None:
            print(_("{path}: bản in (LibreOffice): {pages} trang", path=path, pages=judged.pages))
        for f in findings:
            if f.severity == "error":
                print(f"{path}: {f}")
            else:
                print(_("{path}: cảnh báo: {finding}", path=path, finding=f))
        if not counted:
            print(_("{path}: đúng thể thức “{profile}”", path=path, profile=chosen.name))
    if len(args.input) > 1:
        summary = _(
            "{files} tệp: {ok} đúng thể thức, {bad} có lỗi ({errors} lỗi, {warnings} cảnh báo)",
            files=len(args.input),
            ok=len(args.input) - bad,
            bad=bad,
            errors=errors,
            warnings=warnings,
        )
        print(summary, file=sys.stderr if args.json else sys.stdout)
    return EXIT_INPUT if bad else EXIT_OK


def with_printed(results: list[Any]) -> list[Any]:
    """``--ban-in``: every readable file converted to PDF by one LibreOffice start, its pages judged.

    Each :class:`~dispatch_gen.check.rules.Judged` gains the printed findings and its page count;
    an unreadable file (an :class:`InputError`) stays as it is.
    """
    import dataclasses
    import shutil
    import tempfile

    from dispatch_gen.check.printed import read_pdf, require_tools
    from dispatch_gen.check.rules_printed import judge_printed
    from dispatch_gen.input import profile as profiles
    from dispatch_gen.output import pdf

    readable = [j for j in results if not isinstance(j, InputError)]
    if not readable:
        return results
    require_tools()
    with tempfile.TemporaryDirectory(prefix="dispatch-gen-check-") as folder:
        staged = []
        for i, judged in enumerate(readable):  # unique names: two inputs may share one
            copy = Path(folder) / f"{i:04d}.docx"
            shutil.copyfile(judged.path, copy)
            staged.append(copy)
        printed = {id(j): read_pdf(p) for j, p in zip(readable, pdf.convert_to_pdf(staged), strict=True)}
    out = []
    for judged in results:
        pages = printed.get(id(judged))
        if pages is None:
            out.append(judged)
            continue
        found = judge_printed(pages, judged.layout, profiles.load(judged.rule_set.name))
        out.append(dataclasses.replace(judged, findings=[*judged.findings, *found], pages=len(pages)))
    return out


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "check",
        parents=[common],
        help=_("kiểm tra tệp YAML, hoặc thể thức một tệp Word"),
        epilog=_("Ví dụ: dispatch-gen check cong-van.docx --profile dang"),
    )
    p.add_argument(
        "input", type=Path, nargs="+", metavar=_("TỆP"), help=_("tệp YAML hoặc các tệp Word (.docx) cần kiểm tra")
    )
    p.add_argument(
        "--profile",
        default=None,
        metavar=_("HỒ_SƠ"),
        help=_("hồ sơ thể thức: dang hoặc nha_nuoc (mặc định: nhận ra từ tệp Word)"),
    )
    p.add_argument("--json", action="store_true", help=_("in kết quả dạng JSON, mỗi tệp một dòng"))
    p.add_argument(
        "--nghiem-ngat",
        "--strict",
        dest="strict",
        action="store_true",
        help=_("coi cảnh báo như lỗi (mã thoát 1)"),
    )
    p.add_argument(
        "--ban-in",
        "--layout",
        dest="printed",
        action="store_true",
        help=_(
            "kiểm tra cả bản in: chuyển sang PDF qua LibreOffice (một lần cho mọi tệp) rồi xét trang trống,"
            " dòng ngày và dòng số, khối chữ ký, chú thích, chữ còn sót, tên cơ quan xuống dòng"
        ),
    )
    add_legacy_option(p)
    p.set_defaults(func=check)
