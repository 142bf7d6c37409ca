"""An Excel figures sheet read within stated bounds of time and memory, whatever the file holds.

An .xlsx is a zip of XML parts. Before anything is inflated, the package is checked from its
directory: at most :data:`MAX_MEMBERS` parts, none larger than :data:`MAX_PART_BYTES` once
unpacked nor packed more than :data:`MAX_RATIO` times (a "zip bomb"). Each XML part is then
streamed once: a document type declaration (where XML entities such as the "billion laughs"
live) is refused, and the shared strings are counted (at most :data:`MAX_SHARED_STRINGS`).
The sheet is read by openpyxl in read-only mode, row by row, without trusting the size the
sheet claims for itself: only the first :data:`MAX_COLUMNS` columns are read (a cell further
right is under no heading), at most :data:`MAX_ROWS` rows (a value below them is refused); a
cell of more than :data:`MAX_CELL_CHARS` characters (Excel's own limit) is refused, and merged
ranges are filled only inside what was read.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from dispatch_gen.errors import InputError, Problem, did_you_mean
from dispatch_gen.i18n import _

MAX_MEMBERS = 2000
MAX_PART_BYTES = 100 * 1024 * 1024
MAX_RATIO = 200  # packed size × this; a real sheet packs 5–30 times
MAX_SHARED_STRINGS = 1_000_000
MAX_ROWS = 20_000
MAX_COLUMNS = 100
MAX_CELL_CHARS = 32_767
MAX_MERGED = 100_000

_DOCTYPE = re.compile(rb"<!DOCTYPE|<!ENTITY|<\x00!\x00D\x00O\x00C|\x00<\x00!\x00D\x00O\x00C", re.I)
_SHARED_STRING = re.compile(rb"<(?:\w+:)?si[\s>/]")
_MERGE = re.compile(rb"<(?:\w+:)?mergeCell\s[^>]*?ref=\"([A-Z]{1,3}[0-9]{1,7})(?::([A-Z]{1,3}[0-9]{1,7}))?\"")
_CELL = re.compile(r"([A-Z]{1,3})([0-9]{1,7})")


#: the rows whose number formats :func:`read_xlsx` looks at, when asked (the header and the first data rows)
FORMAT_ROWS = 60
_PERCENT_PLACES = re.compile(r"[.]([0#?]+)[^%]*%")


@dataclass
class NumberFormats:
    """The numbers of a sheet shown as percentages, found by :func:`read_xlsx` when given one.

    ``rows``: the first rows to look at (None: every row; looking at a cell's style costs about
    half the reading again, so a sheet's rows are sampled). ``percent``: (row, column), 0-based,
    of each number shown with a percent format → the decimals the format shows; ``plain``: the
    other numbers looked at.
    """

    rows: int | None = FORMAT_ROWS
    percent: dict[tuple[int, int], int] = field(default_factory=dict)
    plain: set[tuple[int, int]] = field(default_factory=set)
    #: the columns :func:`percent_cells` could not decide from the first rows
    unsure: list[int] = field(default_factory=list)


def percent_cells(
    grid: list[list[Any]], header_row: int, columns: list[int], formats: NumberFormats | None
) -> dict[int, int]:
    """The ``columns`` (rates) whose first data cells all show their numbers as percentages, with
    the decimals shown: every number of such a column is taken so (looking at every cell's format
    costs half the reading again). A column whose first cells mix the two, or under a header too
    low to have first rows looked at, goes to ``formats.unsure``.
    """
    whole: dict[int, int] = {}
    if formats is None:
        return whole
    sample = range(header_row + 1, min(len(grid), formats.rows or len(grid)))
    for i in columns:
        places = [formats.percent[(r, i)] for r in sample if (r, i) in formats.percent]
        plain = any((r, i) in formats.plain for r in sample)
        if places and not plain:
            whole[i] = places[0]
        elif places or (not sample and len(grid) > header_row + 1):
            formats.unsure.append(i)
    return whole


def as_percent(value: Any, places: int) -> Any:
    """An Excel fraction shown as a percentage (0.8188 as 81,88%) as the percentage: Decimal 81.88
    (the stored digits kept, at least the decimals the format shows)."""
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        return value
    d = (Decimal(repr(value)) * 100).normalize()
    exponent = d.as_tuple().exponent
    decimals = max(places, -exponent if isinstance(exponent, int) else 0, 0)
    return d.quantize(Decimal(1).scaleb(-decimals))


def _percent_places(number_format: str) -> int | None:
    """The decimals a percent format shows ("0.00%" → 2, "0%" → 0); None for another format."""
    if "%" not in number_format:
        return None
    m = _PERCENT_PLACES.search(number_format)
    return len(m.group(1)) if m else 0


def _look_at_formats(ws: Any, formats: NumberFormats) -> None:
    for r, row in enumerate(ws.iter_rows(max_row=formats.rows or MAX_ROWS, max_col=MAX_COLUMNS)):
        for c, cell in enumerate(row):
            value = cell.value
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                places = _percent_places(cell.number_format or "")
                if places is None:
                    formats.plain.add((r, c))
                else:
                    formats.percent[(r, c)] = places


def _refuse(file: str, message: str) -> InputError:
    return InputError([Problem(message, file)])


def _scan(zf: zipfile.ZipFile, info: zipfile.ZipInfo, file: str) -> tuple[int, list[tuple[bytes, bytes]]]:
    """Stream one XML part: refuse a DTD; count shared strings; collect merged ranges."""
    count = 0
    merges: list[tuple[bytes, bytes]] = []
    tail = b""
    with zf.open(info) as fh:
        while True:
            chunk = fh.read(1 << 20)
            if not chunk:
                break
            data = tail + chunk
            if _DOCTYPE.search(data):
                raise _refuse(
                    file,
                    _(
                        "tệp Excel có khai báo DOCTYPE/ENTITY ở phần “{part}” (Excel không viết thế); không đọc",
                        part=info.filename,
                    ),
                )
            cut = max(data.rfind(b"<"), len(data) - 64)  # keep a tag cut in two for the next round
            body, tail = data[:cut], data[cut:]
            count += len(_SHARED_STRING.findall(body))
            if count > MAX_SHARED_STRINGS:
                raise _refuse(
                    file,
                    _(
                        "tệp Excel có quá {limit} chuỗi chữ; không đọc",
                        limit=f"{MAX_SHARED_STRINGS:,}".replace(",", "."),
                    ),
                )
            if len(merges) <= MAX_MERGED:
                merges.extend(_MERGE.findall(body))
    count += len(_SHARED_STRING.findall(tail))
    merges.extend(_MERGE.findall(tail))
    return count, merges


def check_package(data: bytes, file: str) -> dict[str, list[tuple[bytes, bytes]]]:
    """Check the package's directory and stream its XML parts; the merged ranges of each part."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise _refuse(file, _("không mở được tệp Excel: {error}", error=exc)) from None
    if len(infos) > MAX_MEMBERS:
        raise _refuse(file, _("tệp Excel có quá {limit} phần; không đọc", limit=MAX_MEMBERS))
    merges: dict[str, list[tuple[bytes, bytes]]] = {}
    with zf:
        for info in infos:
            ratio_limit = max(info.compress_size * MAX_RATIO, 1024 * 1024)
            if info.file_size > MAX_PART_BYTES or info.file_size > ratio_limit:
                raise _refuse(
                    file,
                    _(
                        "phần “{part}” của tệp Excel giải nén ra {size} MB (tối đa {limit} MB, và không quá "
                        "{ratio} lần cỡ nén); có thể là “bom zip”, không đọc",
                        part=info.filename,
                        size=info.file_size // (1024 * 1024),
                        limit=MAX_PART_BYTES // (1024 * 1024),
                        ratio=MAX_RATIO,
                    ),
                )
        for info in infos:
            if info.filename.endswith((".xml", ".rels", ".vml")) or "/" not in info.filename:
                try:
                    _count, found = _scan(zf, info, file)
                except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
                    raise _refuse(file, _("không mở được tệp Excel: {error}", error=exc)) from None
                if found:
                    merges[info.filename] = found
    return merges


def _cell(ref: bytes) -> tuple[int, int]:
    """b"AB12" → (row 12, column 28)."""
    m = _CELL.fullmatch(ref.decode("ascii"))
    assert m is not None  # the pattern that found it
    col = 0
    for ch in m.group(1):
        col = col * 26 + ord(ch) - 64
    return int(m.group(2)), col


def read_xlsx(data: bytes, file: str, sheet: str, formats: NumberFormats | None = None) -> tuple[str, list[list[Any]]]:
    """(sheet title, rows of cell values) of ``sheet`` (the first when empty), within the limits.

    ``formats``: filled with the numbers shown as percentages in its first rows (a second,
    shorter pass over the sheet, whose values are read without their styles).
    """
    from openpyxl import load_workbook

    merges = check_package(data, file)
    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:
        raise _refuse(file, _("không mở được tệp Excel: {error}", error=exc)) from None
    try:
        if sheet and sheet not in wb.sheetnames:
            raise InputError(
                [
                    Problem(
                        _(
                            "không có trang tính “{sheet}”; các trang: {sheets}{hint}",
                            sheet=sheet,
                            sheets=", ".join(wb.sheetnames),
                            hint=did_you_mean(sheet, wb.sheetnames, parenthetical=True),
                        ),
                        file,
                    )
                ]
            )
        ws = wb[sheet] if sheet else wb.worksheets[0]
        ws.reset_dimensions()  # the size a sheet claims is not trusted
        grid: list[list[Any]] = []
        past = 0  # the first row past MAX_ROWS with a value in the columns read
        try:
            if formats is not None:
                _look_at_formats(ws, formats)
            for n, row in enumerate(ws.iter_rows(max_col=MAX_COLUMNS, values_only=True), 1):
                if n <= MAX_ROWS:
                    grid.append(list(row))
                elif row.count(None) != len(row) and any(v is not None and v != "" for v in row):  # fast on gaps
                    past = n
                    break
        except Exception as exc:
            raise _refuse(file, _("không đọc được trang tính “{sheet}”: {error}", sheet=ws.title, error=exc)) from None
        title = ws.title
        path = str(getattr(ws, "_worksheet_path", "")).lstrip("/")
    finally:
        wb.close()
    while grid and all(v is None or v == "" for v in grid[-1]):
        grid.pop()
    if past:
        message = _("có dữ liệu ở dòng {row}; bảng số liệu tối đa {limit} dòng", row=past, limit=MAX_ROWS)
        raise InputError([Problem(message, file, past, 1, title)])
    for r, row in enumerate(grid):
        for c, value in enumerate(row):
            if isinstance(value, str) and len(value) > MAX_CELL_CHARS:
                raise InputError(
                    [
                        Problem(
                            _("ô dài {n} ký tự, quá giới hạn {limit} của Excel", n=len(value), limit=MAX_CELL_CHARS),
                            file,
                            r + 1,
                            c + 1,
                        )
                    ]
                )
    _fill_merged(grid, merges.get(path, []))
    return title, grid


def _fill_merged(grid: list[list[Any]], ranges: list[tuple[bytes, bytes]]) -> None:
    """Give every cell of a merged range the value of its first cell, inside the rows read."""
    for first, last in ranges[:MAX_MERGED]:
        r0, c0 = _cell(first)
        r1, c1 = _cell(last) if last else (r0, c0)
        if r0 > len(grid) or c0 > MAX_COLUMNS:
            continue
        value = grid[r0 - 1][c0 - 1] if c0 - 1 < len(grid[r0 - 1]) else None
        for r in range(r0, min(r1, len(grid)) + 1):
            row = grid[r - 1]
            for c in range(c0, min(c1, len(row)) + 1):
                row[c - 1] = value
