"""Format profiles: the layout rules of one kind of document (Party HD 36 and HD 05, state NĐ 30) as data.

The template builder, the renderer and the checker all read the same profile, so what is
rendered and what is checked cannot drift apart. A profile file may inherit another
(``ke_thua: dang-hd36``) and state only what differs; the merged result is validated
against :mod:`dispatch_gen.input.profile_model`, so every key is known and present.

``dang`` names no file: it chooses the Party rule set by the document's date
(:func:`choose`), Hướng dẫn 36-HD/VPTW before 27/5/2026 and Hướng dẫn 05-HD/VPTW from then on.
"""

from __future__ import annotations

import hashlib
import marshal
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from dispatch_gen import diskcache
from dispatch_gen.errors import InputError, Problem, did_you_mean
from dispatch_gen.i18n import _
from dispatch_gen.input import source

PACKAGE_DIR = Path(__file__).resolve().parent.parent
PROFILE_DIR = PACKAGE_DIR / "profiles"
TEMPLATE_DIR = PACKAGE_DIR.parent / "templates"
PACKAGE_TEMPLATE_DIR = PACKAGE_DIR / "templates"

#: the key that names the profile a file inherits from
INHERIT_KEY = "ke_thua"
#: the Party rule sets, each with the first day it applies from, in order
PARTY_RULE_SETS = (("dang-hd36", date(2018, 4, 3)), ("dang-hd05", date(2026, 5, 27)))
#: names that choose a profile rather than name one
CHOOSERS = {"dang": PARTY_RULE_SETS}
#: a profile written by the user is named by its file (``the_thuc: ho-so-rieng.yaml``)
USER_SUFFIXES = (".yaml", ".yml")
MAX_INHERITANCE = 8

#: the reference's mark whose departures are errors (the others give warnings); see input/checked.py
PRIMARY = "✔"
#: the key of the validated profile dict that holds the checked values, by dotted path
SPECS_KEY = "_specs"
#: what the validation depends on besides the data: the model's own source files
MODEL_FILES = ("profile_model.py", "checked.py")


def shipped() -> list[str]:
    """The profile files shipped with dispatch-gen (each with its templates)."""
    return sorted(p.stem for p in PROFILE_DIR.glob("*.yaml"))


def names() -> list[str]:
    """Every name ``the_thuc`` and ``--profile`` accept: the shipped profiles and ``dang``."""
    return sorted([*shipped(), *CHOOSERS])


def is_user_file(name: str) -> bool:
    """Whether ``the_thuc`` names a profile file of the user's own rather than a shipped one."""
    return name.lower().endswith(USER_SUFFIXES)


def choose(name: str, issued: date | None, year: int | None, today: date | None = None) -> str:
    """The concrete profile ``name`` stands for, for a document of that date.

    ``dang`` gives the Party rule set in force on the document's date. A draft without a
    day is dated by its year: this year's draft follows today's rules, a past year's the
    rules at that year's end, a later year's the rules at its start.

    >>> choose("dang", date(2024, 3, 5), 2024), choose("dang", date(2026, 5, 27), None)
    ('dang-hd36', 'dang-hd05')
    >>> choose("dang", None, 2026, today=date(2026, 5, 26)), choose("dang", None, 2025, today=date(2026, 12, 1))
    ('dang-hd36', 'dang-hd36')
    >>> choose("nha_nuoc", date(2026, 7, 1), 2026), choose("dang-hd36", date(2026, 7, 1), 2026)
    ('nha_nuoc', 'dang-hd36')
    """
    if name not in CHOOSERS:
        return name
    when = rule_date(issued, year, today)
    chosen = CHOOSERS[name][0][0]
    for candidate, start in CHOOSERS[name]:
        if when >= start:
            chosen = candidate
    return chosen


def rule_date(issued: date | None, year: int | None, today: date | None = None) -> date:
    """The date whose rules a document follows (its own, or its year's for a draft)."""
    if issued is not None:
        return issued
    today = today or date.today()
    if year is None or year == today.year:
        return today
    return date(year, 12, 31) if year < today.year else date(year, 1, 1)


def _merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    """``base`` with ``over`` written on top, table by table.

    A list, and a checked value (a table with ``uu_tien``: a range or a set), is replaced whole.
    """
    out = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict) and "uu_tien" not in value:
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


def _read(path: Path, root: Path, chain: list[Path]) -> tuple[dict[str, Any], list[source.Located]]:
    """The merged data of the profile file ``path`` and every file it inherits from.

    ``root``: the folder a user's file and its parents must stay in.
    """
    src = source.load_yaml(path)
    data = dict(src.data)
    parent = data.pop(INHERIT_KEY, None)
    if not data.get("name"):  # the name is never inherited: a file names itself
        data.setdefault("name", path.stem)
    if parent is None:
        return data, [src]
    if not isinstance(parent, str) or not parent:
        raise InputError([src.problem(INHERIT_KEY, _("cần tên một hồ sơ thể thức (ví dụ dang-hd36)"))])
    parent_path = _file_of(parent, path.parent, root, src, INHERIT_KEY)
    if parent_path in chain or len(chain) >= MAX_INHERITANCE:
        message = _("hồ sơ “{name}” kế thừa vòng tròn (hoặc quá nhiều tầng)", name=parent)
        raise InputError([src.problem(INHERIT_KEY, message)])
    base, sources = _read(parent_path, root, [*chain, parent_path])
    return _merge(base, data), [src, *sources]


def unknown_name(name: str) -> str | None:
    """Why ``name`` names no profile ``the_thuc`` accepts (the choices and the nearest one), or None."""
    if name in names() or is_user_file(name):
        return None
    return _(
        "không có hồ sơ thể thức “{name}”; chọn một trong: {names}{hint}",
        name=name,
        names=", ".join(names()),
        hint=did_you_mean(name, names(), parenthetical=True),
    )


def _unknown(name: str, src: source.Located | None, where: str) -> InputError:
    message = unknown_name(name) or name
    if src is None:
        return InputError([Problem(message, field=where)])
    return InputError([src.problem(where, message)])


def _file_of(name: str, folder: Path, root: Path, src: source.Located | None, where: str) -> Path:
    """The file a profile name stands for: a shipped one, or the user's own beside ``folder``."""
    if not is_user_file(name):
        name = CHOOSERS[name][0][0] if name in CHOOSERS else name
        path = PROFILE_DIR / f"{name}.yaml"
        if not path.is_file():
            raise _unknown(name, src, where)
        return path
    path = (folder / name).resolve()
    if not path.is_relative_to(root.resolve()):
        message = _("tệp “{name}” nằm ngoài thư mục của tệp YAML; hãy chép nó vào cùng thư mục", name=name)
        raise InputError([src.problem(where, message)] if src else [])
    if not path.is_file():
        message = _("không tìm thấy tệp hồ sơ thể thức “{name}”", name=name)
        raise InputError([src.problem(where, message)] if src else [])
    return path


@lru_cache(maxsize=16)
def _load_file(path: Path, root: Path) -> dict[str, Any]:
    by_files = _files_key(path, root)
    kept = _files_read(by_files)
    if kept is not None:
        return kept
    data, sources = _read(path, root, [path])
    key = _cache_key(data)
    validated = _cache_read(key) if key else None
    if validated is None:
        from dispatch_gen.input import profile_model  # pydantic: about 0.1 s to import and build

        validated = profile_model.validate(data, sources)
        if key:
            _cache_write(key, validated)
    _files_write(by_files, [Path(s.file) for s in sources], validated)
    return validated


# --- the validated profiles, cached on disk (dispatch_gen.diskcache) ---------------------------
# Validating a profile costs a cold start more than anything else it does (pydantic is imported
# and the model built: ~0.1 s of a 0.3 s render). The result of a validation that succeeded is
# kept, keyed by the merged data and the model's source, so that the next process reads it back
# (marshal: the dict exactly as validated) without importing pydantic. A fault is never cached.


def _cache_key(data: dict[str, Any]) -> str | None:
    try:
        blob = marshal.dumps(data)
    except ValueError:  # a value marshal cannot write (a date in a user's file): not cached
        return None
    here = Path(__file__).parent
    return diskcache.key(blob, *((here / name).read_bytes() for name in MODEL_FILES))


def _files_key(path: Path, root: Path) -> str | None:
    """The key of a profile by its files' bytes: reading it back skips even parsing its YAML
    (~15 ms a file with the positions of every value kept). The file's own bytes and name and
    the root are in the key; the files it inherits from are checked by their digests (:func:`_files_read`)."""
    try:
        blob = path.read_bytes()
    except OSError:
        return None  # said, located, by the full read
    here = Path(__file__).parent
    return diskcache.key(b"files", str(path), str(root), blob, *((here / name).read_bytes() for name in MODEL_FILES))


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _files_read(key: str | None) -> dict[str, Any] | None:
    """The validated profile kept under ``key``, if every file it was merged from is unchanged."""
    kept = diskcache.read("profile_files", key) if key else None
    if not (isinstance(kept, tuple) and len(kept) == 2 and isinstance(kept[1], dict)):
        return None
    try:
        if all(_digest(Path(name)) == digest for name, digest in kept[0]):
            return kept[1]
    except (OSError, TypeError, ValueError):
        pass
    return None


def _files_write(key: str | None, files: list[Path], validated: dict[str, Any]) -> None:
    try:
        chain = tuple((str(f), _digest(f)) for f in files)
    except OSError:
        return
    diskcache.write("profile_files", key, (chain, validated))


def _cache_read(key: str) -> dict[str, Any] | None:
    value = diskcache.read("profile", key)
    return value if isinstance(value, dict) else None


def _cache_write(key: str, validated: dict[str, Any]) -> None:
    diskcache.write("profile", key, validated)


def load(name: str) -> dict[str, Any]:
    """The shipped profile ``name``, validated, as a dict (raises KeyError for an unknown name).

    ``dang`` gives Hướng dẫn 36 here; :func:`choose` picks the rule set by date.
    """
    if is_user_file(name) or name not in names():
        raise KeyError(name)
    path = _file_of(name, PROFILE_DIR, PROFILE_DIR, None, "")
    return _load_file(path, PROFILE_DIR)


def load_for(name: str, src: source.Located, where: str = "the_thuc") -> dict[str, Any]:
    """The profile ``the_thuc`` names in the YAML ``src``: shipped, or a file beside it.

    A user's file is read relative to the YAML's folder and must stay inside it; every
    fault (an unknown name, a key the model does not know) is located.
    """
    folder = Path(src.file).resolve().parent
    if not is_user_file(name) and name not in names():
        raise _unknown(name, src, where)
    path = _file_of(name, folder, folder, src, where)
    return _load_file(path, PROFILE_DIR if not is_user_file(name) else folder)


def template_dir() -> Path:
    """Where the built .docx templates are: the source tree's ``templates/`` or the installed copy."""
    return TEMPLATE_DIR if TEMPLATE_DIR.is_dir() else PACKAGE_TEMPLATE_DIR


def template_path(profile: str, kind: str) -> Path:
    """The template of ``kind`` ("cong_van" or "phu_luc") for a shipped profile."""
    if profile in CHOOSERS:
        profile = CHOOSERS[profile][0][0]
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
