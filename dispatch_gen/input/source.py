"""Read the user's files and keep where every value came from.

The YAML is composed into nodes (so every value keeps its line and column), then turned
into plain Python values; :class:`Located` maps each field path (``kinh_gui[2]``) to its
position. Unit figures may also come from a CSV or XLSX sheet, whose cells are located as
``SHEET!C5``. Size limits and alias counting keep hostile files (a 50 MB file, a "billion
laughs" alias bomb) from exhausting the machine.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from dispatch_gen.errors import InputError, Problem
from dispatch_gen.i18n import _, get_language
from dispatch_gen.input import files, legacy
from dispatch_gen.vn import strip_control

MAX_YAML_BYTES = 2 * 1024 * 1024
MAX_NODES = 200_000
#: lists and mappings inside each other: a dispatch needs 4; past this a file is hostile or broken
MAX_DEPTH = 50
#: standard YAML types with no place in a dispatch (bytes, sets, ordered pairs): refused like
#: Python tags, never printed as "b'…'" or "{'a': None}"
_REFUSED_TAGS = ("binary", "set", "omap", "pairs")
#: what YAML 1.1 reads as an octal number ("012" → 10)
_OCTAL = re.compile(r"[-+]?0[0-7_]+")
_YAML_TAG = "tag:yaml.org,2002:"
#: characters PyYAML refuses to read (control characters pasted from Word, U+FFFF …): each is
#: put aside as this mark before parsing, then removed from its value with a warning naming
#: the field, as control characters written as escapes ("\v") are
_UNREADABLE = yaml.reader.Reader.NON_PRINTABLE
_MARK = "\U0010fffd"
#: a lone UTF-16 surrogate ("\ud83d" written as an escape) cannot be stored in a .docx
_SURROGATE = re.compile("[\ud800-\udfff]")


def _xml_safe(text: str) -> tuple[str, bool]:
    """Remove what XML cannot hold and the marks of unreadable characters; say whether any was."""
    removed = False
    if _SURROGATE.search(text):  # a pair written as two escapes ("\ud83d\ude00") is one character
        joined = text.encode("utf-16", "surrogatepass").decode("utf-16", "surrogatepass")
        text = _SURROGATE.sub("", joined)
        removed = len(text) != len(joined)
    if _MARK in text:
        text, removed = text.replace(_MARK, ""), True
    text, stripped = strip_control(text)
    return text, removed or stripped


@dataclass
class Located:
    """Plain data read from one file, with the position of every field path."""

    data: Any
    file: str
    #: a dict, or for a units sheet the places worked out when asked (:mod:`dispatch_gen.input.cells`)
    positions: Mapping[str, tuple[int, int]] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)
    #: how to name a field path to the user, when not by the path itself (a sheet cell "Sheet1!C5")
    names: Mapping[str, str] = field(default_factory=dict)
    #: first line of the text of each block scalar (``noi_dung: |``): the text starts below the key
    text_lines: dict[str, int] = field(default_factory=dict)
    #: a plain value YAML read as a number, a date or a truth value, as typed ("1.10", "2024-01-01"):
    #: a text field prints it so, not as Python writes the value ("1.1")
    plain: dict[str, str] = field(default_factory=dict)

    def where(self, path: str) -> tuple[int, int]:
        """Position of ``path``, or of its nearest located parent."""
        while path:
            if path in self.positions:
                return self.positions[path]
            cut = max(path.rfind("."), path.rfind("["))
            path = path[:cut] if cut > 0 else ""
        return self.positions.get("", (1, 1))

    def problem(self, path: str, message: str, severity: str = "error") -> Problem:
        line, col = self.where(path)
        return Problem(message, self.file, line, col, self.names.get(path, path), severity)


def _child(path: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else str(key)


class _Builder:
    """Turn composed YAML nodes into Python values, recording positions."""

    def __init__(self, file: str, convert_legacy: bool = False, lines: list[str] | None = None) -> None:
        self.file = file
        self.lines = lines or []
        self.convert_legacy = convert_legacy
        self.positions: dict[str, tuple[int, int]] = {}
        self.warnings: list[Problem] = []
        self.problems: list[Problem] = []  # reported together once the whole file is read
        self.text_lines: dict[str, int] = {}
        self.plain: dict[str, str] = {}
        self.depth = 0
        self.count = 0
        self.constructor = yaml.SafeLoader("")

    def at(self, node: yaml.Node, message: str, path: str, severity: str = "error") -> Problem:
        """A problem located at ``node``'s line and column."""
        return Problem(message, self.file, node.start_mark.line + 1, node.start_mark.column + 1, path, severity)

    def build(self, node: yaml.Node, path: str) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            message = _(
                "tệp có quá nhiều phần tử hoặc bí danh (alias) lồng nhau; hãy viết dữ liệu trực tiếp, không dùng & và *"
            )
            raise InputError([self.at(node, message, path)])
        self.positions.setdefault(path, (node.start_mark.line + 1, node.start_mark.column + 1))
        if (
            node.tag.startswith(_YAML_TAG + "python/")
            or not node.tag.startswith(_YAML_TAG)
            or node.tag[len(_YAML_TAG) :] in _REFUSED_TAGS
        ):
            # "!!python/object/apply:os.system": never constructed (SafeLoader); say so plainly
            tag = node.tag.replace(_YAML_TAG, "!!")
            message = _("thẻ YAML “{tag}” không được dùng; hãy bỏ nó đi và viết giá trị trực tiếp", tag=tag)
            raise InputError([self.at(node, message, path)])
        if isinstance(node, yaml.MappingNode | yaml.SequenceNode):
            if self.depth >= MAX_DEPTH:
                message = _("các mục lồng nhau quá sâu (quá {n} lớp); hãy viết phẳng hơn", n=MAX_DEPTH)
                raise InputError([self.at(node, message, "")])  # its path would be 50 keys long
            self.depth += 1
            try:
                return self.collection(node, path)
            finally:
                self.depth -= 1
        return self.scalar(node, path)

    def collection(self, node: yaml.MappingNode | yaml.SequenceNode, path: str) -> Any:
        if isinstance(node, yaml.MappingNode):
            out: dict[str, Any] = {}
            for key_node, value_node in node.value:
                key = self.constructor.construct_object(key_node)
                if not isinstance(key, str):
                    key = str(key)
                key = unicodedata.normalize("NFC", _xml_safe(key)[0])
                sub = _child(path, key)
                if key in out:
                    raise InputError([self.at(key_node, _("khóa “{key}” được viết hai lần", key=key), sub)])
                self.positions[sub] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
                out[key] = self.build(value_node, sub)
            return out
        return [self.build(item, _child(path, i)) for i, item in enumerate(node.value)]

    def scalar(self, node: yaml.Node, path: str) -> Any:
        try:
            value = self.constructor.construct_object(node)
        except ValueError:  # an int past Python's 4300 digits; a timestamp that is no real date (2024-02-31)
            if node.tag.endswith(":int"):
                message = _("số quá lớn ({n} chữ số)", n=len(node.value.lstrip("+-")))
                raise InputError([self.at(node, message, path)]) from None
            value = node.value  # the date-looking text: refused where a date is due, kept where a text is
        if isinstance(node, yaml.ScalarNode) and node.style in ("|", ">"):
            self.text_lines[path] = node.start_mark.line + 2
        if isinstance(node, yaml.ScalarNode) and not node.style:
            self.merged_item(node, path)
            if not isinstance(value, str) and value is not None:
                value = self.typed_as_meant(node, value, path)
        if isinstance(value, str) and isinstance(node, yaml.ScalarNode):
            value, removed = _xml_safe(unicodedata.normalize("NFC", value))
            if removed:
                self.warnings.append(self.at(node, _("đã bỏ các ký tự điều khiển không in được"), path, "warning"))
            value = self.legacy_text(value, node, path)
        return value

    def typed_as_meant(self, node: yaml.ScalarNode, value: Any, path: str) -> Any:
        """A plain number as the clerk meant it, where YAML 1.1 reads it otherwise; keep what was typed.

        "012" is octal to YAML 1.1 (10): twelve is meant. "1:30" is base 60 (90): a text.
        """
        self.plain[path] = node.value
        if isinstance(value, bool) or not isinstance(value, int | float):
            return value
        if ":" in node.value:
            return node.value
        if isinstance(value, int) and _OCTAL.fullmatch(node.value):
            return int(node.value.replace("_", ""), 10)
        return value

    def merged_item(self, node: yaml.ScalarNode, path: str) -> None:
        """A plain text whose continuation line starts with "- ": an over-indented list item."""
        for n in range(node.start_mark.line + 1, min(node.end_mark.line + 1, len(self.lines))):
            line = self.lines[n]
            stripped = line.lstrip(" ")
            if stripped.startswith("- ") or stripped == "-":
                message = _(
                    "dòng này bắt đầu bằng “- ” nhưng thụt lề sâu hơn mục trên nên bị đọc nối vào mục đó; "
                    "hãy đặt dấu “-” thẳng cột với dấu “-” của các mục khác"
                )
                self.problems.append(Problem(message, self.file, n + 1, len(line) - len(stripped) + 1, path))
                return

    def legacy_text(self, value: str, node: yaml.ScalarNode, path: str) -> str:
        """Report (or convert) text typed in the old TCVN3/VNI fonts, located to its own line."""
        found = legacy.detect(value)
        if found is None:
            return value
        line, col = node.start_mark.line + 1, node.start_mark.column + 1
        if node.style == "|":  # a literal block: the text starts on the line below the key
            line, col = line + 1 + found.line, 1
        problem = legacy.report(found, self.convert_legacy, self.file, line, col, path)
        if self.convert_legacy:
            self.warnings.append(problem)
            return found.fixed
        self.problems.append(problem)
        return value


def read_text(path: Path) -> str:
    """Read a UTF-8 text file, refusing binary and oversized files with a located message."""
    file = str(path)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise InputError([Problem(_("không tìm thấy tệp"), file)]) from None
    except OSError as exc:
        raise InputError([Problem(_("không đọc được tệp: {error}", error=exc.strerror), file)]) from None
    if size > MAX_YAML_BYTES:
        raise InputError(
            [
                Problem(
                    _(
                        "tệp quá lớn ({size} MB, tối đa {limit} MB)",
                        size=round(size / 1048576, 1),
                        limit=MAX_YAML_BYTES // 1048576,
                    ),
                    file,
                )
            ]
        )
    if path.is_dir():
        raise InputError([Problem(_("đây là một thư mục, không phải tệp; hãy ghi tên tệp"), file)])
    # The same reader as every other file the tool opens: regular files only (a FIFO or a device
    # named as the YAML is refused, not waited on), bounded in size while it is read.
    return decode_text(files.read_file(path, MAX_YAML_BYTES, file), file)


def decode_text(raw: bytes, file: str, kind: str = "YAML") -> str:
    """The text of a text file's bytes, refusing binary and other encodings with a located message.

    UTF-8, or UTF-16/32 with a BOM, or Windows-1258 when unambiguous (:mod:`files`);
    ``kind`` ("YAML", "CSV") says how to save the file again in UTF-8.
    """
    marked = files.decode_bom(raw, file)
    if marked is not None:
        return marked
    if b"\x00" in raw[:8192]:
        message = _(
            "đây là tệp nhị phân (ảnh, tệp Word, Excel…), không phải tệp văn bản; "
            "hãy chọn đúng tệp văn bản (.yaml, .csv) đã lưu với bảng mã UTF-8"
        )
        if raw.startswith(b"PK\x03\x04"):  # a zip: most likely a workbook renamed .csv, or a .docx
            message = _(
                "đây là tệp nén (có thể là tệp Excel .xlsx hoặc Word .docx đổi tên), không phải tệp văn bản; "
                "bảng tính Excel hãy để đuôi .xlsx"
            )
        raise InputError([Problem(message, file, 1, 1)])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        vietnamese = files.plausible_cp1258(raw)
        if vietnamese is not None:
            return vietnamese
        line = raw[: exc.start].count(b"\n") + 1
        message = _("tệp không phải mã UTF-8; hãy lưu lại với bảng mã UTF-8")
        raise InputError([Problem(f"{message} ({files.resave_hint(kind)})", file, line, 1)]) from None
    return text


def _deeper_than_above(text: str, line: int) -> bool:
    """Whether 0-based ``line`` is indented deeper than the line above, which opens no block."""
    lines = text.splitlines()
    if not 0 < line < len(lines):
        return False
    above = next((x for x in reversed(lines[:line]) if x.strip() and not x.lstrip().startswith("#")), "")
    indent = len(lines[line]) - len(lines[line].lstrip(" "))
    return indent > len(above) - len(above.lstrip(" ")) and not above.rstrip().endswith((":", "|", ">", "-"))


def _syntax_problem(exc: yaml.MarkedYAMLError, file: str, text: str) -> Problem:
    """A YAML syntax error in words an office clerk can act on, at the place to look.

    An unclosed quote or bracket is located where it opens (PyYAML notices it only at the
    end of the file or the next line). PyYAML's own (English) words are given only when no
    hint explains the fault, and in parentheses after the hint in English.
    """
    problem, context = exc.problem or "", exc.context or ""
    mark = exc.problem_mark or exc.context_mark
    hint = ""
    if problem.startswith("mapping values are not allowed") and mark and _deeper_than_above(text, mark.line):
        hint = _("dòng này thụt lề sâu hơn dòng trên; các khóa cùng cấp phải thẳng cột với nhau")
    elif problem.startswith("mapping values are not allowed"):
        hint = _("dấu hai chấm “:” không được đứng ở đây; giá trị có dấu hai chấm phải đặt trong ngoặc kép")
    elif context.startswith("while scanning a quoted scalar"):
        mark, hint = exc.context_mark or mark, _("dấu ngoặc kép mở ở đây chưa được đóng")
    elif context.startswith("while parsing a flow sequence"):
        mark, hint = exc.context_mark or mark, _("danh sách “[ … ]” mở ở đây chưa được đóng bằng “]”")
    elif context.startswith("while parsing a flow mapping"):
        mark, hint = exc.context_mark or mark, _("bảng “{ … }” mở ở đây chưa được đóng bằng “}”")
    elif "expected <block end>" in problem or "expected '-' indicator" in problem:
        hint = _("các dòng cùng cấp phải thẳng cột với nhau (kiểm tra số dấu cách đầu dòng)")
    elif problem.startswith("found undefined alias"):
        hint = _("bí danh “*…” chưa được khai báo bằng “&…”")
    detail = problem or context
    if not hint:
        message = _("lỗi cú pháp YAML: {problem}", problem=detail)
    elif get_language() == "vi":  # PyYAML's English helps no clerk once the hint says it in words
        message = _("lỗi cú pháp YAML: {hint}", hint=hint)
    else:
        message = _("lỗi cú pháp YAML: {hint} ({problem})", hint=hint, problem=detail)
    line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
    return Problem(message, file, line, col)


def _deepest(text: str) -> tuple[int, int]:
    """Line and column where brackets first nest past MAX_DEPTH levels (else the most indented line)."""
    depth = 0
    for n, line in enumerate(text.splitlines(), 1):
        for c, ch in enumerate(line, 1):
            depth += 1 if ch in "[{" else -1 if ch in "]}" else 0
            if depth >= MAX_DEPTH:  # the file's own mapping is the first level
                return n, c
    lines = text.splitlines() or [""]
    n = max(range(len(lines)), key=lambda i: len(lines[i]) - len(lines[i].lstrip(" ")))
    return n + 1, len(lines[n]) - len(lines[n].lstrip(" ")) + 1


#: libyaml's parser when PyYAML was built with it (about 10× faster than the pure-Python one)
_FAST_LOADER = getattr(yaml, "CSafeLoader", None)


def _compose(text: str) -> yaml.Node | None:
    """Compose with libyaml; on an error, parse again in pure Python for PyYAML's own message."""
    if _FAST_LOADER is not None:
        try:
            return yaml.compose(text, Loader=_FAST_LOADER)
        except yaml.YAMLError:
            pass
    return yaml.compose(text, Loader=yaml.SafeLoader)


def load_yaml(path: Path, convert_legacy: bool = False, text: str | None = None) -> Located:
    """Parse a YAML file into plain values with the position of every field.

    Text in the old TCVN3/VNI encodings is an error, or converted with ``convert_legacy``.
    ``text``: the file's text as an editor holds it, not yet saved (``serve``): read instead of
    the file, its messages still naming ``path``.
    """
    file = str(path)
    text = read_text(path) if text is None else text
    for n, line in enumerate(text.splitlines(), 1):
        stripped = line.lstrip(" ")
        if stripped.startswith("\t"):
            raise InputError(
                [
                    Problem(
                        _(
                            "dòng này thụt lề bằng ký tự Tab, mà YAML chỉ nhận dấu cách; "
                            "hãy xóa Tab và gõ dấu cách thay vào"
                        ),
                        file,
                        n,
                        len(line) - len(stripped) + 1,
                    )
                ]
            )
    text = _UNREADABLE.sub(_MARK, text)
    try:
        node = _compose(text)
    except RecursionError:  # "[[[[…" nested thousands deep: the composer recurses into each level
        message = _("các mục lồng nhau quá sâu (quá {n} lớp); hãy viết phẳng hơn", n=MAX_DEPTH)
        raise InputError([Problem(message, file, *_deepest(text))]) from None
    except yaml.MarkedYAMLError as exc:
        raise InputError([_syntax_problem(exc, file, text)]) from None
    except yaml.YAMLError as exc:
        raise InputError([Problem(_("lỗi cú pháp YAML: {problem}", problem=str(exc)), file)]) from None
    if node is None:
        raise InputError([Problem(_("tệp trống"), file, 1, 1)])
    builder = _Builder(file, convert_legacy, text.splitlines())
    try:
        data = builder.build(node, "")
    except yaml.constructor.ConstructorError as exc:
        mark = exc.problem_mark
        raise InputError(
            [
                Problem(
                    _("giá trị không hợp lệ: {problem}", problem=exc.problem or ""),
                    file,
                    mark.line + 1 if mark else 0,
                    mark.column + 1 if mark else 0,
                )
            ]
        ) from None
    if builder.problems:
        raise InputError(builder.problems)
    if not isinstance(data, dict):
        raise InputError([Problem(_("tệp phải là một bảng khóa: giá trị (ví dụ “trich_yeu: …”)"), file, 1, 1)])
    return Located(data, file, builder.positions, builder.warnings, text_lines=builder.text_lines, plain=builder.plain)
