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


def clean_line(text: str) -> str:
    """NFC text on one line, without control characters (NUL breaks SQLite's FTS).

    >>> clean_line("  Ha\\x00 Noi\\n ")
    'Ha Noi'
    """
    text = "".join(" " if unicodedata.category(ch) == "Cc" else ch for ch in nfc(text))
    return " ".join(text.split())


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
