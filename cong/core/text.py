"""Vietnamese text helpers: NFC normalisation, accent folding, ASCII slugs.

Vietnamese letters can carry two marks (ệ = e + circumflex + dot below), text pasted from
Word often arrives decomposed (NFD), and Unicode gives "đ" no decomposition at all, so
neither `unicodedata` alone nor Django's `slugify` (which drops "đ") nor Wagtail's
transliteration (which turns "đ" into "dj") folds Vietnamese correctly.
"""

import re
import unicodedata

_D_MAP = str.maketrans({"đ": "d", "Đ": "D"})
_NON_SLUG = re.compile(r"[^a-z0-9]+")


def nfc(text: str) -> str:
    """Return `text` in Unicode NFC, the form Cổng stores (TCVN 6909).

    >>> nfc("Vie\\u0302\\u0323t") == "Việt"
    True
    """
    return unicodedata.normalize("NFC", text)


def fold(text: str) -> str:
    """Strip Vietnamese accents, mapping đ/Đ to d/D, and keep everything else.

    >>> fold("Đường Trường Sa")
    'Duong Truong Sa'
    >>> fold("Hà Nội, quyền con người, Đổi mới")
    'Ha Noi, quyen con nguoi, Doi moi'
    >>> fold("1079/QĐ-TTg")
    '1079/QD-TTg'
    """
    decomposed = unicodedata.normalize("NFD", text.translate(_D_MAP))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", stripped)


def slugify_vi(text: str, max_length: int = 255) -> str:
    """Fold `text` to a lower-case ASCII slug of words joined by hyphens.

    >>> slugify_vi("Đường Trường Sa")
    'duong-truong-sa'
    >>> slugify_vi("Quyết định số 12/QĐ-UBND")
    'quyet-dinh-so-12-qd-ubnd'
    >>> slugify_vi("  Tin tức - Sự kiện  ")
    'tin-tuc-su-kien'
    >>> slugify_vi("đường-trường-sa")
    'duong-truong-sa'
    """
    slug = _NON_SLUG.sub("-", fold(text).lower()).strip("-")
    return slug[:max_length].rstrip("-")


_JOINERS = frozenset("\u200c\u200d")  # ZWNJ, ZWJ


def _needs_joiner(before: str, after: str) -> bool:
    """ZWJ/ZWNJ shape some scripts (Arabic, Persian, Indic, Khmer…): kept between two letters
    or marks of such a script, never in Vietnamese or other Latin text, where they only hide.

    >>> _needs_joiner("\\u0645", "\\u06cc"), _needs_joiner("n", "g"), _needs_joiner("ệ", "t")
    (True, False, False)
    """

    def scripted(ch: str) -> bool:
        latin = ord(ch) < 0x0370 or 0x1E00 <= ord(ch) <= 0x1EFF  # Vietnamese letters live here
        return not latin and unicodedata.category(ch)[0] in "LM"

    return bool(before and after) and scripted(before) and scripted(after)


def _without_format_characters(text: str) -> str:
    """Drop Unicode format characters (category Cf: zero-width spaces and joiners, BOM,
    soft hyphen, bidirectional overrides such as U+202E), which are invisible and let a name
    or title look different from what is stored, or pass for non-empty while showing nothing.
    Joiners stay only where a script needs them (`_needs_joiner`).

    >>> _without_format_characters("a\\u200bb\\u202ec\\ufeff\\u00ad")
    'abc'
    """
    kept = []
    for index, ch in enumerate(text):
        if unicodedata.category(ch) != "Cf":
            kept.append(ch)
        elif ch in _JOINERS and _needs_joiner(
            kept[-1] if kept else "", text[index + 1 : index + 2]
        ):
            kept.append(ch)
    return "".join(kept)


def clean_line(text: str) -> str:
    """The one normaliser for one-line text (names, titles, numbers, queries): NFC, control
    characters as spaces (NUL breaks SQLite's FTS), format characters dropped, runs of
    whitespace as one space, no space at either end.

    >>> clean_line("  Ha\\x00 Noi\\n ")
    'Ha Noi'
    >>> clean_line("Nguye\\u0302\\u0303n   Văn\\u200b An")
    'Nguyễn Văn An'
    >>> clean_line("\\u200b\\u200c\\u200d\\u2060\\ufeff")  # invisible only: "required" refuses it
    ''
    >>> clean_line("abc\\u202efdp.exe")  # a right-to-left override cannot disguise a name
    'abcfdp.exe'
    """
    text = "".join(" " if unicodedata.category(ch) == "Cc" else ch for ch in nfc(text))
    return " ".join(_without_format_characters(text).split())


def clean_text(text: str) -> str:
    """`clean_line` for text areas: line breaks and tabs kept, at most one blank line in a
    row, other control and format characters dropped.

    >>> clean_text("Dòng 1\\r\\nDòng\\x00 2\\n\\n\\n\\nDòng 3  ")
    'Dòng 1\\nDòng 2\\n\\nDòng 3'
    >>> clean_text("\\u200b\\n\\u202e\\n")
    ''
    """
    text = nfc(text).replace("\r\n", "\n").replace("\r", "\n")
    text = "".join(ch if ch in "\n\t" or unicodedata.category(ch) != "Cc" else "" for ch in text)
    text = _without_format_characters(text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


# Vietnamese document numbers: 21/KH-UBND, 1079/QĐ-TTg, 12/2023/NĐ-CP, 44-CT/TW, 46-TB/TW.
DOCUMENT_NUMBER = re.compile(
    r"(?<![\w/])(\d{1,5}(?:/\d{4})?[/-][A-Za-zĐđ][A-Za-zĐđ0-9]*(?:[/-][A-Za-zĐđ0-9]+)*)(?![\w/])"
)


def number_token(number: str) -> str:
    """One search token for a document number, the same in every search engine.

    Tokenizers split "21/KH-UBND" differently (SQLite at "/" and "-", PostgreSQL keeps it
    as a path), so numbers are also indexed and searched as their letters and digits alone.

    >>> number_token("1079/QĐ-TTg")
    'so1079qdttg'
    >>> [number_token(n) for n in DOCUMENT_NUMBER.findall("Kế hoạch số 21/KH-UBND, ngày 6/2")]
    ['so21khubnd']
    """
    return "so" + "".join(ch for ch in fold(number).lower() if ch.isalnum())


def number_terms(text: str) -> str:
    """The search terms of every document number in `text`: its one token, then its parts.

    PostgreSQL's parser keeps "21/KH-UBND" as one path token, so "21 KH UBND" typed with
    spaces would not find it without the parts (SQLite splits them itself).

    >>> number_terms("Kế hoạch số 21/KH-UBND và 13/2023/NĐ-CP")
    'so21khubnd 21 kh ubnd so132023ndcp 13 2023 nd cp'
    """
    terms = []
    for number in DOCUMENT_NUMBER.findall(text):
        terms += [number_token(number), *re.findall(r"[a-z0-9]+", fold(number).lower())]
    return " ".join(terms)
