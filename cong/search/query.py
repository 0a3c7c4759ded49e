"""Turn what a reader types into groups of alternatives that ignore accents and case.

Every group must match; within a group, the word or phrase as typed (lower case) or its
folded form (no accents, đ→d). The index holds each text and its folded copy, so accentless
queries find accented text, and text carrying the reader's accents matches both
alternatives and ranks higher. Quoted parts are phrases; document numbers ("21/KH-UBND")
are one token (see number_token).

The Vietnamese rules (docs/search.md) are query expansions over that folded copy, so they
need no other index and leave the lists' own search boxes as they are:

- *y/i*: a folded syllable made of one consonant (b d h k l m n p r s t v x) or "qu" then
  "i" or "y" is searched both ways (`kĩ` ⇄ `kỹ`, `lí` ⇄ `lý`, `quí` ⇄ `quý`); a "y" that
  starts a word or follows a vowel (`y tế`, `Yên`, `uy`, `ay`, `Nguyễn`) is never touched;
- `dd` typed for đ (Telex) at the start of a word is also searched as `d` (`ddieu` → `dieu`);
- "số" (or "số:") right before a number is the word "number", not part of the query;
- function words (về, những, các, của, …) are not required, unless the query has nothing else;
- the last word, unquoted and of 2 letters or more, also matches as a prefix (`tuyển dụ`);
- an abbreviation from `abbreviations.txt` (CĐS, ATTT, UBND…) also matches its expansion.
"""

import re
from functools import cache
from pathlib import Path

from cong.core.text import DOCUMENT_NUMBER, clean_line, fold, number_token

QUOTED = re.compile(r"\"([^\"]+)\"|“([^”]+)”")
WORD = re.compile(r"\w+")
MAX_GROUPS = 12
PREFIX = "*"  # an alternative ending in it matches any word that starts with it
ABBREVIATIONS_FILE = Path(__file__).with_name("abbreviations.txt")

# Words that carry grammar, not topic (function_words.txt): a question full of them must not
# require them. Their folded forms that are not also common content words count only in an
# accentless query (không dấu: "ve" may be vé or vệ, "co" cơ or cô, "cho" chợ, "trong" trồng).
FUNCTION_WORDS_FILE = Path(__file__).with_name("function_words.txt")
_Y_OR_I = re.compile(r"^([bdhklmnprstvx]|qu)([iy])$")
_NUMBER_WORD = re.compile(r"(?i)(?<!\w)(?:số|so)\s*:?\s*(?=\d)")


def words(text: str) -> list[str]:
    """The folded words of `text`, for highlighting.

    >>> words("Quyền  con NGƯỜI, 21/KH-UBND")
    ['quyen', 'con', 'nguoi', '21', 'kh', 'ubnd']
    """
    return WORD.findall(fold(text).lower())


def variants(folded: str) -> list[str]:
    """Other spellings of one folded word that mean the same: y/i, and `dd` for đ.

    >>> variants("ki"), variants("ly"), variants("quy"), variants("ddieu")
    (['ky'], ['li'], ['qui'], ['dieu'])
    >>> variants("y"), variants("uy"), variants("tay"), variants("huy"), variants("thy")
    ([], [], [], [], [])
    """
    found = []
    if match := _Y_OR_I.match(folded):
        found.append(match.group(1) + ("i" if match.group(2) == "y" else "y"))
    if folded.startswith("dd") and len(folded) > 2 and folded[2] != "d":
        found.append(folded[1:])
    return found


def _alternatives(text: str) -> list[str]:
    typed = " ".join(WORD.findall(text.lower()))
    folded = fold(typed)
    found = [typed] if folded == typed else [typed, folded]
    if " " not in folded:
        found += [v for v in variants(folded) if v not in found]
    return found


def parse_abbreviations(text: str) -> dict[str, list[str]]:
    """Folded upper-case abbreviation → its expansions, from "ABBR = expansion" lines.

    >>> lines = ["# a comment", "CĐS = chuyển đổi số", "not a line", "cds=Chuyển đổi số"]
    >>> parse_abbreviations("\\n".join(lines))
    {'CDS': ['chuyển đổi số']}
    """
    table: dict[str, list[str]] = {}
    for line in text.splitlines():
        if line.strip().startswith("#") or "=" not in line:
            continue
        short, _sep, long = line.partition("=")
        key, expansion = fold(clean_line(short)).upper(), clean_line(long).lower()
        if key and expansion and expansion not in table.get(key, []):
            table.setdefault(key, []).append(expansion)
    return table


@cache
def abbreviations() -> dict[str, list[str]]:
    """The abbreviations every site shares, from abbreviations.txt."""
    return parse_abbreviations(ABBREVIATIONS_FILE.read_text(encoding="utf-8"))


def _word_group(word: str, last: bool, extra: dict[str, list[str]]) -> list[str]:
    """The alternatives of one unquoted word: variants, its expansions, or its prefix."""
    alternatives = _alternatives(word)
    key = fold(word).upper()
    for expansion in abbreviations().get(key, []) + extra.get(key, []):
        alternatives += [a for a in _alternatives(expansion) if a not in alternatives]
    if last and len(word) >= 2 and not word.isdigit():
        alternatives = [a if " " in a else a + PREFIX for a in alternatives]
    return alternatives


def _number_group(number: str) -> list[str]:
    """A document number as one token, or its parts in a row: the parts find it when the
    reader typed only its beginning with separators ("21/KH UBND": "21/KH" then "UBND").

    >>> _number_group("21/KH-UBND")
    ['so21khubnd', '21 kh ubnd']
    """
    return [number_token(number), " ".join(WORD.findall(fold(number).lower()))]


@cache
def function_words() -> tuple[frozenset[str], frozenset[str]]:
    """(the function words, their folded forms that count in an accentless query)."""
    lines = FUNCTION_WORDS_FILE.read_text(encoding="utf-8").splitlines()
    words = [line.split("#")[0].split() for line in lines]
    written = {w for line in words if line and line[0] != "folded:" for w in line}
    folded = {w for line in words if line and line[0] == "folded:" for w in line[1:]}
    return frozenset(written), frozenset(folded)


def _is_function_word(word: str, accentless: bool) -> bool:
    lower = word.lower()
    written, folded = function_words()
    return lower in written or (accentless and lower in folded)


def build_query(
    raw: str, extra: dict[str, list[str]] | None = None, prefix: bool = True
) -> list[list[str]]:
    """The groups for `raw`; empty when nothing searchable is left. `extra`: the site's own
    abbreviations (parse_abbreviations), beside the shared ones; `prefix`: whether the last
    word also matches as a prefix (the search page asks for it only when the words as typed
    find too little, since a common prefix such as "chi" costs a scan of many words).

    >>> build_query('Quyền con "thông tin" 21/KH-UBND')
    [['thông tin', 'thong tin'], ['so21khubnd', '21 kh ubnd'], ['quyền', 'quyen'], ['con']]
    >>> build_query("những quy định về kĩ năng")
    [['quy', 'qui'], ['định', 'dinh'], ['kĩ', 'ki', 'ky'], ['năng*', 'nang*']]
    >>> build_query("Số: 88/BC-STTTT")
    [['so88bcstttt', '88 bc stttt']]
    >>> build_query("CĐS")[0]
    ['cđs*', 'cds*', 'chuyển đổi số', 'chuyen doi so']
    """
    text = clean_line(raw)
    groups = []
    for match in QUOTED.finditer(text):
        phrase = match.group(1) or match.group(2)
        if WORD.search(phrase):
            groups.append(_alternatives(phrase))
    text = QUOTED.sub(" ", text)
    text = _NUMBER_WORD.sub(" ", text)
    for number in DOCUMENT_NUMBER.findall(text):
        groups.append(_number_group(number))
    text = DOCUMENT_NUMBER.sub(" ", text)
    found = WORD.findall(text)
    accentless = fold(text) == text
    content = [w for w in found if not _is_function_word(w, accentless)]
    if content or groups:
        found = content
    ends_typing = prefix and bool(found) and clean_line(raw).endswith(found[-1])
    seen = set()
    for position, word in enumerate(found):
        key = fold(word).lower()
        if key not in seen:
            seen.add(key)
            last = ends_typing and position == len(found) - 1
            groups.append(_word_group(word, last, extra or {}))
    return groups[:MAX_GROUPS]
