"""Keep the message catalogs in step with the code (a developer's tool, not the users').

    python -m dispatch_gen.i18n_tools update    re-extract, merge into the .po, list what lacks English
    python -m dispatch_gen.i18n_tools check     the same list, changing nothing (exit 1 if any)
    python -m dispatch_gen.i18n_tools compile   write the .mo next to each .po (the build does this)

Every message is written in Vietnamese in the code (``_("…")``); the extraction uses Babel
with the keyword ``_``. The template ``locale/dispatch_gen.pot`` and the catalogs are
written without line numbers, so they change only when a message changes, not when code
moves. A new message appears in the English .po with an empty translation: write it there.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import sys
from collections.abc import Iterable
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

from dispatch_gen import __version__
from dispatch_gen.i18n import DOMAIN, LOCALE_DIR, compile_po

PACKAGE_DIR = Path(__file__).resolve().parent
POT = LOCALE_DIR / f"{DOMAIN}.pot"
#: the languages with a catalog (Vietnamese is the msgid language itself)
CATALOG_LANGUAGES = ("en",)
HEADER = (
    "# dispatch-gen: {language}. The msgids are the Vietnamese messages of the code.\n"
    "# Regenerate with: python -m dispatch_gen.i18n_tools update"
)


def po_path(lang: str, locale_dir: Path = LOCALE_DIR) -> Path:
    return locale_dir / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def extract(package_dir: Path = PACKAGE_DIR) -> Catalog:
    """Every ``_("…")`` message of the package's Python files, as a template catalog."""
    template = Catalog(
        project="dispatch-gen",
        version=__version__,
        charset="utf-8",
        fuzzy=False,
        header_comment=HEADER.format(language="messages template"),
    )
    with contextlib.redirect_stderr(io.StringIO()):
        # Babel warns on stderr about an f-string *argument* (error=f"…"); the msgid itself is extracted
        found = list(
            extract_from_dir(
                str(package_dir),
                method_map=[("**.py", "python")],
                keywords={"_": None, "N_": None},
                comment_tags=("TRANSLATORS:",),
                strip_comment_tags=True,
            )
        )
    for filename, lineno, message, comments, context in sorted(found, key=lambda m: (m[0], m[1])):
        if not message:
            continue
        where = f"{package_dir.name}/{filename}".replace("\\", "/")
        template.add(message, None, [(where, lineno)], auto_comments=comments, context=context)
    return template


def _write(catalog: Catalog, path: Path) -> None:
    buf = io.BytesIO()
    write_po(buf, catalog, width=0, include_lineno=False, ignore_obsolete=True)
    text = buf.getvalue()
    if not path.exists() or _without_dates(path.read_bytes()) != _without_dates(text):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text)


def _without_dates(po: bytes) -> list[bytes]:
    """The catalog's lines less its dates: a file that differs only there is not rewritten."""
    return [ln for ln in po.splitlines() if not ln.startswith((b'"POT-Creation-Date', b'"PO-Revision-Date'))]


def read_catalog(path: Path, locale: str | None = None) -> Catalog:
    with path.open("rb") as fh:
        return read_po(fh, locale=locale)


def untranslated(catalog: Catalog, template: Catalog) -> list[str]:
    """The template's msgids that the catalog does not translate (absent, empty or fuzzy)."""
    missing = []
    for msg in template:
        if not msg.id:
            continue
        have = catalog.get(msg.id, msg.context)
        if have is None or not have.string or have.fuzzy:
            missing.append(msg.id if isinstance(msg.id, str) else msg.id[0])
    return missing


def placeholder_mismatches(catalog: Catalog) -> list[str]:
    """Translations whose ``{named}`` fields differ from the msgid's: they would fail at run time."""
    import string

    def names(texts: str | tuple[str, ...] | list[str]) -> set[str]:
        """The fields of a message, or of all the forms of a plural one."""
        out: set[str] = set()
        for text in [texts] if isinstance(texts, str) else texts:
            try:
                out |= {f for _lit, f, _spec, _conv in string.Formatter().parse(text) if f is not None}
            except ValueError:
                out.add("<malformed>")
        return out

    return [
        m.id if isinstance(m.id, str) else m.id[0]
        for m in catalog
        if m.id and m.string and names(m.id) != names(m.string)
    ]


def update(locale_dir: Path = LOCALE_DIR, write_template: bool = True) -> dict[str, list[str]]:
    """Re-extract, rewrite the .pot and merge every .po; return the untranslated msgids per language."""
    template = extract()
    if write_template:
        _write(template, locale_dir / f"{DOMAIN}.pot")
    report: dict[str, list[str]] = {}
    for lang in CATALOG_LANGUAGES:
        path = po_path(lang, locale_dir)
        if path.exists():
            catalog = read_catalog(path, lang)
        else:
            catalog = Catalog(
                locale=lang,
                project="dispatch-gen",
                version=__version__,
                fuzzy=False,
                header_comment=HEADER.format(language=lang),
            )
        catalog.update(template, no_fuzzy_matching=True, update_creation_date=False)
        catalog.fuzzy = False
        _write(catalog, path)
        report[lang] = untranslated(catalog, template)
    return report


def check() -> dict[str, list[str]]:
    """The untranslated msgids per language, from a fresh extraction; nothing is written."""
    template = extract()
    return {lang: untranslated(read_catalog(po_path(lang), lang), template) for lang in CATALOG_LANGUAGES}


def compile_catalogs(po_files: Iterable[Path]) -> list[Path]:
    """Compile each .po into the .mo beside it; return the .mo paths."""
    written = []
    for po in po_files:
        mo = po.with_suffix(".mo")
        mo.write_bytes(compile_po(po))
        written.append(mo)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dispatch_gen.i18n_tools", description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=("update", "check", "compile"))
    args = parser.parse_args(argv)
    if args.action == "compile":
        for mo in compile_catalogs(sorted(LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))):
            print(f"wrote {mo}")
        return 0
    report = update() if args.action == "update" else check()
    status = 0
    for lang, missing in report.items():
        path = po_path(lang)
        if missing:
            status = 1
            print(f"{path}: {len(missing)} message(s) without a translation:", file=sys.stderr)
            for m in missing:
                print(f"  {m!r}", file=sys.stderr)
        else:
            print(f"{path}: every message translated")
        bad = placeholder_mismatches(read_catalog(path, lang))
        for m in bad:
            status = 1
            print(f"{path}: the {{fields}} of the translation differ from the msgid: {m!r}", file=sys.stderr)
    return status


if __name__ == "__main__":
    sys.exit(main())
