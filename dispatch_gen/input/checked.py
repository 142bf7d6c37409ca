"""Checked values of a profile: a single value, a range or a set, each with its status mark.

A profile value the rules give as a range (NĐ 30: "cỡ chữ từ 13 đến 14") is written as a
table instead of a bare number::

    size: {uu_tien: 14, min: 13, max: 14, danh_dau: "✔", nguon: "NĐ30 PL I II.6.e"}

``uu_tien`` is the value the renderer uses; the checker accepts anything from ``min`` to
``max`` (either may be left out: ``{uu_tien: 6, min: 6}`` is "at least 6"), or any value of
``mot_trong`` (a set), or else only ``uu_tien``. ``danh_dau`` is the reference's status mark:
✔ (stated by the primary text: a departure is an error), ◐ (a secondary source) or ✖ (a
convention): a departure from those is a warning. ``nguon`` cites where the value comes
from. A bare value stays a bare value: it is checked exactly, and a departure is an error.

:func:`collapse` turns a validated profile's dump back into plain values (the preferred
ones, so the renderer and the template builder read numbers as before) and gathers the
checked values under :data:`SPECS_KEY`, by dotted path, for the checker.
"""

from __future__ import annotations

from typing import Any, Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from dispatch_gen.i18n import _
from dispatch_gen.input.profile import PRIMARY, SPECS_KEY  # here too, where pydantic is not imported

#: the reference's status marks: confirmed by the primary text, secondary source, convention
Mark = Literal["✔", "◐", "✖"]
#: the union tags of a checked value, left out of the paths of located errors
TAGS = ("=value", "=spec")

V = TypeVar("V")


class Checked(BaseModel, Generic[V]):
    """One value as the rules give it: preferred, with a range or a set, its mark and source."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    uu_tien: V
    min: V | None = None
    max: V | None = None
    mot_trong: list[V] | None = Field(default=None, min_length=1)
    danh_dau: Mark
    nguon: str = Field(min_length=1)

    @model_validator(mode="after")
    def _consistent(self) -> Checked[V]:
        lo, hi, pref = self.min, self.max, self.uu_tien
        if self.mot_trong is not None and (lo is not None or hi is not None):
            raise PydanticCustomError("checked", _("ghi “min”/“max” hoặc “mot_trong”, không ghi cả hai"))
        if lo is not None and hi is not None and lo > hi:  # type: ignore[operator]
            raise PydanticCustomError("checked", _("“min” lớn hơn “max”"))
        if (lo is not None and pref < lo) or (hi is not None and pref > hi):  # type: ignore[operator]
            raise PydanticCustomError("checked", _("“uu_tien” nằm ngoài khoảng “min”–“max”"))
        if self.mot_trong is not None and pref not in self.mot_trong:
            raise PydanticCustomError("checked", _("“uu_tien” không có trong “mot_trong”"))
        return self


def checked_kind(value: Any) -> str:
    """The union tag of a value that may be checked: a table is a :class:`Checked` value."""
    return TAGS[1] if isinstance(value, dict | BaseModel) else TAGS[0]


def _walk(model: BaseModel, dump: dict[str, Any], path: str, specs: dict[str, dict[str, Any]]) -> None:
    for name in type(model).model_fields:
        value = getattr(model, name)
        where = f"{path}.{name}" if path else name
        if isinstance(value, Checked):
            dump[name] = value.uu_tien
            specs[where] = value.model_dump()
        elif isinstance(value, list) and any(isinstance(v, Checked) for v in value):
            for i, item in enumerate(value):  # a value per line: header.national.sizes[1]
                if isinstance(item, Checked):
                    dump[name][i] = item.uu_tien
                    specs[f"{where}[{i}]"] = item.model_dump()
        elif isinstance(value, BaseModel) and isinstance(dump.get(name), dict):
            _walk(value, dump[name], where, specs)


def collapse(model: BaseModel) -> dict[str, Any]:
    """``model`` as a plain dict of preferred values, with its checked values under :data:`SPECS_KEY`."""
    dump = model.model_dump()
    specs: dict[str, dict[str, Any]] = {}
    _walk(model, dump, "", specs)
    dump[SPECS_KEY] = specs
    return dump


# --- the words rules find text by (input/profile_words.py) -----------------------------------


class WordList(BaseModel):
    """One list of words with its status mark and source."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)
    words: list[str] = Field(min_length=1)
    danh_dau: Mark
    nguon: str = Field(min_length=1)


class Words(BaseModel):
    """The ``words:`` part of a profile (see the module)."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)
    date: WordList
    name_and: WordList
    bodies: WordList
    name_parts: WordList
    marks: WordList
    draft_marks: WordList


__all__ = ["PRIMARY", "SPECS_KEY", "TAGS", "Checked", "Mark", "WordList", "Words", "checked_kind", "collapse"]
