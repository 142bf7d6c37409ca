"""``update``: new figures into a document edited in Word, every other edit kept.

The YAML and its spreadsheet are loaded and rendered again as they are now (in memory, with
the content controls of :mod:`dispatch_gen.render.marks`); then each control of the edited
document gets the content of the control of the new render with the same key and occurrence.
Nothing outside the controls is touched. A control whose text was changed by hand (its text
no longer has the hash its title keeps) is left alone and reported, unless ``force``; a value
of the new render whose control was deleted in Word is reported, never put back.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dispatch_gen.errors import InputError, Problem
from dispatch_gen.i18n import _

#: keys of values that are lists of units (a change is told as units joining or leaving)
_LIST_FILTERS = ("danh_sach", "gop_tien_to")
_LIST_SPLIT = re.compile(r",\s*|;\s*|\s+và\s+")
#: an appendix table bigger than this is still built as elements (the update compares its rows)
_ROWS_AS_ELEMENTS = 10**9
_SHOWN = 160
#: differences in a paragraph this many words apart or closer are told as one
_NEAR_WORDS = 8


@dataclass
class Change:
    """One thing the update did or refused: printed as a line."""

    text: str
    refused: bool = False


@dataclass
class Report:
    """What :func:`update` did: the lines to print, the controls refreshed and left alone."""

    changes: list[Change] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    refreshed: int = 0
    unchanged: int = 0
    kept: int = 0  # changed by hand, left alone
    missing: int = 0  # deleted in Word

    @property
    def refused(self) -> bool:
        return self.kept > 0


def _story_roots(doc: Any) -> list[Any]:
    from dispatch_gen.wml import footnotes

    notes = footnotes.find_root(doc)
    return [doc.element.body] + ([notes] if notes is not None else [])


def _by_key(doc: Any) -> dict[tuple[str, int], list[Any]]:
    from dispatch_gen.render.marks import TABLE_KEYS
    from dispatch_gen.wml import sdt

    found: dict[tuple[str, int], list[Any]] = {}
    for root in _story_roots(doc):
        for c in sdt.controls(root, TABLE_KEYS):
            found.setdefault((c.key, c.n), []).append(c)
    return found


def _differences(old: str, new: str) -> list[tuple[str, str]]:
    """The places two texts of a paragraph differ, word by word, near places told together."""
    a, b = old.split(), new.split()
    blocks = [op for op in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes() if op[0] != "equal"]
    groups: list[list[int]] = []
    for _tag, i1, i2, j1, j2 in blocks:
        if groups and i1 - groups[-1][1] <= _NEAR_WORDS:
            groups[-1][1], groups[-1][3] = i2, j2
        else:
            groups.append([i1, i2, j1, j2])
    return [(_short(" ".join(a[i1:i2])), _short(" ".join(b[j1:j2]))) for i1, i2, j1, j2 in groups]


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _SHOWN else text[: _SHOWN - 1] + "…"


def _list_change(key: str, old: str, new: str) -> str | None:
    if not any(f in key for f in _LIST_FILTERS):
        return None
    before = [x.strip(" .") for x in _LIST_SPLIT.split(old) if x.strip(" .")]
    after = [x.strip(" .") for x in _LIST_SPLIT.split(new) if x.strip(" .")]
    joined = [x for x in after if x not in before]
    left = [x for x in before if x not in after]
    parts = []
    if joined:
        parts.append(_("vào danh sách: {names}", names="; ".join(joined)))
    if left:
        parts.append(_("ra khỏi danh sách: {names}", names="; ".join(left)))
    return ", ".join(parts) if parts else None


def _row_id(row: list[str]) -> str:
    """A row's name: its first cell with a letter (the unit's, the group's or the total's)."""
    return next((c for c in row if any(ch.isalpha() for ch in c)), " | ".join(row))


def _table_changes(key: str, old: Any, new: Any) -> list[str]:
    from dispatch_gen.wml import sdt

    before, after = sdt.table_cells(old)[1:], sdt.table_cells(new)[1:]  # the header row stays
    old_rows = {_row_id(r): r for r in before}
    new_rows = {_row_id(r): r for r in after}
    lines = []
    for name, row in new_rows.items():
        if name not in old_rows:
            lines.append(_("{key}: thêm dòng “{name}”: {cells}", key=key, name=name, cells=_cells(row, name)))
        elif old_rows[name] != row:
            lines.append(
                _(
                    "{key}: dòng “{name}”: {old} → {new}",
                    key=key,
                    name=name,
                    old=_cells(old_rows[name], name),
                    new=_cells(row, name),
                )
            )
    for name, row in old_rows.items():
        if name not in new_rows:
            lines.append(_("{key}: bỏ dòng “{name}”: {cells}", key=key, name=name, cells=_cells(row, name)))
    return lines


def _cells(row: list[str], name: str) -> str:
    return " | ".join(" ".join(c.split()) for c in row if c != name and c.strip())


def _paragraph_text(el: Any) -> tuple[Any, str]:
    from dispatch_gen.wml import sdt

    p = sdt.paragraph_of(el)
    return p, sdt.run_text(p) if p is not None else ""


def update_document(edited: Any, fresh: Any, file: str, force: bool) -> Report:
    """Refresh the controls of ``edited`` (a python-docx Document) from ``fresh`` (a new render)."""
    from dispatch_gen.wml import sdt

    report = Report()
    old_controls, new_controls = _by_key(edited), _by_key(fresh)
    if not old_controls:
        raise InputError(
            [
                Problem(
                    _(
                        "tệp không có ô số liệu nào của dispatch-gen (tạo bằng “render” không có "
                        "--khong-danh-dau, rồi mới sửa trong Word)"
                    ),
                    file,
                )
            ]
        )
    touched: dict[Any, str] = {}  # paragraph → its text before the update
    for (key, n), news in new_controls.items():
        new = news[0]
        olds = old_controls.get((key, n), [])
        if not olds:
            report.missing += 1
            report.problems.append(
                Problem(
                    _(
                        "ô “{key}” (lần {n}) đã bị xóa trong Word: giá trị mới “{value}” không được điền",
                        key=key,
                        n=n,
                        value=_short(new.text),
                    ),
                    file,
                    field=key,
                    severity="warning",
                )
            )
            continue
        for old in olds:
            if old.text == new.text:
                report.unchanged += 1
                sdt.refresh_properties(old, new)  # the tag and hidden frame LibreOffice drops, the hash
                continue
            if old.changed_by_hand and not force:
                report.kept += 1
                report.problems.append(
                    Problem(
                        _(
                            "ô “{key}” (lần {n}) đã được sửa tay thành “{text}”: để nguyên (giá trị mới "
                            "“{value}”; dùng --ghi-de để ghi đè)",
                            key=key,
                            n=n,
                            text=_short(old.text),
                            value=_short(new.text),
                        ),
                        file,
                        field=key,
                    )
                )
                continue
            copy = sdt.copy_control(new)
            if old.block is not None:
                for line in _table_changes(key, old.block, new.block):
                    report.changes.append(Change(line))
                sdt.move_notes(old.block, copy.element, edited, fresh)
                sdt.replace_block(old, copy)
            else:
                p, before = _paragraph_text(old.element)
                if p is not None and p not in touched:
                    touched[p] = before
                listed = _list_change(key, old.text, new.text)
                if listed:
                    report.changes.append(Change(f"{key}: {listed}"))
                sdt.replace_inline(old, copy)
            report.refreshed += 1
    for key, n in old_controls:
        if (key, n) not in new_controls:
            report.problems.append(
                Problem(
                    _("ô “{key}” (lần {n}) không còn trong văn bản dựng từ số liệu mới: để nguyên", key=key, n=n),
                    file,
                    field=key,
                    severity="warning",
                )
            )
    lines = [
        Change(f"“{a}” → “{b}”")
        for p, before in touched.items()
        for a, b in _differences(before, _paragraph_text_of(p))
    ]
    report.changes[:0] = lines
    return report


def _paragraph_text_of(p: Any) -> str:
    from dispatch_gen.wml import sdt

    return sdt.run_text(p)


def _recipient(ld: Any, edited: Path) -> Any | None:
    """The unit a per-unit letter is addressed to (recorded when it was rendered), in the new figures."""
    from dispatch_gen.render.marks import RECIPIENT_PROPERTY
    from dispatch_gen.wml import properties

    name = properties.read(edited).get(RECIPIENT_PROPERTY)
    if name is None:
        return None
    unit = next((u for u in (ld.figures.units if ld.figures else []) if u.name == name), None)
    if unit is None:
        message = _("thư gửi đơn vị “{name}”, nhưng số liệu mới không còn đơn vị đó", name=name)
        raise InputError([Problem(message, str(edited))])
    return unit


def update_file(
    edited: Path, input_yaml: Path, output: Path | None, force: bool, convert_legacy: bool = False
) -> Report:
    """Update ``edited`` from ``input_yaml``; write ``output``, or ``edited`` in place (old kept as .bak)."""
    import docx

    from dispatch_gen import pipeline
    from dispatch_gen.output import guard, save
    from dispatch_gen.wml import footnotes  # noqa: F401  (registers the footnotes part class)

    ld = pipeline.load(input_yaml, convert_legacy)
    target = output or edited
    inputs = guard.inputs_of(ld)
    if output is not None:
        guard.check([(output, "-o")], inputs, force)
    else:
        guard.check([(edited, _("tệp cần cập nhật"))], inputs, True)  # never over the YAML or its data
    try:
        document = docx.Document(str(edited))
    except Exception as exc:  # python-docx raises many kinds on what is not a .docx
        raise InputError([Problem(_("không mở được tệp Word: {error}", error=exc), str(edited))]) from None
    fresh, warnings = pipeline.build_dispatch(ld, recipient=_recipient(ld, edited), rows_as_text=_ROWS_AS_ELEMENTS)
    report = update_document(document, fresh, str(edited), force)
    report.problems = warnings + report.problems
    if output is None:
        save.copy_file(edited, edited.with_name(edited.name + ".bak"))
    save.save_document(document, target)
    return report
