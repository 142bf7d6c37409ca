"""Unit figures from the office's spreadsheets (CSV or Excel), located by sheet, row and column.

Column titles are the ones the office writes ("Đơn vị", "Khối", "Chỉ tiêu", "Đã kết nạp" …),
matched without regard to case or spacing; a further measure is a pair of columns
"Chỉ tiêu <tên>" / "Đạt <tên>" whose <tên> is declared in ``so_lieu.chi_so_phu``; any other
column is read when ``so_lieu.cot_them`` names its title (a figure ``them.<khóa>`` of the unit).
A unit may have no quota/achieved pair: a "Tỷ lệ" column then holds its rate, a "Trạng thái"
column its status. Merged cells (a "Khối" written once for several rows) are filled down.
Numbers typed as text are read the Vietnamese way ("1.474", "81,88%"; :mod:`.vnnumber`).
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from dispatch_gen.errors import InputError, Problem, closest
from dispatch_gen.i18n import _
from dispatch_gen.input import bulk, csvread, files, legacy, vnnumber, xlsxread
from dispatch_gen.input.cells import SheetCells, col_letter
from dispatch_gen.input.source import Located
from dispatch_gen.vn import strip_control

BASE_COLUMNS = {
    "tt": None,
    "stt": None,
    "đơn vị": "ten",
    "tên đơn vị": "ten",
    "khối": "khoi",
    "chỉ tiêu": "chi_tieu",
    "chỉ tiêu giao": "chi_tieu",
    "chỉ tiêu được giao": "chi_tieu",
    "đạt": "dat",
    "đã đạt": "dat",
    "đã kết nạp": "dat",
    "kết nạp": "dat",
    "đã cấp": "dat",  # giấy tờ đã cấp (căn cước, định danh …)
    "thực hiện": "dat",
    "kết quả": "dat",
    "ghi chú": "ghi_chu",
    "trạng thái": "trang_thai",
    "tình trạng": "trang_thai",
    "tỷ lệ": "ty_le",
    "tỷ lệ (%)": "ty_le",
}
#: the columns of words, never read as numbers
TEXT_FIELDS = ("ten", "khoi", "ghi_chu", "trang_thai")
#: the figures read as whole numbers (the others, a rate or a further figure, may have decimals)
WHOLE = ("chi_tieu", "dat")
QUOTA_WORDS = ("chỉ tiêu",)
ACHIEVED_WORDS = ("đã kết nạp", "kết nạp", "đã đạt", "đạt", "thực hiện", "đã cấp")
MAX_SHEET_BYTES = 20 * 1024 * 1024
#: the most digits a figure may have (a quota of a million billion units is a typing slip)
MAX_DIGITS = 15
#: the kinds of spreadsheet read
SUFFIXES = (".csv", ".xlsx", ".xlsm")


def _norm(title: Any) -> str:
    text = unicodedata.normalize("NFC", str(title or "")).replace("\n", " ").strip().lower()
    return re.sub(r"\s+", " ", text)


def _map_titles(titles: list[Any], measures: dict[str, str], extra: dict[str, str] | None = None) -> dict[int, str]:
    """Map column index → unit field path ("ten", "chi_so_phu.ton_giao.dat", "them.hoc_sinh"), or raise."""
    mapping: dict[int, str] = {}
    known: dict[str, str | None] = dict(BASE_COLUMNS)
    for key, label in measures.items():
        lab = _norm(label)
        for w in QUOTA_WORDS:
            known[f"{w} {lab}"] = f"chi_so_phu.{key}.chi_tieu"
        for w in ACHIEVED_WORDS:
            known[f"{w} {lab}"] = f"chi_so_phu.{key}.dat"
    for key, title in (extra or {}).items():
        known[_norm(title)] = f"them.{key}"
    problems = []
    for i, title in enumerate(titles):
        t = _norm(title)
        if not t:
            continue
        if t not in known:
            problems.append((i, title, closest(t, known)))
            continue
        if target := known[t]:
            mapping[i] = target
    if problems:
        raise _TitleError(problems, mapping)
    return mapping


class _TitleError(Exception):
    def __init__(self, items: list[tuple[int, Any, str | None]], mapping: dict[int, str]) -> None:
        self.items = items
        self.mapping = mapping


#: the figures every unit must have, with the title the office uses for each
REQUIRED = {"chi_tieu": "Chỉ tiêu", "dat": "Đã kết nạp"}


def _likeness(title: str, field: str) -> float:
    """How much an unknown ``title`` looks like one of ``field``'s titles ("Số đã kết nạp (người)")."""
    t = re.sub(r"\(.*?\)", "", title).strip()
    best = 0.0
    for known, target in BASE_COLUMNS.items():
        if target == field:
            contained = 1.0 if re.search(rf"(?<!\w){re.escape(known)}(?!\w)", t) else 0.0
            best = max(best, contained, difflib.SequenceMatcher(None, t, known).ratio())
    return best


def _typo_of(title: Any, close: str | None, field: str) -> bool:
    """Whether ``title`` is a slip of the keys for a title of ``field`` ("Chỉ tiu" for "Chỉ tiêu")."""
    near = BASE_COLUMNS.get(close or "") == field
    return near and difflib.SequenceMatcher(None, _norm(title), close or "").ratio() >= 0.8


def _missing_columns(
    titles: list[Any],
    mapping: dict[int, str],
    unknown: list[tuple[int, Any, str | None]],
    file: str,
    row: int,
    where: str,
) -> tuple[list[Problem], set[int]]:
    """A required figure with no column of its own: say so, list the columns, point at the likeliest.

    A mistyped title whose nearest title is this figure's ("Chỉ tiu") already says it; a title
    nearer a sub-measure ("Số đã kết nạp (người)" → "đã kết nạp tôn giáo") is named here.
    Returns the problems and the unknown columns they name (reported here, not as unknown).
    """
    problems: list[Problem] = []
    named: set[int] = set()
    found = ", ".join(f"“{t}”" for t in titles if _norm(t))
    present = set(mapping.values())
    pairless = not present & set(REQUIRED) and bool(present & {"ty_le", "trang_thai"} or _has_extra(present))
    for field, label in REQUIRED.items():
        if pairless or field in present or any(_typo_of(t, close, field) for _i, t, close in unknown):
            continue
        others = ", ".join(f"“{k.capitalize()}”" for k, v in BASE_COLUMNS.items() if v == field and k != _norm(label))
        candidates = [(_likeness(_norm(t), field), i, t) for i, t, _c in unknown if i not in named]
        score, col, title = max(candidates, key=lambda c: c[0], default=(0.0, -1, ""))
        hint = ""
        if score >= 0.6:
            named.add(col)
            hint = _("; có phải cột “{title}”? Hãy đổi tiêu đề cột đó thành “{label}”", title=title, label=label)
        message = _(
            "thiếu cột bắt buộc “{label}” (hoặc {others}); các cột có: {found}{hint}",
            label=label,
            others=others,
            found=found,
            hint=hint,
        )
        at = col if score >= 0.6 else 0
        problems.append(Problem(message, file, row + 1, at + 1, f"{where}{col_letter(at + 1)}{row + 1}"))
    return problems, named


def _has_extra(fields: set[str]) -> bool:
    return any(f.startswith("them.") for f in fields)


def _clean_cells(
    grid: list[list[Any]], file: str, where: str, convert_legacy: bool, lines: list[int] | None = None
) -> list[Problem]:
    """Strip control characters and find old TCVN3/VNI text in every cell, in place.

    Returns the warnings (control characters removed, text converted); legacy text that is
    not to be converted raises, every such cell reported at once.
    """
    warnings: list[Problem] = []
    errors: list[Problem] = []
    #: each text once: a sheet repeats its "Khối", its notes, the words of its names
    seen: dict[str, tuple[str, bool, legacy.Legacy | None]] = {}
    for r, row in enumerate(grid):
        for c, value in enumerate(row):
            if not isinstance(value, str) or (value.isascii() and value.isprintable()):
                continue
            done = seen.get(value)
            if done is None:  # a printable text has no control character to strip
                cleaned, removed = (value, False) if value.isprintable() else strip_control(value)
                done = seen[value] = (cleaned, removed, legacy.detect(cleaned))
            cleaned, removed, found = done
            if removed or found is not None:
                cell = f"{where}{col_letter(c + 1)}{r + 1}"
                at = lines[r] if lines is not None else r + 1  # the line the row starts on (CSV)
                if removed:
                    warnings.append(
                        Problem(_("đã bỏ các ký tự điều khiển không in được"), file, at, c + 1, cell, "warning")
                    )
                if found is not None:
                    problem = legacy.report(found, convert_legacy, file, at, c + 1, cell)
                    (warnings if convert_legacy else errors).append(problem)
                    if convert_legacy:
                        cleaned = found.fixed
            row[c] = cleaned
    if errors:
        raise InputError(errors)
    return warnings


@bulk.paused
def read_units(
    path: Path,
    sheet: str,
    measures: dict[str, str],
    base_path: str,
    convert_legacy: bool = False,
    data: bytes | None = None,
    extra: dict[str, str] | None = None,
) -> Located:
    """Read unit rows from a .csv or .xlsx file into a :class:`Located` list of records.

    ``data``: the file's bytes, already read (confined) by the caller; else ``path`` is read
    through :func:`dispatch_gen.input.files.read_file`. Text in the old TCVN3/VNI encodings is
    an error, or converted with ``convert_legacy``. ``extra``: ``so_lieu.cot_them`` (key → title).
    """
    file = str(path)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise InputError(
            [Problem(_("tệp số liệu phải là .csv hoặc .xlsx, không phải “{suffix}”", suffix=suffix), file)]
        )
    if data is None:
        data = files.read_file(path, MAX_SHEET_BYTES, file, _("tệp số liệu"))
    lines: list[int] | None = None  # the line each row starts on, where it is not its number (CSV)
    formats: xlsxread.NumberFormats | None = None
    if suffix == ".csv":
        sheet_name = ""
        grid, lines = csvread.read_csv(data, file)
    elif suffix in (".xlsx", ".xlsm"):
        formats = xlsxread.NumberFormats()
        sheet_name, grid = xlsxread.read_xlsx(data, file, sheet, formats)
    else:
        raise InputError(
            [Problem(_("tệp số liệu phải là .csv hoặc .xlsx, không phải “{suffix}”", suffix=suffix), file)]
        )
    where = f"{sheet_name}!" if sheet_name else ""
    warnings = _clean_cells(grid, file, where, convert_legacy, lines)
    # the header row is the first row with a "Đơn vị" title
    header_row = next((r for r, row in enumerate(grid) if any(_norm(c) in ("đơn vị", "tên đơn vị") for c in row)), None)
    if header_row is None:
        raise InputError([Problem(_("không thấy dòng tiêu đề có cột “Đơn vị”"), file, 1, 1, where.rstrip("!"))])
    try:
        mapping, unknown = _map_titles(grid[header_row], measures, extra), []
    except _TitleError as err:
        mapping, unknown = err.mapping, err.items
    missing, named = _missing_columns(grid[header_row], mapping, unknown, file, header_row, where)
    if unknown or missing:
        raise InputError(
            missing
            + [
                Problem(
                    _(
                        "cột “{title}” không rõ là số liệu gì{hint}",
                        title=title,
                        hint=_(" (có phải “{word}”?)", word=close)
                        if close
                        else _(
                            "; hãy khai chỉ số phụ trong so_lieu.chi_so_phu, hoặc khai cột trong so_lieu.cot_them"
                            " (khóa: tiêu đề cột) để dùng nó như một số liệu của đơn vị"
                        ),
                    ),
                    file,
                    header_row + 1,
                    i + 1,
                    f"{where}{col_letter(i + 1)}{header_row + 1}",
                )
                for i, title, close in unknown
                if i not in named
            ]
        )
    pairless = not set(mapping.values()) & set(REQUIRED)  # a unit with a rate, a status, a note only
    if "ten" not in mapping.values():
        raise InputError([Problem(_("thiếu cột “Đơn vị”"), file, header_row + 1, 1)])
    duplicates = _duplicate_columns(grid[header_row], mapping, file, header_row, where)
    if duplicates:
        raise InputError(duplicates)

    def line(r: int) -> int:
        return lines[r] if lines is not None else r + 1

    columns = xlsxread.percent_cells(grid, header_row, [i for i, f in mapping.items() if _rate_like(f)], formats)
    cells: dict[tuple[int, int], int] = {}
    if formats is not None and formats.unsure:  # read every cell's format, for those columns
        every = xlsxread.NumberFormats(rows=None)
        xlsxread.read_xlsx(data, file, sheet, every)
        cells = {(r, c): n for (r, c), n in every.percent.items() if c in formats.unsure and r > header_row}

    too_big: list[Problem] = []  # and numbers typed in a form that cannot be read for sure
    rows: list[dict[str, Any]] = []
    read_rows: list[int] = []  # the sheet row of each unit
    titles = grid[header_row]
    # each column once: (index, field, the field's parts, words or a figure, may be left empty)
    plan = [
        (
            i,
            field,
            field.split("."),
            field in TEXT_FIELDS,
            field in (*TEXT_FIELDS, "ty_le") or field.startswith(("chi_so_phu.", "them.")) or pairless,
        )
        for i, field in mapping.items()
    ]

    def name(r: int, i: int) -> str:
        return f"{where}{col_letter(i + 1)}{r + 1} ({titles[i]})"

    for r in range(header_row + 1, len(grid)):
        row = grid[r]
        if all(c is None or str(c).strip() == "" for c in row):
            continue
        record: dict[str, Any] = {}
        width = len(row)
        for i, field, parts, words, optional in plan:
            value = row[i] if i < width else None
            if isinstance(value, str):
                value = value.strip()  # once: empty, or read as words or a number
            if value is None or (isinstance(value, str) and not value):
                if optional:
                    continue
                # a count left empty where the sheet has the counts: say so (None would read as "no pair")
                too_big.append(Problem(_("còn trống; cần một số nguyên"), file, line(r), i + 1, name(r, i)))
                continue
            elif isinstance(value, str):
                if not value.isascii():
                    value = unicodedata.normalize("NFC", value)
                if not words:
                    try:
                        value = _number(value, field)
                    except vnnumber.NumberTextError as err:
                        too_big.append(Problem(str(err), file, line(r), i + 1, name(r, i)))
                        continue
            elif i in columns or (r, i) in cells:  # 0,8188 shown as 81,88%: 81.88 percent
                value = xlsxread.as_percent(value, columns[i] if i in columns else cells[(r, i)])
            elif isinstance(value, float) and value.is_integer():
                value = int(value)
            if len(parts) == 1:
                record[field] = value
                continue
            target = record
            for p in parts[:-1]:
                target = target.setdefault(p, {})
            target[parts[-1]] = value
        rows.append(record)
        read_rows.append(r)
    if too_big:
        raise InputError(too_big)
    places = SheetCells(base_path, where, read_rows, lines, {f: i for i, f in mapping.items()}, titles, _("dòng"))
    return Located(rows, file, places.positions, warnings, names=places.names)


def _rate_like(field: str) -> bool:
    """A field whose numbers an office may keep as Excel percentages: a rate, a further figure."""
    return field == "ty_le" or field.endswith(".ty_le") or field.startswith("them.")


def _number(text: str, field: str) -> Any:
    """A figure typed as text, read the Vietnamese way: an int for a count, a Decimal otherwise.

    Words in a further figure's column stay words; words or a fraction in a count are left as
    typed, for the model to refuse ("cần một số nguyên, không phải …"). Raises
    :class:`vnnumber.NumberTextError` for an ambiguous or foreign form, or a number too long.
    """
    if text.isascii() and text.isdigit() and len(text) <= MAX_DIGITS:  # "1474": most cells, read at once
        return int(text)
    if not vnnumber.looks_like_number(text):
        return text
    digits = sum(ch.isdigit() for ch in text.partition(",")[0])  # the whole part, thousands dots aside
    if digits > MAX_DIGITS:
        raise vnnumber.NumberTextError(_("số quá lớn ({n} chữ số, tối đa {limit})", n=digits, limit=MAX_DIGITS))
    value = vnnumber.parse(text)
    if value is None:
        return text
    whole = field in WHOLE or field.startswith("chi_so_phu.")
    if value == value.to_integral_value() and not text.rstrip().endswith("%"):
        return int(value)
    if whole:
        return text
    return value


def _duplicate_columns(titles: list[Any], mapping: dict[int, str], file: str, row: int, where: str) -> list[Problem]:
    """Two columns with one title, or two titles for one figure ("Đạt", "Đã kết nạp"): each named.

    Reading would keep one of them silently; the office must say which.
    """
    problems: list[Problem] = []
    first: dict[str, int] = {}
    for i, title in enumerate(titles):
        t = _norm(title)
        if not t:
            continue
        for key in {f"title:{t}", f"field:{mapping[i]}" if i in mapping else f"title:{t}"}:
            if key not in first:
                first[key] = i
                continue
            j = first[key]
            problems.append(
                Problem(
                    _(
                        "cột “{title}” trùng với cột “{other}” ở {other_cell} ({place}): mỗi số liệu chỉ được "
                        "có một cột; hãy xóa hoặc đổi tên một trong hai cột",
                        title=title,
                        other=titles[j],
                        other_cell=f"{where}{col_letter(j + 1)}{row + 1}",
                        place=f"{file}:{row + 1}:{j + 1}",
                    ),
                    file,
                    row + 1,
                    i + 1,
                    f"{where}{col_letter(i + 1)}{row + 1}",
                )
            )
            break
    return problems


def read_grid(path: Path, sheet: str, convert_legacy: bool, data: bytes) -> tuple[list[list[str]], list[Problem]]:
    """A sheet printed as it is (a plain table appendix): its non-empty rows as texts, and the warnings.

    Numbers are written as Vietnamese offices type them (1.474; 81,88), dates as 05/8/2024; the
    empty rows and the empty columns at the right are left out.
    """
    from dispatch_gen import vn

    file = str(path)
    suffix = path.suffix.lower()
    lines: list[int] | None = None
    shown = xlsxread.NumberFormats(rows=None)  # a table printed as it is: every cell's format
    if suffix == ".csv":
        sheet_name = ""
        grid, lines = csvread.read_csv(data, file)
    else:
        sheet_name, grid = xlsxread.read_xlsx(data, file, sheet, shown)
    warnings = _clean_cells(grid, file, f"{sheet_name}!" if sheet_name else "", convert_legacy, lines)

    def text(value: Any, at: tuple[int, int]) -> str:
        if value is None:
            return ""
        if at in shown.percent:  # 0,8188 shown as 81,88%
            places = shown.percent[at]
            return vn.format_percent(xlsxread.as_percent(value, places), places)
        if isinstance(value, bool):
            return str(value)
        if isinstance(value, int):
            return vn.format_number(value)
        if isinstance(value, float):
            d = Decimal(str(value))
            return vn.format_number(d, vn.decimal_places(d))
        if isinstance(value, datetime):
            value = value.date()
        if isinstance(value, date):
            return vn.text_date(value)
        return str(value).strip()

    rows = [[text(v, (r, c)) for c, v in enumerate(row)] for r, row in enumerate(grid)]
    rows = [row for row in rows if any(row)]
    width = max((max((i + 1 for i, v in enumerate(row) if v), default=0) for row in rows), default=0)
    return [(row + [""] * width)[:width] for row in rows], warnings
