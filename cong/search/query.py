"""Turn what a reader types into groups of alternatives that ignore accents and case.

Every group must match; within a group, the word or phrase as typed (lower case) or its
folded form (no accents, đ→d). The index holds each text and its folded copy, so accentless
queries find accented text, and text carrying the reader's accents matches both
alternatives and ranks higher. Quoted parts are phrases; document numbers ("21/KH-UBND")
are one token (see number_token).
"""

import re

from cong.core.text import DOCUMENT_NUMBER, clean_line, fold, number_token

QUOTED = re.compile(r"\"([^\"]+)\"|“([^”]+)”")
WORD = re.compile(r"\w+")
MAX_GROUPS = 12


def words(text: str) -> list[str]:
    """The folded words of `text`, for highlighting.

    >>> words("Quyền  con NGƯỜI, 21/KH-UBND")
    ['quyen', 'con', 'nguoi', '21', 'kh', 'ubnd']
    """
    return WORD.findall(fold(text).lower())


def _alternatives(text: str) -> list[str]:
    typed = " ".join(WORD.findall(text.lower()))
    folded = fold(typed)
    return [typed] if folded == typed else [typed, folded]


def build_query(raw: str) -> list[list[str]]:
    """The groups for `raw`; empty when nothing searchable is left.

    >>> build_query('Quyền con "thông tin" 21/KH-UBND')
    [['thông tin', 'thong tin'], ['so21khubnd'], ['quyền', 'quyen'], ['con']]
    """
    text = clean_line(raw)
    groups = []
    for match in QUOTED.finditer(text):
        phrase = match.group(1) or match.group(2)
        if WORD.search(phrase):
            groups.append(_alternatives(phrase))
    text = QUOTED.sub(" ", text)
    for number in DOCUMENT_NUMBER.findall(text):
        groups.append([number_token(number)])
    text = DOCUMENT_NUMBER.sub(" ", text)
    seen = set()
    for word in WORD.findall(text):
        alternatives = _alternatives(word)
        if alternatives[-1] not in seen:
            seen.add(alternatives[-1])
            groups.append(alternatives)
    return groups[:MAX_GROUPS]
