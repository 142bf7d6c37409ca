"""Format profiles: the layout rules of one kind of document (Party HD 36, state NĐ 30) as data.

The template builder, the renderer and the checker all read the same profile, so what is
rendered and what is checked cannot drift apart.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from dispatch_gen.errors import did_you_mean
from dispatch_gen.i18n import _

PACKAGE_DIR = Path(__file__).resolve().parent.parent
PROFILE_DIR = PACKAGE_DIR / "profiles"
TEMPLATE_DIR = PACKAGE_DIR.parent / "templates"
PACKAGE_TEMPLATE_DIR = PACKAGE_DIR / "templates"


def names() -> list[str]:
    """The profiles shipped with dispatch-gen."""
    return sorted(p.stem for p in PROFILE_DIR.glob("*.yaml"))


def unknown_name(name: str) -> str | None:
    """Why ``name`` names no shipped profile (the choices and the nearest one), or None when it does."""
    if name in names():
        return None
    return _(
        "không có hồ sơ thể thức “{name}”; chọn một trong: {names}{hint}",
        name=name,
        names=", ".join(names()),
        hint=did_you_mean(name, names(), parenthetical=True),
    )


@lru_cache(maxsize=8)
def load(name: str) -> dict[str, Any]:
    """The profile ``name`` as a dict (raises KeyError for an unknown name)."""
    path = PROFILE_DIR / f"{name}.yaml"
    if not path.is_file():
        raise KeyError(name)
    with path.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def template_dir() -> Path:
    """Where the built .docx templates are: the source tree's ``templates/`` or the installed copy."""
    return TEMPLATE_DIR if TEMPLATE_DIR.is_dir() else PACKAGE_TEMPLATE_DIR


def template_path(profile: str, kind: str) -> Path:
    """The template of ``kind`` ("cong_van" or "phu_luc") for a profile."""
    return template_dir() / profile / f"{kind}.docx"


def check_signature(authority: str, prof: dict[str, Any]) -> str | None:
    """Why the authority line's form is wrong for this profile, or None when it is right.

    >>> check_signature("T/M BAN THƯỜNG VỤ", load("dang")) is None
    True
    >>> check_signature("K/T BAN THƯỜNG VỤ", load("dang"))
    'K/T BAN THƯỜNG VỤ'
    >>> check_signature("TM. ỦY BAN NHÂN DÂN\\nK/T CHỦ TỊCH", load("nha_nuoc"))
    'K/T'
    """
    sig = prof["signature"]
    # one line per form: "TM. ỦY BAN NHÂN DÂN" over "KT. CHỦ TỊCH" is checked line by line
    for line in authority.splitlines():
        text = line.strip()
        if not text:
            continue
        first = text.split()[0]
        if first in sig.get("foreign_forms", []):
            return first
        for rule in sig.get("forbidden", []):
            if first == rule["prefix"] and any(w in text.upper() for w in rule["when_contains"]):
                return text
    return None
