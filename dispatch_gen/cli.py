"""The command line: parse, call the library, print messages, choose the exit status.

The only module that prints or exits. Exit statuses: 0 success; 1 the input (or the checked
document) has problems, each on its own line as ``FILE:LINE:COLUMN: field: message``;
2 a command-line usage error; 3 an unexpected internal error (traceback with ``--debug``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from dispatch_gen import __version__, i18n
from dispatch_gen.errors import DispatchError, InputError, OutputError, PdfUnavailable, Problem
from dispatch_gen.i18n import _
from dispatch_gen.output import console

EXIT_OK, EXIT_INPUT, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3
EXIT_PIPE = 141  # the reader of our output went away (`| head`): the shell's status for SIGPIPE


def _print_problems(problems: list[Problem]) -> None:
    for p in problems:
        label = {"warning": _("cảnh báo"), "note": _("ghi chú")}.get(p.severity)
        line = str(p)
        if label:
            where, _sep, rest = line.partition(": ")
            line = f"{where}: {label}: {rest}"
        print(line, file=sys.stderr)


def _cmd_render(args: argparse.Namespace) -> int:
    if len(args.input) > 1 or args.per_unit:
        return _cmd_render_batch(args)
    from dispatch_gen import pipeline
    from dispatch_gen.output import guard, save

    args.input = args.input[0]
    ld = pipeline.load(args.input, args.convert_legacy)  # first: it refuses a folder (`render .`) clearly
    out = args.output or args.input.with_suffix(".docx")
    targets = [(out, _output_option(args))] + ([(guard.pdf_target(out), "--pdf")] if args.pdf else [])
    guard.check(targets, guard.inputs_of(ld, args.template), args.force)  # before anything is written
    doc, warnings = pipeline.build_dispatch(ld, args.template)
    save.save_document(doc, out)
    _print_problems(warnings)
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


class _Progress:
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


def _output_option(args: argparse.Namespace) -> str:
    """How the user named the .docx target, for a message: ``-o``, or the default name."""
    return "-o" if args.output else _("tên tệp ra mặc định (đổi bằng -o)")


def _add_force_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        *(("--ghi-de", "--force") if i18n.get_language() == "vi" else ("--force", "--ghi-de")),
        dest="force",
        action="store_true",
        help=_("ghi đè cả tệp đã có không phải do dispatch-gen tạo ra (tệp đầu vào thì không bao giờ)"),
    )


def _cmd_render_batch(args: argparse.Namespace) -> int:
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
                _print_problems(exc.problems)
                status = EXIT_INPUT
    else:
        jobs = batch.file_jobs(args.input, outdir)
    batch.check_outputs(jobs, args.input, args.template, args.pdf, args.force)  # before anything is written
    for folder in sorted({j.output.parent for j in jobs}):
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(_("{path}: không tạo được thư mục ({error})", path=folder, error=exc.strerror)) from None
    progress = _Progress() if sys.stderr.isatty() else None
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
            _print_problems([w for w in o.warnings if str(w) not in seen])  # a per-unit batch: once, not N times
            seen.update(str(w) for w in o.warnings)
            if not shared:
                print(_("{path}: {rule_set}", path=o.job.input, rule_set=o.rule_set))
            print(_("Đã ghi {path}", path=o.job.output))
            written.append(o.job.output)
            continue
        status = max(status, EXIT_INTERNAL if o.internal else EXIT_INPUT)
        _print_problems([p for p in o.problems if str(p) not in seen])
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


def _cmd_appendix(args: argparse.Namespace) -> int:
    from dispatch_gen import pipeline
    from dispatch_gen.output import guard, save

    ld = pipeline.load(args.input, args.convert_legacy)
    out = args.output or args.input.with_name(args.input.stem + "-phu-luc.docx")
    targets = [(out, _output_option(args))] + ([(args.xlsx, "--xlsx")] if args.xlsx else [])
    guard.check(targets, guard.inputs_of(ld), args.force)  # before anything is written
    doc = pipeline.build_appendices(ld)
    save.save_document(doc, out)
    _print_problems(ld.warnings)
    print(_("Đã ghi {path}", path=out))
    if args.xlsx:
        from dispatch_gen.output import spreadsheet

        spreadsheet.write_xlsx(ld, args.xlsx)
        print(_("Đã ghi {path}", path=args.xlsx))
    return EXIT_OK


def _cmd_check(args: argparse.Namespace) -> int:
    path: Path = args.input[0]
    if len(args.input) == 1 and not args.json and path.suffix.lower() in (".yaml", ".yml"):
        from dispatch_gen import pipeline

        ld = pipeline.load(path, args.convert_legacy, args.profile)  # --profile stands for the_thuc
        warnings = pipeline.validate(ld)  # the input stage only: renders nothing, imports no rendering code
        _print_problems(warnings)
        print(pipeline.rule_set_line(ld))
        print(_("{path}: không thấy lỗi", path=path))
        return EXIT_OK
    return _check_docx_files(args)


def _check_docx_files(args: argparse.Namespace) -> int:
    """``check A.docx B.docx …``: each file's profile and findings, then one summary line."""
    import json

    from dispatch_gen.check.rules import judge_file
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
        "default": _("mặc định: không thấy dòng tiêu đề / quốc hiệu"),
    }
    bad = errors = warnings = 0
    for path in args.input:
        try:
            judged = judge_file(path, profiles.names(), args.profile)
        except InputError as exc:  # a file that cannot be read: said, counted, and the next one checked
            _print_problems(exc.problems)
            bad += 1
            errors += len(exc.problems)
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


def _cmd_init(args: argparse.Namespace) -> int:
    from dispatch_gen import scaffold

    for path in scaffold.create(args.folder, overwrite=args.overwrite):
        print(_("Đã ghi {path}", path=path))
    yaml_path = args.folder / scaffold.YAML_NAME
    print(_("Bước tiếp theo: dispatch-gen render {path} --pdf", path=yaml_path))
    return EXIT_OK


def _cmd_schema(args: argparse.Namespace) -> int:
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


def _add_legacy_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--chuyen-ma-cu",
        "--convert-legacy",
        dest="convert_legacy",
        action="store_true",
        help=_("chuyển chữ gõ bằng mã cũ TCVN3 (ABC, .VnTime) hay VNI sang Unicode thay vì báo lỗi"),
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
    _add_force_option(p)
    _add_legacy_option(p)
    p.set_defaults(func=_cmd_render)

    p = sub.add_parser(
        "appendix",
        parents=[common],
        help=_("chỉ tạo lại phụ lục"),
        epilog=_("Ví dụ: dispatch-gen appendix cong-van.yaml -o PHU-LUC.docx --xlsx PHU-LUC.xlsx"),
    )
    p.add_argument("input", type=Path, metavar=_("TỆP.yaml"), help=_("tệp YAML của công văn"))
    p.add_argument("-o", "--output", type=Path, metavar="PHU-LUC.docx", help=_("tệp Word cần ghi"))
    p.add_argument("--xlsx", type=Path, metavar="PHU-LUC.xlsx", help=_("ghi thêm bảng phụ lục ra tệp Excel"))
    _add_force_option(p)
    _add_legacy_option(p)
    p.set_defaults(func=_cmd_appendix)

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
    _add_legacy_option(p)
    p.set_defaults(func=_cmd_check)

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
    p.set_defaults(func=_cmd_init)

    p = sub.add_parser(
        "schema",
        parents=[common],
        help=_("in mẫu JSON Schema của tệp YAML (để trình soạn thảo gợi ý và kiểm tra)"),
        epilog=_("Ví dụ: dispatch-gen schema -o dispatch-gen.schema.json"),
    )
    p.add_argument("-o", "--output", type=Path, metavar=_("TỆP.json"), help=_("tệp cần ghi (mặc định: in ra màn hình)"))
    _add_force_option(p)
    p.set_defaults(func=_cmd_schema)
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
        _print_problems(exc.problems)
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
    """Console-script entry point: the job's status, whatever became of the last messages."""
    status = main()
    sys.exit(EXIT_PIPE if console.finish() else status)
