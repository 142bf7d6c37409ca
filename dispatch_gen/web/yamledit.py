"""The form's edits applied to the YAML text, keeping the office's comments and layout.

The form sends operations on the values (``set``, ``append``, ``remove`` at a path of keys and
list indices); each is applied to the text where the value stands (the span PyYAML's nodes
mark), so the comments and the order of the file stay as the clerk left them. Each result is
read back and compared with the values expected; when they differ, or the edit is of a shape
not handled in place, the values are written out whole instead (:func:`dump`: the comments
are lost, which :func:`apply` says).
"""

from __future__ import annotations

import copy
import json
from typing import Any

import yaml

Path_ = list[str | int]
HEADER = "# yaml-language-server:"


class _NotInPlace(Exception):
    """This edit is not made in place: write the values whole."""


class _Dumper(yaml.SafeDumper):
    pass


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def dump(data: Any, flow: bool = False) -> str:
    return yaml.dump(
        data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10**9, default_flow_style=flow
    ).removesuffix("...\n")


def _apply_value(data: Any, op: dict[str, Any]) -> Any:
    """The values after ``op`` (on a copy)."""
    data = copy.deepcopy(data)
    path, kind = list(op["path"]), op["op"]
    if kind == "set" and not path:
        return op["value"]
    holder = data
    for step in path[:-1] if kind != "append" else path:
        holder = holder[step]
    if kind == "append":
        if not isinstance(holder, list):
            raise KeyError(path)
        holder.append(op["value"])
    elif kind == "remove":
        del holder[path[-1]]
    elif kind == "set":
        if isinstance(holder, list) and path[-1] == len(holder):
            holder.append(op["value"])
        else:
            holder[path[-1]] = op["value"]
    else:
        raise KeyError(kind)
    return data


def _child(node: yaml.Node, step: str | int) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if k.value == step:
                return v
        return None
    if isinstance(node, yaml.SequenceNode) and isinstance(step, int) and 0 <= step < len(node.value):
        return node.value[step]
    return None


def _key_node(node: yaml.MappingNode, step: str | int) -> yaml.Node:
    for k, _v in node.value:
        if k.value == step:
            return k
    raise _NotInPlace


def _deep_end(text: str, node: yaml.Node) -> int:
    """Where the last character of ``node`` stands (trailing line ends of a block scalar left out)."""
    while isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and not node.flow_style and node.value:
        last = node.value[-1]
        node = last[1] if isinstance(last, tuple) else last
    end = node.end_mark.index
    while end > node.start_mark.index and text[end - 1] in "\n\r ":
        end -= 1
    return end


def _line_start(text: str, index: int) -> int:
    return text.rfind("\n", 0, index) + 1


def _next_line(text: str, index: int) -> int:
    found = text.find("\n", index)
    return len(text) if found < 0 else found + 1


def _indented(block: str, col: int) -> str:
    lines = block.rstrip("\n").split("\n")
    return lines[0] + "".join("\n" + (" " * col + line if line else "") for line in lines[1:])


def _scalar(value: Any, in_flow: bool, col: int) -> str:
    if value is None:
        return ""
    if isinstance(value, str) and "\n" in value:
        if in_flow or value[:1] in (" ", "\n"):
            return json.dumps(value, ensure_ascii=False)
        head = "|" if value.endswith("\n") else "|-"
        body = value.rstrip("\n").split("\n")
        return head + "".join("\n" + (" " * col + line if line else "") for line in body) + "\n"
    if isinstance(value, str) and in_flow and any(c in value for c in ",[]{}#:"):
        return json.dumps(value, ensure_ascii=False)
    return dump(value, flow=True).rstrip("\n")


def _replace(text: str, start: int, end: int, new: str) -> str:
    if start == end and text[start - 1 : start] in (":", "-") and new and not new.startswith("\n"):
        new = " " + new
        spaces = len(text[end:]) - len(text[end:].lstrip(" "))
        if text[end + spaces : end + spaces + 1] == "#":  # the comment keeps its column
            end += min(len(new), spaces - 1)
    return text[:start] + new + text[end:]


def _set(text: str, root: yaml.Node, path: Path_, value: Any) -> str:
    parents = [root]
    for step in path[:-1]:
        child = _child(parents[-1], step)
        if child is None:
            raise _NotInPlace
        parents.append(child)
    parent = parents[-1]
    node = _child(parent, path[-1]) if path else root
    in_flow = bool(getattr(parent, "flow_style", False))
    if node is None:
        return _add(text, parent, path[-1], value)
    if isinstance(node, yaml.ScalarNode) and not isinstance(value, (dict, list)):
        key_col = _key_node(parent, path[-1]).start_mark.column if isinstance(parent, yaml.MappingNode) else 0
        new = _scalar(value, in_flow, key_col + 2)
        end = node.end_mark.index
        if node.style in ("|", ">"):
            end = _deep_end(text, node)
            end = _next_line(text, end) if new.endswith("\n") else end
        return _replace(text, node.start_mark.index, end, new)
    if isinstance(value, (dict, list)) and (in_flow or getattr(node, "flow_style", False) or not value):
        return _replace(text, node.start_mark.index, node.end_mark.index, dump(value, flow=True).rstrip("\n"))
    if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and isinstance(value, (dict, list)):
        col = node.start_mark.column
        if isinstance(node, yaml.SequenceNode) and isinstance(value, list):  # "- " stands before the item
            col = text.rfind("-", _line_start(text, node.start_mark.index), node.start_mark.index)
            col -= _line_start(text, node.start_mark.index)
            if col < 0:
                raise _NotInPlace
            block = _indented(dump(value), col)
            start = _line_start(text, node.start_mark.index) + col
            return text[:start] + block + text[_deep_end(text, node) :]
        return text[: node.start_mark.index] + _indented(dump(value), col) + text[_deep_end(text, node) :]
    raise _NotInPlace


def _add(text: str, parent: yaml.Node, key: str | int, value: Any) -> str:
    """A new entry at the end of the block mapping or sequence ``parent``."""
    if getattr(parent, "flow_style", False) or not isinstance(parent, (yaml.MappingNode, yaml.SequenceNode)):
        raise _NotInPlace
    if not parent.value:
        raise _NotInPlace
    at = _deep_end(text, parent)
    if isinstance(parent, yaml.MappingNode):
        col = parent.value[0][0].start_mark.column
        entry = dump({key: value})
    else:
        first = parent.value[0]
        col = text.rfind("-", _line_start(text, first.start_mark.index), first.start_mark.index)
        col -= _line_start(text, first.start_mark.index)
        if col < 0 or key != len(parent.value):
            raise _NotInPlace
        entry = dump([value])
    end_of_line = text.find("\n", at)
    at = len(text) if end_of_line < 0 else end_of_line
    return text[:at] + "\n" + " " * col + _indented(entry, col) + text[at:]


def _remove(text: str, root: yaml.Node, path: Path_) -> str:
    parent = root
    for step in path[:-1]:
        child = _child(parent, step)
        if child is None:
            raise _NotInPlace
        parent = child
    if getattr(parent, "flow_style", False) or not isinstance(parent, (yaml.MappingNode, yaml.SequenceNode)):
        raise _NotInPlace
    entries = parent.value
    keys = [k.value for k, _v in entries] if isinstance(parent, yaml.MappingNode) else list(range(len(entries)))
    if path[-1] not in keys or len(entries) < 2:
        raise _NotInPlace
    i = keys.index(path[-1])
    first = entries[i][0] if isinstance(parent, yaml.MappingNode) else entries[i]
    start = _line_start(text, first.start_mark.index)
    if i + 1 < len(entries):
        nxt = entries[i + 1][0] if isinstance(parent, yaml.MappingNode) else entries[i + 1]
        end = _line_start(text, nxt.start_mark.index)
    else:
        last = entries[i][1] if isinstance(parent, yaml.MappingNode) else entries[i]
        end = _next_line(text, _deep_end(text, last))
    if text[start : first.start_mark.index].strip(" -") or end <= start:
        raise _NotInPlace
    return text[:start] + text[end:]


def _in_place(text: str, op: dict[str, Any]) -> str:
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    if root is None:
        raise _NotInPlace
    path = list(op["path"])
    if op["op"] == "set":
        return _set(text, root, path, op["value"])
    if op["op"] == "remove":
        return _remove(text, root, path)
    node: yaml.Node | None = root
    for step in path:
        node = _child(node, step) if node is not None else None
    if node is None or not isinstance(node, yaml.SequenceNode):
        raise _NotInPlace
    return _set(text, root, [*path, len(node.value)], op["value"])


def apply(text: str, ops: list[dict[str, Any]]) -> tuple[str, bool]:
    """``text`` after the form's ``ops``; and whether the comments were kept (False: written whole).

    Raises ``ValueError`` when ``text`` is not a YAML mapping (the form cannot edit it) or an
    operation names no value of it.
    """
    kept = True
    for op in ops:
        try:
            data = yaml.safe_load(text)
        except yaml.YAMLError:
            raise ValueError("not YAML") from None
        if not isinstance(data, dict):
            raise ValueError("not a mapping")
        try:
            expected = _apply_value(data, op)
        except (KeyError, IndexError, TypeError):
            raise ValueError("no such value") from None
        try:
            new = _in_place(text, op)
            if yaml.safe_load(new) != expected:
                raise _NotInPlace
            text = new
        except (_NotInPlace, yaml.YAMLError):
            header = text.split("\n", 1)[0] if text.startswith(HEADER) else ""
            text = (header + "\n" if header else "") + dump(expected)
            kept = False
    return text, kept
