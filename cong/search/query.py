"""Turn what a reader types into a Wagtail search query that ignores accents and case.

Each part of the query is searched twice, as typed and folded (no accents, đ→d, lower
case), against an index that holds both the text and its folded copy: accentless queries find
accented text, and text matching the accents as typed matches twice and ranks higher.
Quoted parts are phrases; document numbers ("21/KH-UBND") are one token (see number_token).
"""

import re

from wagtail.search.query import And, Or, Phrase, PlainText

from cong.core.text import DOCUMENT_NUMBER, clean_line, fold, number_token

QUOTED = re.compile(r"\"([^\"]+)\"|“([^”]+)”")
WORD = re.compile(r"\w+")


def words(text: str) -> list[str]:
    """The folded words of `text`, for highlighting.

    >>> words("Quyền  con NGƯỜI, 21/KH-UBND")
    ['quyen', 'con', 'nguoi', '21', 'kh', 'ubnd']
    """
    return WORD.findall(fold(text).lower())


def _both(text: str, kind):
    folded = fold(text).lower()
    return kind(text) if folded == text else Or([kind(text), kind(folded)])


def build_query(raw: str):
    """A Wagtail query for `raw`, or None when nothing searchable is left."""
    text = clean_line(raw)
    parts = []
    for match in QUOTED.finditer(text):
        phrase = (match.group(1) or match.group(2)).strip()
        if WORD.search(phrase):
            parts.append(_both(phrase, Phrase))
    text = QUOTED.sub(" ", text)
    for number in DOCUMENT_NUMBER.findall(text):
        parts.append(PlainText(number_token(number)))
    text = DOCUMENT_NUMBER.sub(" ", text)
    rest = " ".join(WORD.findall(text))
    if rest:
        parts.append(_both(rest, PlainText))
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else And(parts)
