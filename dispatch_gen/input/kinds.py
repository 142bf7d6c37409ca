"""The kind of a document (``loai``): which of the profile's ``kinds`` it is, and what that requires.

Each profile lists its kinds as data (:class:`dispatch_gen.input.profile_model.Kind`): the code
in the number, the name, whether there is a title block, whether Kính gửi (or Kính trình) is
required, optional or absent, a line naming the author under the name, the signing forms the
kind allows. ``loai`` names a kind by its key (``BC``), or by its name
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
    return _signature_problems(d, key, kind, src)


def _signature_problems(d: Dispatch, key: str, kind: dict[str, Any], src: Located) -> list[Problem]:
    """An authority form the kind does not allow (``signature_forms``; a direct signature always is)."""
    allowed = kind.get("signature_forms")
    if allowed is None:
        return []
    for line in d.signature.authority.splitlines():
        words = line.split()
        if words and not any(line.strip().startswith(f) for f in allowed) and _is_form(words[0]):
            message = _(
                "văn bản loại {code} ({kind}) không ký “{form}”: dùng {forms} hoặc ký trực tiếp",
                code=key,
                kind=kind["name"],
                form=words[0],
                forms=", ".join(allowed),
            )
            return [src.problem("ky.quyen_han", message)]
    return []


def _is_form(word: str) -> bool:
    """``word`` is an authority form ("TM.", "K/T", "Q."), not the first word of a title."""
    return word.endswith(".") or "/" in word


def author_line(d: Dispatch, kind: dict[str, Any]) -> str:
    """The kind's author line under its name, in capitals ("CỦA BAN THƯỜNG VỤ ĐẢNG ỦY XÃ"), or ""."""
    form = kind.get("author_line")
    if not form:
        return ""
    body = d.issuer.body or d.issuer.name
    return form.replace("{chu_the}", body).upper()


#: the profiles the README's table of kinds lists, with the sample codes of their numbers
TABLE_PROFILES = (("dang-hd36", "ĐU", ""), ("dang-hd05", "ĐU", ""), ("nha_nuoc", "UBND", "-VP"))
_ADDRESSEE = {"bat_buoc": "bắt buộc", "tuy_chon": "tùy chọn", "khong": "không có"}
README_START = "<!-- kinds:start -->"
README_END = "<!-- kinds:end -->"


def readme_table() -> str:
    """The README's table of kinds, written from the shipped profiles' ``kinds``.

    HD 05 lists only the kinds it changes from HD 36. ``python -m dispatch_gen.input.kinds
    README.md`` rewrites the table between the README's markers; a test keeps it current.
    """
    from dispatch_gen.input import profile

    rows = ["| Hồ sơ | `loai` | Tên loại | Số (ví dụ) | Phần tên loại | Kính gửi | Tác giả dưới tên loại | Nguồn |"]
    rows.append("|---|---|---|---|---|---|---|---|")
    base: dict[str, Any] = {}
    for name, code, unit in TABLE_PROFILES:
        prof = profile.load(name)
        fallback = prof["header"]["number"]["format"]
        for key, kind in prof["kinds"].items():
            if name == "dang-hd05" and base.get(key) == kind:
                continue
            number = (kind["number_format"] or fallback).format(so="05", loai=kind["code"], ky_hieu=code, don_vi=unit)
            label = (kind["addressee_label"] or prof["recipients"]["label"]).rstrip(": ")
            addressee = _ADDRESSEE[kind["addressee"]] + (f" ({label})" if kind["addressee"] != "khong" else "")
            title = "có" if kind["title"] else "không (trích yếu dưới số)"
            author = f"`{kind['author_line']}`" if kind["author_line"] else "—"
            cells = [name, f"`{key}`", kind["name"], f"`{number}`", title, addressee, author, kind["nguon"]]
            rows.append(f"| {' | '.join(cells)} |")
        if name == "dang-hd36":
            base = prof["kinds"]
    return "\n".join(rows) + "\n"


def readme_with_table(readme: str) -> str:
    """The README text with its table of kinds written afresh between the markers."""
    head, start, rest = readme.partition(README_START)
    _old, end, tail = rest.partition(README_END)
    if not start or not end:
        raise ValueError(f"the README lacks the markers {README_START} … {README_END}")
    return f"{head}{README_START}\n{readme_table()}{README_END}{tail}"


def main(argv: list[str] | None = None) -> int:
    """``python -m dispatch_gen.input.kinds [README.md]``: print the table, or rewrite the README's."""
    import sys
    from pathlib import Path

    args = sys.argv[1:] if argv is None else argv
    if not args:
        sys.stdout.write(readme_table())
        return 0
    path = Path(args[0])
    path.write_text(readme_with_table(path.read_text(encoding="utf-8")), encoding="utf-8")
    return 0


__all__ = ["author_line", "key_of", "kind_of", "main", "problems", "readme_table", "readme_with_table"]

if __name__ == "__main__":
    raise SystemExit(main())
