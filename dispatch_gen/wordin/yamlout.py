"""The imported dispatch as YAML text: block style, keys in the order of the examples.

A text of several lines (``noi_dung``, a name on two lines) is written as a ``|`` block, as
a person would type it; an empty value as nothing after the colon (``so:``), as the examples
leave a draft's number; everything else as PyYAML's plain or quoted scalars.
"""

from __future__ import annotations

from typing import Any

import yaml


class _Dumper(yaml.SafeDumper):
    """SafeDumper with block strings for multi-line text and nothing for None."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> Any:
        return super().increase_indent(flow, False)  # list items indented under their key


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    if "\n" in value:
        value = "\n".join(line.rstrip() for line in value.split("\n"))
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


def _none(dumper: yaml.SafeDumper, _value: None) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:null", "")


_Dumper.add_representer(str, _str)
_Dumper.add_representer(type(None), _none)


def dump(data: dict[str, Any]) -> str:
    """``data`` as YAML text (UTF-8 characters as they are, long lines not folded)."""
    text: str = yaml.dump(
        data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, default_flow_style=False, width=1_000_000
    )
    return text


__all__ = ["dump"]
