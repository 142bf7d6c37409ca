"""The whole job, in the order it happens.

load and validate the YAML → read the unit figures → compute the figures → evaluate the
texts (:func:`validate` ends here: ``check x.yaml``) → build the render context → render the
template → attach the appendices → write the footnotes → save atomically (→ PDF, in the CLI).
Each step is a call into the module that owns it; this file only wires them together.

The stages up to :func:`validate` import no rendering code (no ``dispatch_gen.render``,
docxtpl or python-docx): those are imported by :func:`build_dispatch` and
:func:`build_appendices` when they are called.
"""

from __future__ import annotations

import atexit
import functools
import json
import os
import shutil
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from dispatch_gen.compute import figures, markup, rows, tables, texts
from dispatch_gen.compute.figures import Figures
from dispatch_gen.errors import InputError, Problem
from dispatch_gen.i18n import _
from dispatch_gen.input import advice, files, kinds, model, sheets, source
from dispatch_gen.input import profile as profiles


@dataclass
class Loaded:
    """A validated dispatch with its computed figures and its profile."""

    src: source.Located
    dispatch: model.Dispatch
    profile: dict[str, Any]
    figures: figures.Figures | None
    warnings: list[Problem] = field(default_factory=list)
    #: the profile used: ``the_thuc`` itself, or the rule set ``dang`` chose by the date
    rule_set: str = ""
    #: the sheets of plain table appendices (``phu_luc[i].tep``), by appendix index
    plain_tables: dict[int, tables.PipeTable] = field(default_factory=dict)

    @property
    def appendix_figures(self) -> Figures:
        """The figures the appendices print (``load`` refuses appendices of the units' figures without ``so_lieu``)."""
        assert self.figures is not None, "load() refuses appendices of figures without so_lieu"
        return self.figures


def _at_key(src: source.Located, path: str, p: Problem) -> Problem:
    """A problem with a file named in the YAML, located at the key that names it."""
    line, col = src.where(path)
    return Problem(f"{p.file}: {p.message}", src.file, line, col, path, p.severity)


def _read_data_file(src: source.Located, name: str, limit: int, key: str = "so_lieu.tep") -> tuple[Path, bytes]:
    """A file named in the YAML, relative to the YAML's folder and never outside it: its bytes.

    The folder is the real YAML's (a YAML reached through a link names files beside the file
    it points to); resolved once and opened as resolved (:mod:`dispatch_gen.input.files`).
    Named as the user would write it (``thu-muc/so-lieu.csv``), for the messages that name its
    cells. What is wrong with the name itself (outside the folder, no spreadsheet's suffix,
    missing, a folder, a loop of links) is located at ``key`` in the YAML (``so_lieu.tep``, or a
    plain table appendix's ``phu_luc[i].tep``).
    """
    base = files.real_folder(Path(src.file))
    outside = src.problem(
        key, _("tệp “{name}” nằm ngoài thư mục của tệp YAML; hãy chép nó vào cùng thư mục", name=name)
    )
    try:
        files.resolve_inside(base, name)
    except files.Outside:
        raise InputError([outside]) from None
    except OSError:
        pass  # reported by the read below, with the file's name
    suffix = Path(name).suffix.lower()
    if suffix not in sheets.SUFFIXES:
        message = (
            _("tệp số liệu phải là .csv hoặc .xlsx, không phải “{suffix}”", suffix=suffix)
            if suffix
            else _("“{name}” không phải tên một tệp số liệu .csv hoặc .xlsx", name=name)
        )
        raise InputError([src.problem(key, message)])
    shown = Path(src.file).parent / name
    if Path(os.path.realpath(Path(src.file).parent)) != base:  # the YAML is a link: name the real place
        shown = base / name
    try:
        return shown, files.read_inside(base, name, limit, str(shown), _("tệp số liệu"))
    except InputError as err:  # missing, a folder, a device, a loop of links: the name in the YAML is at fault
        raise InputError([_at_key(src, key, p) for p in err.problems]) from None
    except files.Outside:  # a link swapped in since the check above
        raise InputError([outside]) from None


def load(path: Path, convert_legacy: bool = False, profile: str | None = None, text: str | None = None) -> Loaded:
    """Read, validate and compute: everything short of Word.

    ``convert_legacy`` converts text in the old TCVN3/VNI encodings instead of refusing it;
    ``profile`` (``check --profile``) stands for the YAML's ``the_thuc``; ``text`` is the YAML's
    unsaved text (the web page's editor), read instead of ``path`` (:func:`source.load_yaml`).
    """
    src = source.load_yaml(path, convert_legacy, text)
    d = model.parse_dispatch(src)
    if profile is not None:
        d = replace(d, profile=profile)
    problems: list[Problem] = []
    rule_set = profiles.choose(d.profile, d.issued, d.year)
    prof = profiles.load_for(rule_set, src, "the_thuc" if profile is None else "--profile")
    problems += kinds.problems(d, prof, src)
    wrong = profiles.check_signature(d.signature.authority, prof)
    if wrong:
        problems.append(
            src.problem(
                "ky.quyen_han",
                _(
                    "“{form}” không phải thể thức đề ký hợp lệ của hồ sơ “{profile}” (dùng: {forms})",
                    form=wrong,
                    profile=d.profile,
                    forms=", ".join(prof["signature"]["forms"]),
                ),
            )
        )
    fig = None
    if d.figures is not None:
        spec = d.figures
        units, units_src, units_path = spec.units, src, "so_lieu.don_vi"
        if spec.file:
            if spec.units:
                problems.append(
                    src.problem("so_lieu.tep", _("chỉ dùng một trong hai: “don_vi” viết trực tiếp hoặc “tep” số liệu"))
                )
                raise InputError(problems)
            shown, data = _read_data_file(src, spec.file, sheets.MAX_SHEET_BYTES)
            sheet_src = sheets.read_units(
                shown, spec.sheet, spec.measures, units_path, convert_legacy, data, spec.extra_columns
            )
            src.warnings.extend(sheet_src.warnings)
            units = model.parse_units(sheet_src, sheet_src.data, units_path)
            units_src = sheet_src
        if not units:
            problems.append(src.problem("so_lieu", _("chưa có đơn vị nào: thêm “don_vi” hoặc “tep”")))
            raise InputError(problems)
        # a unit's note (the appendix's Ghi chú) may carry a footnote mark: it must have its note
        for i, unit in enumerate(units):
            for label in markup.note_labels(unit.note) if unit.note else ():
                if label not in d.notes:
                    problems.append(
                        units_src.problem(
                            f"{units_path}[{i}].ghi_chu",
                            _("chú thích [^{label}] chưa có nội dung trong “chu_thich”", label=label),
                        )
                    )
        fig = figures.compute(spec, units, units_src, units_path, d.issued, src)
        for i, ap in enumerate(d.appendices):
            if not ap.plain:
                problems += rows.check_columns(ap, fig, f"phu_luc[{i}]", src)
        for name, t in d.tables.items():
            problems += rows.check_columns(t.as_appendix(), fig, f"bang.{name}", src)
    elif any(not ap.plain for ap in d.appendices):
        problems.append(src.problem("phu_luc", _("phụ lục cần số liệu: thêm mục “so_lieu”")))
    elif d.tables:
        problems.append(src.problem("bang", _("bảng số liệu các đơn vị cần số liệu: thêm mục “so_lieu”")))
    plain = _plain_tables(src, d, convert_legacy, problems)
    if problems:
        raise InputError(problems)
    warnings = list(src.warnings) + (fig.notes if fig else []) + advice.advise(src, d, prof)
    return Loaded(src, d, prof, fig, warnings, rule_set, plain)


def _plain_tables(
    src: source.Located, d: model.Dispatch, convert_legacy: bool, problems: list[Problem]
) -> dict[int, tables.PipeTable]:
    """The sheets that plain table appendices print as they are (``phu_luc[i].tep``), by appendix index."""
    out = {}
    for i, ap in enumerate(d.appendices):
        if ap.table and ap.file:
            problems.append(
                src.problem(f"phu_luc[{i}].tep", _("chỉ dùng một trong hai: “bang” gõ trực tiếp hoặc “tep” bảng tính"))
            )
        elif ap.file:
            shown, data = _read_data_file(src, ap.file, sheets.MAX_SHEET_BYTES, f"phu_luc[{i}].tep")
            grid, warnings = sheets.read_grid(shown, ap.sheet, convert_legacy, data)
            src.warnings.extend(warnings)
            if len(grid) < 2:
                problems.append(
                    src.problem(f"phu_luc[{i}].tep", _("trang tính cần một dòng tiêu đề và ít nhất một dòng dữ liệu"))
                )
            else:
                out[i] = tables.grid_table(grid)
    return out


#: templates built for a user's own profile, once per process: (profile, kind) → file
_BUILT: dict[tuple[str, str], Path] = {}


def _built_template(prof: dict[str, Any], kind: str) -> Path:
    """The template of ``kind`` built from a user's profile into a temporary folder."""
    key = (json.dumps(prof, sort_keys=True, ensure_ascii=False), kind)
    if key not in _BUILT:
        from dispatch_gen import build_templates

        folder = Path(tempfile.mkdtemp(prefix="dispatch-gen-"))
        atexit.register(shutil.rmtree, folder, True)
        builder = build_templates.build_dispatch if kind == "cong_van" else build_templates.build_appendix
        path = folder / f"{kind}.docx"
        builder(prof).save(str(path))
        _BUILT[key] = path
    return _BUILT[key]


def _template_of(ld: Loaded, kind: str) -> Path:
    """The template of ``kind`` for the profile used: shipped, or built for the user's own."""
    if profiles.is_user_file(ld.rule_set):
        return _built_template(ld.profile, kind)
    return profiles.template_path(ld.rule_set or ld.dispatch.profile, kind)


def rule_set_line(ld: Loaded) -> str:
    """The one line ``render`` prints to say which rule set it used (and why, when chosen by date)."""
    d = ld.dispatch
    if d.profile in profiles.CHOOSERS:
        when = profiles.rule_date(d.issued, d.year)
        return _("thể thức: {name} (chọn theo ngày {date})", name=ld.profile["name"], date=when.strftime("%d/%m/%Y"))
    return _("thể thức: {name}", name=ld.profile["name"])


def _texts(ld: Loaded, recipient: figures.Unit | None = None) -> texts.Texts:
    ns = texts.text_namespace(ld.dispatch, ld.figures, recipient)
    return texts.evaluate_texts(ld.dispatch, ns, ld.src, ld.profile["body"]["headings"])


def _warnings(ld: Loaded, evaluated: texts.Texts) -> list[Problem]:
    """Every warning of a dispatch: the input's, then the footnotes nothing marks."""
    return ld.warnings + texts.unused_notes(ld.dispatch, evaluated, ld.figures, ld.src)


def appendices_of(ld: Loaded) -> tuple[list[model.AppendixSpec], dict[int, tables.PipeTable]]:
    """The appendices with their titles and headings evaluated, and the tables of the plain ones
    (``bang`` evaluated, ``tep`` read) by appendix index: what ``appendix --xlsx`` writes."""
    evaluated = _texts(ld)
    d = evaluated.dispatch or ld.dispatch
    return d.appendices, {**ld.plain_tables, **evaluated.appendix_tables}


def validate(ld: Loaded) -> list[Problem]:
    """The last stage before Word: evaluate the texts (errors raise); the warnings ``render`` prints.

    ``check x.yaml`` stops here: it renders nothing and imports no rendering code.
    """
    return _warnings(ld, _texts(ld))


def build_dispatch(
    ld: Loaded,
    template: Path | None = None,
    recipient: figures.Unit | None = None,
    rows_as_text: int | None = None,
    marks: bool = True,
) -> tuple[Any, list[Problem]]:
    """The rendered dispatch (a python-docx Document) with its appendices and footnotes.

    ``recipient``: one letter of a per-unit batch, addressed to that unit ("Kính gửi"), its
    texts seeing the unit as ``don_vi_nhan`` (:mod:`dispatch_gen.batch`). ``rows_as_text``:
    an appendix table of more units than this stays text until the document is saved
    (:class:`dispatch_gen.wml.package.WordDocument`; default 1,000). ``marks``: every value from
    the data in a content control (:mod:`dispatch_gen.render.marks`; ``--khong-danh-dau``: none).
    """
    from dispatch_gen.render import appendix as appendix_mod
    from dispatch_gen.render import bodytable, context, engine, footnotes, layout
    from dispatch_gen.render import marks as marks_mod
    from dispatch_gen.wml import package, properties

    if recipient is not None:
        ld = replace(ld, dispatch=replace(ld.dispatch, recipients=[recipient.address]))
    d, prof = ld.dispatch, ld.profile
    ours = template is None  # the header's widths are chosen for the tool's own template only
    template = template or _template_of(ld, "cong_van")
    evaluated = _texts(ld, recipient)
    d = evaluated.dispatch or d  # its recipients, subject, signature, appendix titles evaluated
    tpl = engine.load(template)
    notes = footnotes.Footnotes(first_id=footnotes.first_free_id(tpl.docx))
    controls = marks_mod.Marks(enabled=marks)
    body_tables = bodytable.BodyTables(d, prof, ld.figures, notes, evaluated.notes, controls)
    # a user's template: the breaks for its own widths when they can be read, else none
    columns = None if ours else layout.template_columns(tpl.docx)
    hdr = context.header_layout(d, prof, columns, breaks=ours or columns is not None)
    ctx = context.template_context(d, prof, evaluated, notes, body_tables.marker, controls, hdr)
    doc = package.WordDocument(engine.render(tpl, ctx, template))
    layout.keep_headings(doc, evaluated.body)  # before the tables take their paragraphs' places
    body_tables.place(doc)
    layout.keep_together(doc)
    if ours:
        layout.fit_header(doc, hdr)
    controls.in_runs(doc.element.body)  # the values the header and closing print (trích yếu, Kính gửi…)
    plain = {**ld.plain_tables, **evaluated.appendix_tables}
    for i, spec in enumerate(d.appendices, 1):
        ap = appendix_mod.render_appendix(
            _template_of(ld, "phu_luc"),
            d,
            prof,
            ld.figures,
            spec,
            i,
            len(d.appendices),
            notes,
            evaluated.notes,
            body_only=True,
            rows_as_text=rows_as_text,
            marks=controls,
            plain=plain.get(i - 1),
        )
        appendix_mod.attach(doc, ap)
    notes.write(doc, prof["footnote"]["size"], functools.partial(context.runs_to_xml, marks=controls))
    values = {properties.RULE_SET: prof["name"]}
    if recipient is not None and marks:  # the unit a per-unit letter is for, for `update`
        values[marks_mod.RECIPIENT_PROPERTY] = recipient.name
    properties.write(doc, values, d.subject, d.issuer.name)
    return doc, _warnings(ld, evaluated)


def build_appendices(ld: Loaded, rows_as_text: int | None = None, marks: bool = True) -> Any:
    """The appendices alone, as one document (``dispatch-gen appendix``); ``rows_as_text`` and
    ``marks`` as for :func:`build_dispatch`."""
    from dispatch_gen.render import appendix as appendix_mod
    from dispatch_gen.render import context, footnotes
    from dispatch_gen.render import marks as marks_mod
    from dispatch_gen.wml import properties

    d, prof = ld.dispatch, ld.profile
    if not d.appendices:
        raise InputError([ld.src.problem("phu_luc", _("văn bản không có phụ lục nào (thêm mục “phu_luc”)"))])
    evaluated = _texts(ld)
    d = evaluated.dispatch or d
    notes = footnotes.Footnotes()
    controls = marks_mod.Marks(enabled=marks)
    template = _template_of(ld, "phu_luc")
    plain = {**ld.plain_tables, **evaluated.appendix_tables}
    doc = None
    for i, spec in enumerate(d.appendices, 1):
        ap = appendix_mod.render_appendix(
            template,
            d,
            prof,
            ld.figures,
            spec,
            i,
            len(d.appendices),
            notes,
            evaluated.notes,
            rows_as_text=rows_as_text,
            marks=controls,
            plain=plain.get(i - 1),
        )
        if doc is None:
            doc = appendix_mod.as_document(ap)
        else:
            appendix_mod.attach(doc, ap)
    notes.write(doc, prof["footnote"]["size"], functools.partial(context.runs_to_xml, marks=controls))
    properties.write(doc, {properties.RULE_SET: prof["name"]}, d.subject, d.issuer.name)
    return doc


def render_file(
    input_yaml: Path, output_docx: Path, template: Path | None = None, force: bool = False
) -> list[Problem]:
    """Render ``input_yaml`` to ``output_docx``; return the warnings (errors raise).

    Never over an input; over a file that is not an earlier output only with ``force``.
    """
    from dispatch_gen.output import guard, save

    ld = load(input_yaml)
    guard.check([(output_docx, "output_docx")], guard.inputs_of(ld, template), force)
    doc, warnings = build_dispatch(ld, template)
    save.save_document(doc, output_docx)
    return warnings


__all__ = ["Loaded", "build_appendices", "build_dispatch", "load", "render_file", "rule_set_line", "validate"]
