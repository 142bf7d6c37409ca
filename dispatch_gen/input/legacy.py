"""Text typed in the old Vietnamese font encodings, TCVN3 (ABC) and VNI, recognised and converted.

Before Unicode, offices typed Vietnamese with 8-bit fonts: ``.VnTime`` (TCVN3, also called
ABC) and ``VNI-Times`` (VNI). Copied out of an old Word file such text arrives as Latin-1
mojibake: "Qu¶ng Ng·i" is TCVN3 for "Quảng Ngãi", "Quaûng Ngaõi" is VNI for the same words.
Printed as is, the dispatch would show the mojibake, so the YAML reader reports it (or, on
request, converts it).

Recognition works word by word: a word is evidence of an encoding when it is *not* a
Vietnamese syllable as written and *becomes* one once converted. Vietnamese written in
Unicode is made of valid syllables, so it gives no evidence whatever letters it uses, and
the few Latin-1 words of other languages rarely turn into valid syllables.

>>> to_unicode("Qu¶ng Ng·i", "TCVN3"), to_unicode("Quaûng Ngaõi", "VNI")
('Quảng Ngãi', 'Quảng Ngãi')
>>> detect("Qu¶ng Ng·i").encoding, detect("Quaûng Ngaõi").fixed
('TCVN3', 'Quảng Ngãi')
>>> detect("Huyện ủy Bình Sơn, Tô Hoài, café") is None
True
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from dispatch_gen.errors import Problem
from dispatch_gen.i18n import _

# --- the tables ---------------------------------------------------------------------------

_TONES = ("", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323")  # none, sắc, huyền, hỏi, ngã, nặng
_TONE_MARKS = frozenset(_TONES[1:])


def _row(base: str) -> list[str]:
    """A vowel with each of the five tones, in the order of ``_TONES``."""
    return [unicodedata.normalize("NFC", base + t) for t in _TONES]


#: TCVN3 (TCVN 5712:1993 VN3, the ABC fonts): one byte per letter, read as Latin-1.
#: Each row: the vowel, then its sắc, huyền, hỏi, ngã, nặng forms.
_TCVN3_ROWS = {
    "a": "a¸µ¶·¹",
    "â": "©ÊÇÈÉË",
    "ă": "¨¾»¼½Æ",
    "e": "eÐÌÎÏÑ",
    "ê": "ªÕÒÓÔÖ",
    "i": "iÝ×ØÜÞ",
    "o": "oãßáâä",
    "ô": "«èåæçé",
    "ơ": "¬íêëìî",
    "u": "uóïñòô",
    "ư": "\u00adøõö÷ù",
    "y": "yýúûüþ",
}
#: VN3 has no capital toned letters (the ``.VnTimeH`` fonts draw the small ones as capitals);
#: these are its only capitals.
_TCVN3_CAPITALS = {"¡": "Ă", "¢": "Â", "£": "Ê", "¤": "Ô", "¥": "Ơ", "¦": "Ư", "§": "Đ", "®": "đ"}


def _tcvn3_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for vowel, codes in _TCVN3_ROWS.items():
        for code, char in zip(codes, _row(vowel), strict=True):
            if code != char:
                table[code] = char
    table.update(_TCVN3_CAPITALS)
    return table


TCVN3: dict[str, str] = _tcvn3_table()

#: VNI Windows: a base letter followed by a diacritic byte, read as Latin-1 (``aù`` = á).
#: Tone bytes after a, e, o, u, y, ơ (ô), ư (ö): sắc ù, huyền ø, hỏi û, ngã õ, nặng ï.
_VNI_TONE = "ùøûõï"
#: â, ê, ô are written ``aâ``, ``eâ``, ``oâ`` and ă ``aê``; toned, the second byte carries both
#: marks: after a, e, o for â, ê, ô: á à å ã ä (ấ = ``aá``); after a for ă: é è ú ü ë (ắ = ``aé``).
_VNI_CIRCUMFLEX_TONE = "áàåãä"
_VNI_BREVE_TONE = "éèúüë"
#: Letters that are a single byte: ơ ư đ, and i and ỵ with their tones.
_VNI_SINGLE = {"ô": "ơ", "ö": "ư", "ñ": "đ", "í": "í", "ì": "ì", "æ": "ỉ", "ó": "ĩ", "ò": "ị", "î": "ỵ"}


def _vni_tables() -> tuple[dict[str, str], dict[str, str]]:
    """Sequences (base, mark, tone byte) and single bytes; capitals follow the base letter."""
    rows = (
        ("a", "", "a", _VNI_TONE),
        ("e", "", "e", _VNI_TONE),
        ("o", "", "o", _VNI_TONE),
        ("u", "", "u", _VNI_TONE),
        ("y", "", "y", _VNI_TONE[:4]),  # ỵ is the single byte î
        ("ô", "", "ơ", _VNI_TONE),
        ("ö", "", "ư", _VNI_TONE),
        ("a", "â", "â", _VNI_CIRCUMFLEX_TONE),
        ("e", "â", "ê", _VNI_CIRCUMFLEX_TONE),
        ("o", "â", "ô", _VNI_CIRCUMFLEX_TONE),
        ("a", "ê", "ă", _VNI_BREVE_TONE),
    )
    seqs: dict[str, str] = {}
    for base, mark, vowel, tone_bytes in rows:
        forms = _row(vowel)
        for b in (base, base.upper()):
            case = str.lower if b.islower() else str.upper
            for m in {mark, mark.upper()}:
                if m:
                    seqs[b + m] = case(forms[0])
            # a toned â, ê, ô, ă is two bytes: the byte carries both marks (ấ = "aá")
            for tone_byte, form in zip(tone_bytes, forms[1:], strict=False):
                for t in (tone_byte, tone_byte.upper()):
                    seqs[b + t] = case(form)
    single = dict(_VNI_SINGLE)
    single.update({k.upper(): v.upper() for k, v in _VNI_SINGLE.items()})
    return seqs, single


VNI_SEQUENCES, VNI_SINGLE = _vni_tables()
_VNI_KEYS = sorted(VNI_SEQUENCES, key=len, reverse=True)
_VNI_RE = re.compile("|".join(re.escape(k) for k in _VNI_KEYS) + "|[" + re.escape("".join(VNI_SINGLE)) + "]")

ENCODINGS = ("TCVN3", "VNI")
#: the font each encoding was typed with, to name it to the user
FONTS = {"TCVN3": ".VnTime", "VNI": "VNI-Times"}

# --- Vietnamese syllables -----------------------------------------------------------------

_ONSETS = "ngh|ng|nh|ch|gh|gi|kh|ph|th|tr|qu|b|c|d|đ|g|h|k|l|m|n|p|r|s|t|v|x"
_RHYMES = """
a ai ao au ay ac ach am an ang anh ap at
ă ăc ăm ăn ăng ăp ăt
â âc âm ân âng âp ât âu ây
e ec em en eng eo ep et
ê êch êm ên ênh êp êt êu
i ia ich im in inh ip it iu
iêc iêm iên iêng iêp iêt iêu
o oc oi om on ong op ot oong ooc
ô ôc ôi ôm ôn ông ôp ôt
ơ ơi ơm ơn ơp ơt
u ua uc ui um un ung up ut
uôc uôi uôm uôn uông uôt
ư ưa ưc ưi ưm ưn ưng ưt ưu
ươc ươi ươm ươn ương ươp ươt ươu
y yêm yên yêng yêt yêu
oa oac oach oai oam oan oang oanh oao oap oat oay
oăc oăm oăn oăng oăt
oe oem oen oeo oet
uân uâng uât uây uê uêch uênh uơ
uy uya uych uyên uyêt uyn uynh uyp uyt uyu
""".split()
_SYLLABLE = re.compile(f"(?:{_ONSETS})?(?:{'|'.join(sorted(_RHYMES, key=len, reverse=True))})")
_STOPPED = re.compile("(?:c|ch|p|t)$")


@lru_cache(maxsize=65536)  # unit names repeat their words ("Đảng", "ủy", "xã"): check each once
def is_syllable(word: str) -> bool:
    """Whether ``word`` is written as one Vietnamese syllable (in Unicode).

    >>> [is_syllable(w) for w in ("Quảng", "nghiêng", "khuỷu", "Qu¶ng", "mát", "mảt", "café")]
    [True, True, True, False, True, False, False]
    """
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = [c for c in decomposed if c in _TONE_MARKS]
    if len(tones) > 1:
        return False
    bare = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONE_MARKS))
    if not _SYLLABLE.fullmatch(bare):
        return False
    # a syllable closed by c, ch, p, t takes only the sắc or nặng tone
    return not (_STOPPED.search(bare) and tones[:1] not in (["\u0301"], ["\u0323"]))


# --- conversion ---------------------------------------------------------------------------

_WORD_CHARS = "A-Za-z\u00a1-\u024f\u1e00-\u1eff"
_WORD = re.compile(f"[{_WORD_CHARS}]+")
#: letters only Unicode Vietnamese has (the legacy encodings are all ASCII and Latin-1)
#: superscript digits alone ("đơn vị ¹"): a footnote mark typed as text in Unicode, never legacy
#: evidence, though TCVN3 codes "ạ" as "¹" (a word "ạ" alone is too rare to weigh against that)
_MARK_WORD = re.compile("[\u00b9\u00b2\u00b3]+")
_UNICODE_VIETNAMESE = re.compile("[ăĂđĐĩĨũŨơƠưƯ\u1ea0-\u1ef9]")


def _capitals(text: str) -> bool:
    """Whether ``text`` is in capitals as far as its ASCII letters tell (two at least)."""
    letters = [c for c in text if c.isascii() and c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _convert_word(word: str, encoding: str, capitals: bool = False) -> str:
    """One word converted; ``capitals``: the text was typed in a ``.VnTimeH`` (capitals) font."""
    if encoding == "TCVN3":
        out = "".join(TCVN3.get(c, c) for c in word)
        # TCVN3 has no toned capitals: "HUYÖN" typed in .VnTimeH is HUYỆN
        return out.upper() if capitals or _capitals(word) else out
    return _VNI_RE.sub(lambda m: VNI_SEQUENCES.get(m.group(0)) or VNI_SINGLE[m.group(0)], word)


def to_unicode(text: str, encoding: str, only: set[str] | None = None) -> str:
    """Convert the words of ``text`` (all, or those in ``only``) from ``encoding`` to Unicode.

    >>> to_unicode("§¶NG Bé TØNH", "TCVN3"), to_unicode("Ban Tæ chøc", "TCVN3")
    ('ĐẢNG BỘ TỈNH', 'Ban Tổ chức')
    """
    if encoding not in ENCODINGS:
        raise ValueError(encoding)
    capitals = _capitals(text)

    def convert(m: re.Match[str]) -> str:
        word = m.group(0)
        return word if only is not None and word not in only else _convert_word(word, encoding, capitals)

    return unicodedata.normalize("NFC", _WORD.sub(convert, text))


@lru_cache(maxsize=65536)
def _evidence(word: str, encoding: str) -> str | None:
    """The converted word, when ``word`` reads as ``encoding`` and not as Unicode."""
    if word.isascii() or is_syllable(word):
        return None
    converted = _convert_word(word, encoding)
    if converted != word and is_syllable(converted):
        return converted
    return None


#: words seen to be ASCII or a Vietnamese syllable (no evidence either way), for the many texts
#: of a sheet made of the same words; forgotten past a size
_PLAIN: set[str] = set()
_PLAIN_MAX = 65536


@dataclass(frozen=True)
class Legacy:
    """Text found to be in a legacy encoding: which, where, a short sample, and the fix."""

    encoding: str
    #: the whole text converted to Unicode
    fixed: str
    #: a few words around the first legacy word, on one line, and the same words converted
    sample: str
    sample_fixed: str
    #: the line (0-based) of the text the sample is on
    line: int = 0

    @property
    def font(self) -> str:
        return FONTS[self.encoding]


def detect(text: str) -> Legacy | None:
    """The legacy encoding ``text`` appears to be in, or ``None`` (Unicode, or not Vietnamese).

    The words beyond ASCII that read as the encoding must outnumber twice over those that
    read neither as Unicode nor as it (foreign words, symbols), and be four letters or more
    together: one stray "µm" or "Søn" proves nothing. In a text that also has Unicode
    Vietnamese, a line without it is converted whole and a line with it word by word.

    >>> detect("Ng­êi ký: NguyÔn V¨n A").fixed
    'Người ký: Nguyễn Văn A'
    >>> detect("HUYÖN ñY B×NH S¥N").fixed
    'HUYỆN ỦY BÌNH SƠN'
    >>> detect("Ñaûng uûy xaõ Bình Chöông").fixed
    'Đảng ủy xã Bình Chương'
    >>> found = detect("Đoạn một.\\n\\n§Ò nghÞ khÈn tr­¬ng thùc hiÖn.")
    >>> found.fixed.splitlines()[2], found.line
    ('Đề nghị khẩn trương thực hiện.', 2)
    >>> [detect(t) for t in ("10 µm", "Müller & Søn, Zürich", "déjà vu, où, naïve", "BAN ¹ ¹")]
    [None, None, None, None]
    """
    if text.isascii():
        return None
    found = _WORD.findall(text)
    if _PLAIN.issuperset(found):
        return None  # every word beyond ASCII a syllable in Unicode: none is evidence, none against
    if all(w.isascii() or is_syllable(w) for w in found):
        if len(_PLAIN) > _PLAIN_MAX:
            _PLAIN.clear()
        _PLAIN.update(found)
        return None
    all_words = [w for w in found if not _MARK_WORD.fullmatch(w)]
    words = [w for w in all_words if not w.isascii()]
    if not words:
        return None
    # unaccented words that are Vietnamese syllables ("Nam", "Phi") back a short finding
    support = sum(1 for w in all_words if w.isascii() and is_syllable(w))
    best: tuple[int, str, list[str]] | None = None
    for encoding in ENCODINGS:
        hits, against = [], 0
        for w in words:
            if _evidence(w, encoding) is not None:
                hits.append(w)
            elif not is_syllable(w) and not is_syllable(_convert_word(w, encoding)):
                against += 1  # neither Unicode nor this encoding: a foreign word, a symbol
        score = len(hits) - 2 * against
        size = sum(len(w) for w in hits)
        enough = size >= 4 or (size >= 2 and support and not against)
        if hits and score > 0 and enough and (best is None or score > best[0]):
            best = (score, encoding, hits)
    if best is None:
        return None
    _score, encoding, hits = best
    wrong = set(hits)
    mixed = bool(_UNICODE_VIETNAMESE.search(text))

    def fix(line: str) -> str:
        if not mixed:
            return to_unicode(line, encoding)
        if _UNICODE_VIETNAMESE.search(line):
            return to_unicode(line, encoding, wrong)
        return to_unicode(line, encoding) if wrong.intersection(_WORD.findall(line)) else line

    fixed = to_unicode(text, encoding) if not mixed else "".join(fix(x) for x in text.splitlines(keepends=True))
    at = next(m.start() for m in _WORD.finditer(text) if m.group(0) == hits[0])
    line_start = text.rfind("\n", 0, at) + 1
    line_end = text.find("\n", at)
    line = text[line_start : len(text) if line_end < 0 else line_end]
    start, end = _sample_span(line, at - line_start)
    bare = line[start:end]
    dots = ("…" if line[:start].strip() else "", "…" if line[end:].strip() else "")
    return Legacy(
        encoding,
        fixed,
        dots[0] + bare + dots[1],
        dots[0] + fix(bare) + dots[1],
        text.count("\n", 0, at),
    )


def _sample_span(line: str, at: int, width: int = 50) -> tuple[int, int]:
    """The span of a few words of ``line`` around position ``at``, cut at spaces."""
    start = line.rfind(" ", 0, at - 15) + 1 if at > 15 else 0
    end = len(line)
    if end - start > width:
        cut = line.rfind(" ", start, start + width)
        end = cut if cut > at else start + width
    return start, end


def from_unicode(text: str, encoding: str) -> str:
    """Write Unicode Vietnamese in ``encoding``, as an old font would have stored it.

    TCVN3 has no toned capitals: they are written with the small letter's code, as the
    ``.VnTimeH`` fonts did. Used to make test inputs and to show users what to look for.

    >>> from_unicode("Quảng Ngãi", "TCVN3"), from_unicode("Quảng Ngãi", "VNI")
    ('Qu¶ng Ng·i', 'Quaûng Ngaõi')
    """
    text = unicodedata.normalize("NFC", text)
    if encoding == "TCVN3":
        back = {v: k for k, v in TCVN3.items() if k not in _TCVN3_CAPITALS or v.isupper()}
        back["đ"] = "®"
        back["Ý"] = "ý"  # ý is its own code; as a capital it is the small code too
        return "".join(back.get(c) or back.get(c.lower(), c) for c in text)
    if encoding == "VNI":
        back = {}
        for k, v in VNI_SINGLE.items():
            back.setdefault(v, k)
        for k, v in sorted(VNI_SEQUENCES.items(), key=lambda kv: len(kv[0])):
            if k[0].islower() == all(c.islower() for c in k[1:]):
                back.setdefault(v, k)
        return "".join(back.get(c, c) for c in text)
    raise ValueError(encoding)


def report(found: Legacy, convert: bool, file: str, line: int, column: int, field: str) -> Problem:
    """The message for legacy text found in a field: a warning once converted, else an error."""
    if convert:
        message = _(
            "đã chuyển chữ mã {encoding} cũ sang Unicode: “{sample}” → “{fixed}”",
            encoding=found.encoding,
            sample=found.sample,
            fixed=found.sample_fixed,
        )
        return Problem(message, file, line, column, field, "warning")
    message = _(
        "“{sample}” có vẻ là mã {encoding} cũ (chữ gõ bằng phông {font}), nghĩa là “{fixed}”; "
        "hãy chuyển sang Unicode (Unikey: Ctrl+Shift+F6) hoặc chạy lại với --chuyen-ma-cu",
        sample=found.sample,
        encoding=found.encoding,
        font=found.font,
        fixed=found.sample_fixed,
    )
    return Problem(message, file, line, column, field)
