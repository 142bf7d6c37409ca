"""Messages in the user's language.

Message ids are written in Vietnamese, the users' language and the default; the English
catalog (``locale/en/LC_MESSAGES/dispatch_gen.po``) translates them. A missing English
translation falls back to the Vietnamese text, never to nothing.
"""

from __future__ import annotations

import gettext
from pathlib import Path

LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "dispatch_gen"
LANGUAGES = ("vi", "en")

_current = "vi"
_catalogs: dict[str, gettext.NullTranslations] = {}


def _load(lang: str) -> gettext.NullTranslations:
    """Load the compiled catalog, or compile the .po in memory (editable installs)."""
    if lang in _catalogs:
        return _catalogs[lang]
    trans: gettext.NullTranslations = gettext.NullTranslations()
    mo = LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.mo"
    po = mo.with_suffix(".po")
    if mo.exists():
        with mo.open("rb") as fh:
            trans = gettext.GNUTranslations(fh)
    elif po.exists():
        import io

        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        with po.open("rb") as fh:
            catalog = read_po(fh)
        buf = io.BytesIO()
        write_mo(buf, catalog)
        buf.seek(0)
        trans = gettext.GNUTranslations(buf)
    _catalogs[lang] = trans
    return trans


def set_language(lang: str) -> None:
    """Choose the language of every later message ("vi" or "en")."""
    global _current
    if lang not in LANGUAGES:
        raise ValueError(lang)
    _current = lang


def get_language() -> str:
    return _current


def _(message: str, **params: object) -> str:
    """Translate ``message`` (a Vietnamese msgid) and fill its ``{named}`` fields."""
    text = message if _current == "vi" else _load(_current).gettext(message)
    return text.format(**params) if params else text
