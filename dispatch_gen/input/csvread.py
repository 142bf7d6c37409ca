"""A figures CSV as saved by the office's tools, read into rows, each with the line it starts on.

The delimiter is found from the first lines (",", ";" as Excel writes in a Vietnamese locale,
or a tab for Excel's "Unicode Text"); line ends may be CR LF, LF or CR alone (old Mac Excel).
A malformed file is refused at the place to look: a quote never closed is reported at the
line where it opened, a field past :data:`MAX_FIELD_CHARS` at its line.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from dispatch_gen.errors import InputError, Problem
from dispatch_gen.i18n import _
from dispatch_gen.input.source import decode_text

#: the longest field read: Python's csv limit (128 KB; a unit's name is a few dozen letters)
MAX_FIELD_CHARS = csv.field_size_limit()


def _open_quote(text: str, quote: str, delimiter: str) -> tuple[int, int]:
    """(line, column) of the quote that opens a field and is never closed."""
    line, col = 1, 0
    opened = (1, 1)
    in_quote = False
    at_start = True  # at the start of a field
    i = 0
    while i < len(text):
        c = text[i]
        col += 1
        if in_quote:
            if c == quote:
                if text[i + 1 : i + 2] == quote:  # a doubled quote is a quote in the text
                    i += 1
                    col += 1
                else:
                    in_quote = False
        elif at_start and c == quote:
            in_quote, opened = True, (line, col)
        at_start = not in_quote and c in (delimiter, "\n", "\r")
        if c == "\n" or (c == "\r" and text[i + 1 : i + 2] != "\n"):
            line, col = line + 1, 0
        i += 1
    return opened


def read_csv(data: bytes, file: str) -> tuple[list[list[Any]], list[int]]:
    """The rows of a CSV file and, for each, the (1-based) line it starts on."""
    text = decode_text(data, file, "CSV")
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect, strict=True)
    rows: list[list[Any]] = []
    lines: list[int] = []
    start = 1
    try:
        for row in reader:
            rows.append(row)
            lines.append(start)
            start = reader.line_num + 1
    except csv.Error as exc:
        message = str(exc)
        if "field larger than field limit" in message:
            problem = Problem(
                _("một ô dài quá {limit} KB; bảng số liệu không thể có ô dài như vậy", limit=MAX_FIELD_CHARS // 1024),
                file,
                reader.line_num,
                1,
            )
        elif "unexpected end of data" in message:
            line, col = _open_quote(text, dialect.quotechar or '"', dialect.delimiter)
            problem = Problem(
                _("dấu ngoặc kép mở ở đây chưa được đóng (đến hết tệp vẫn chưa thấy dấu đóng)"), file, line, col
            )
        else:
            problem = Problem(_("dòng CSV sai cú pháp: {error}", error=message), file, reader.line_num, 1)
        raise InputError([problem]) from None
    return rows, lines
