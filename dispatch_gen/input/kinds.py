"""The kind of a document (``loai``): which of the profile's ``kinds`` it is, and what that requires.

Each profile lists its kinds as data (:class:`dispatch_gen.input.profile_model.Kind`): the code
in the number, the name, whether there is a title block, whether Kính gửi (or Kính trình) is
required, optional or absent. ``loai`` names a kind by its key (``BC``), or by its name
(``Báo cáo``, any case); empty means the profile's ``header.number.default_type``.
"""

from __future__ import annotations

from typing import Any

from dispatch_gen.errors import Problem, did_you_mean
from dispatch_gen.i18n import _
from dispatch_gen.input.model import Dispatch
from dispatch_gen.input.source import Located


def key_of(loai: str, prof: dict[str, Any]) -> str | None:
    """The key of the kind ``loai`` names in ``prof`` (by key, or by name in any case), or None.

    >>> from dispatch_gen.input import profile
    >>> key_of("BC", profile.load("dang-hd36")), key_of("tờ trình", profile.load("nha_nuoc"))
    ('BC', 'TTr')
    >>> key_of("", profile.load("nha_nuoc")), key_of("KL", profile.load("nha_nuoc")) is None
    ('CV', True)
    """
    kinds = prof["kinds"]
    wanted = (loai or prof["header"]["number"]["default_type"]).strip()
    if wanted in kinds:
        return wanted
    folded = wanted.casefold()
    for key, kind in kinds.items():
        if folded in (key.casefold(), kind["name"].casefold()):
            return key
    return None


def kind_of(d: Dispatch, prof: dict[str, Any]) -> dict[str, Any]:
    """The kind of ``d`` (its ``loai``), as the profile describes it; :func:`problems` vouches it exists."""
    key = key_of(d.doc_type, prof)
    if key is None:
        raise KeyError(d.doc_type)
    return prof["kinds"][key]


def problems(d: Dispatch, prof: dict[str, Any], src: Located) -> list[Problem]:
    """What ``d`` lacks or has too much of for its kind: an unknown ``loai``, a Kính gửi required or absent."""
    key = key_of(d.doc_type, prof)
    if key is None:
        kinds = prof["kinds"]
        listed = ", ".join(f"{k} ({v['name']})" for k, v in kinds.items())
        message = _(
            "không có loại văn bản “{loai}” trong hồ sơ “{profile}”; chọn một trong: {kinds}{hint}",
            loai=d.doc_type,
            profile=prof["name"],
            kinds=listed,
            hint=did_you_mean(d.doc_type, list(kinds), parenthetical=True),
        )
        return [src.problem("loai", message)]
    kind = prof["kinds"][key]
    label = (kind["addressee_label"] or prof["recipients"]["label"]).rstrip(": ")
    if kind["addressee"] == "bat_buoc" and not d.recipients:
        message = _(
            "văn bản loại {code} ({kind}) cần phần “{label}”: thêm “kinh_gui” (mỗi nơi một dòng bắt đầu bằng “- ”)",
            kind=kind["name"],
            code=key,
            label=label,
        )
        return [src.problem("kinh_gui" if "kinh_gui" in src.positions else "", message)]
    if kind["addressee"] == "khong" and d.recipients:
        message = _(
            "văn bản loại {code} ({kind}) không có phần Kính gửi theo hồ sơ “{profile}”: bỏ “kinh_gui”"
            " (nơi nhận ghi ở “noi_nhan”)",
            kind=kind["name"],
            code=key,
            profile=prof["name"],
        )
        return [src.problem("kinh_gui", message)]
    return []


__all__ = ["key_of", "kind_of", "problems"]
