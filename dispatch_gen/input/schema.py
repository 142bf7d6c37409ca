"""The JSON Schema of the YAML format, generated from the data model.

The dataclasses of :mod:`dispatch_gen.input.model` declare every YAML key with its Vietnamese
description and bounds; this module turns those declarations into a JSON Schema (draft
2020-12) so that an editor (VS Code with the YAML extension, through the
``# yaml-language-server: $schema=…`` line) completes keys and shows their meaning while a
clerk types. The schema is never written by hand, so it cannot drift from the validator;
the README's format reference is generated from the schema in turn.
"""

from __future__ import annotations

import json
import types
import typing
from dataclasses import MISSING, fields
from datetime import date
from decimal import Decimal
from typing import Any, Literal, Union

from dispatch_gen.input import model

DRAFT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_FILE = "dispatch-gen.schema.json"

#: dd/mm/yyyy (one-digit day and month allowed, as in "05/8/2024") or yyyy-mm-dd
DATE_PATTERN = r"^\s*(\d{1,2}/\d{1,2}/\d{4}|\d{4}-\d{1,2}-\d{1,2})\s*$"
#: a number written as text, with a decimal point or comma ("62,5")
NUMBER_PATTERN = r"^\s*[-+]?\d+([.,]\d+)*\s*%?\s*$"  # 81,88; 81,88%; 1.474,5 (input/vnnumber.py)
#: metadata keys of ``model.spec`` that the generator understands
# non_empty: a text that may not be blank; checked by model.py, not expressed in the schema
KNOWN_META = frozenset({"key", "doc", "minimum", "maximum", "min_items", "non_empty"})


def _is_dataclass(tp: Any) -> bool:
    return model.dataclass_like(tp)


def _scalar(tp: Any) -> dict[str, Any]:
    if tp is str:
        # the validator takes a number where text is expected (ky_hieu: 123) and keeps it as text
        return {"type": ["string", "number"]}
    if tp is bool:
        return {"type": "boolean"}
    if tp is int:
        return {"type": "integer"}
    if tp is Decimal:
        return {"type": ["number", "string"], "pattern": NUMBER_PATTERN}
    if tp is date:
        return {"type": "string", "pattern": DATE_PATTERN, "description": "Ngày dạng dd/mm/yyyy, ví dụ 05/8/2024"}
    raise TypeError(f"no JSON Schema for {tp!r}")  # a model type the generator does not know: a bug


def _type_schema(tp: Any, defs: dict[str, Any]) -> dict[str, Any]:
    """The schema of one Python type; dataclasses go to ``$defs`` once and are referenced."""
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin in (Union, types.UnionType):
        nullable = type(None) in args
        alone = [a for a in args if a is not type(None)]
        if len(alone) > 1:  # the validator matches int | str exactly: a number is no text there
            options = [{"type": "string"} if a is str else _type_schema(a, defs) for a in alone]
        else:
            options = [_type_schema(alone[0], defs)]
        if nullable:
            options.append({"type": "null"})
        plain = [o for o in options if set(o) == {"type"}]
        if len(plain) == len(options):  # int | str | None → one "type" list
            types_: list[str] = []
            for o in plain:
                t = o["type"]
                types_ += [x for x in ([t] if isinstance(t, str) else t) if x not in types_]
            return {"type": types_}
        return {"anyOf": options}
    if origin is Literal:
        return {"type": "string", "enum": list(args)}
    if origin is list:
        return {"type": "array", "items": _type_schema(args[0], defs)}
    if origin is dict:
        return {"type": "object", "additionalProperties": _type_schema(args[1], defs)}
    if _is_dataclass(tp):
        name = tp.__name__
        if name not in defs:
            defs[name] = {}  # reserve the name first: a dataclass may refer to itself
            defs[name] = _record(tp, defs)
        return {"$ref": f"#/$defs/{name}"}
    return _scalar(tp)


def _json_default(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return value


def _field_schema(f: Any, tp: Any, defs: dict[str, Any]) -> dict[str, Any]:
    meta = f.metadata
    out: dict[str, Any] = {"description": meta["doc"]}
    inner = _type_schema(tp, defs)
    # the field's own description wins over its type's ("Ngày dạng dd/mm/yyyy")
    out.update({k: v for k, v in inner.items() if k != "description"})
    for key, word in (("minimum", "minimum"), ("maximum", "maximum")):
        if key in meta:
            out[word] = meta[key]
    if "min_items" in meta:
        out["minItems"] = meta["min_items"]
    if f.default is not MISSING and f.default is not None:
        out["default"] = _json_default(f.default)
    return out


def _record(cls: type, defs: dict[str, Any]) -> dict[str, Any]:
    hints = typing.get_type_hints(cls)
    props: dict[str, Any] = {}
    required: list[str] = []
    for f in fields(cls):
        key = f.metadata["key"]
        props[key] = _field_schema(f, hints[f.name], defs)
        if f.default is MISSING and f.default_factory is MISSING:
            required.append(key)
    out: dict[str, Any] = {
        "type": "object",
        "title": (cls.__doc__ or cls.__name__).strip().rstrip("."),
        "properties": props,
        "additionalProperties": False,
    }
    if required:
        out["required"] = required
    return out


def build_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a dispatch YAML file."""
    defs: dict[str, Any] = {}
    root = _record(model.Dispatch, defs)
    return {
        "$schema": DRAFT,
        "title": "dispatch-gen: công văn viết bằng YAML",
        "description": (
            "Mẫu tệp YAML của dispatch-gen: mỗi khóa là một thành phần của công văn. "
            "Tạo bằng lệnh “dispatch-gen schema” từ mô hình dữ liệu; không sửa tay."
        ),
        **{k: v for k, v in root.items() if k != "title"},
        "$defs": dict(sorted(defs.items())),
    }


def schema_text() -> str:
    """The schema as the committed file holds it: indented JSON, UTF-8 letters kept, final newline."""
    return json.dumps(build_schema(), ensure_ascii=False, indent=2) + "\n"


# --- the README's format reference -------------------------------------------------------


def _type_words(s: dict[str, Any]) -> str:
    """A short Vietnamese name of a property's type, for the reference table."""
    if "$ref" in s:
        return f"[{s['$ref'].rsplit('/', 1)[-1]}](#{s['$ref'].rsplit('/', 1)[-1].lower()})"
    if "anyOf" in s:
        return " hoặc ".join(_type_words(o) for o in s["anyOf"])
    if "enum" in s:
        return " / ".join(f"`{v}`" for v in s["enum"])
    t = s.get("type")
    if t == "array":
        return f"danh sách {_type_words(s['items'])}"
    if t == "object":
        return f"bảng khóa → {_type_words(s['additionalProperties'])}"
    names = {
        "string": "chữ",
        "number": "số",
        "integer": "số nguyên",
        "boolean": "true/false",
        "null": "trống",
    }
    if s.get("pattern") == DATE_PATTERN:
        return "ngày"
    kinds = [t] if isinstance(t, str) else list(t or [])
    if "string" in kinds and "number" in kinds:
        # a number written as text ("62,5"), or text that may be written as a number (ky_hieu: 123)
        kinds.remove("string" if s.get("pattern") == NUMBER_PATTERN else "number")
    return " hoặc ".join(names.get(k, k) for k in kinds)


def _cell(text: str) -> str:
    """Table-cell text shown as written: Markdown marks in a description are examples, not markup."""
    for ch in "\\|*[]<>":
        text = text.replace(ch, "\\" + ch)
    return text.replace("\n", " ")


def markdown_reference(schema: dict[str, Any] | None = None) -> str:
    """The YAML format reference as Markdown tables, one per object of the schema."""
    schema = schema or build_schema()
    blocks = [("Dispatch", schema)] + [(n, d) for n, d in schema["$defs"].items() if n != "Dispatch"]
    out: list[str] = []
    for name, obj in blocks:
        title = "Tệp YAML (cấp ngoài cùng)" if obj is schema else obj["title"]
        out.append(f"#### {name}\n")
        out.append(f"{title}.\n")
        out.append("| Khóa / key | Kiểu / type | Bắt buộc / mặc định | Ý nghĩa |")
        out.append("|---|---|---|---|")
        required = set(obj.get("required", []))
        for key, prop in obj["properties"].items():
            if key in required:
                need = "**bắt buộc**"
            elif "default" in prop:
                need = f"`{json.dumps(prop['default'], ensure_ascii=False)}`"
            else:
                need = ""
            bounds = []
            if "minimum" in prop:
                bounds.append(f"≥ {prop['minimum']}")
            if "maximum" in prop:
                bounds.append(f"≤ {prop['maximum']}")
            if "minItems" in prop:
                bounds.append(f"ít nhất {prop['minItems']} mục")
            kind = _type_words(prop) + (f" ({', '.join(bounds)})" if bounds else "")
            out.append(f"| `{key}` | {kind.replace('|', chr(92) + '|')} | {need} | {_cell(prop['description'])} |")
        out.append("")
    return "\n".join(out).rstrip() + "\n"


README_START = "<!-- yaml-reference:start -->"
README_END = "<!-- yaml-reference:end -->"


def readme_with_reference(readme: str) -> str:
    """The README text with its block between the yaml-reference markers generated afresh."""
    head, start, rest = readme.partition(README_START)
    _old, end, tail = rest.partition(README_END)
    if not start or not end:
        raise ValueError(f"the README lacks the markers {README_START} … {README_END}")
    return f"{head}{README_START}\n\n{markdown_reference()}\n{README_END}{tail}"


def main(argv: list[str] | None = None) -> int:
    """``python -m dispatch_gen.input.schema [README.md]``: print the reference, or rewrite the README's block."""
    import sys
    from pathlib import Path

    args = sys.argv[1:] if argv is None else argv
    if not args:
        sys.stdout.write(markdown_reference())
        return 0
    path = Path(args[0])
    path.write_text(readme_with_reference(path.read_text(encoding="utf-8")), encoding="utf-8")
    return 0


__all__ = ["SCHEMA_FILE", "build_schema", "markdown_reference", "readme_with_reference", "schema_text"]

if __name__ == "__main__":
    raise SystemExit(main())
