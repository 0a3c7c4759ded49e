"""The crawler lists' verdicts, found faster for a User-Agent never seen before.

crawlerdetect and crawler-user-agents each search one alternation of ~1,500 patterns, which
Python's `re` tries one by one at every position of the User-Agent: about 0.3 ms per list.
Almost every pattern needs some literal text in any match it makes ("bot", "curl/", ...). A
`Patterns` finds such literals for each pattern from its parsed form, looks for them all at
once (three-letter keys in a dict, then `in`), and searches only the few patterns whose
literal is present, each compiled alone. A pattern matches the text when, and only when,
the alternation does, so the verdict is the lists' own (tests/visits/test_crawlers.py
compares both over every list's examples and real browsers).

User-Agents that are not ASCII go to the lists' own alternations: case-insensitive matching
folds a few non-ASCII letters onto ASCII ones (the Kelvin sign and "k"), which lowercasing
does not.
"""

import re
from functools import cache
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]

import crawleruseragents
from crawlerdetect import CrawlerDetect
from crawlerdetect.crawlerdetect import get_compiled_exclusions_regex
from crawlerdetect.providers.crawlers import data as crawlerdetect_patterns

KEY = 3  # letters in a literal's key
REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)
# Three-letter pieces every browser's User-Agent has: a literal is keyed on one it does
# not share when it can (only speed depends on this, never a verdict).
_BROWSER = (
    "mozilla/5.0 (windows nt 10.0; win64; x64) applewebkit/537.36 (khtml, like gecko) "
    "chrome/120.0.0.0 safari/537.36 edg/120.0 firefox/120.0 gecko/20100101 (macintosh; "
    "intel mac os x 10_15_7) version/17.0 mobile/15e148 (iphone; cpu iphone os 17_0 like "
    "mac os x) (linux; android 14; sm-s918b) samsungbrowser/23.0 opr/105.0 coc_coc_browser"
)
_COMMON = {_BROWSER[i : i + KEY] for i in range(len(_BROWSER) - KEY + 1)}


def literals(pattern: str, flags: int = 0) -> frozenset[str] | None:
    """Lower-case texts one of which every match of `pattern` contains (None: not known).

    >>> sorted(literals(r"[a-z]bot\\b|crawl(er)?"))
    ['bot', 'crawl']
    >>> literals(r"^.*$") is None
    True
    """
    found = _sequence(sre_parse.parse(pattern, flags))
    if found is None or any(not text.isascii() for text in found):
        return None  # non-ASCII letters fold oddly under IGNORECASE: always searched
    return frozenset(text.lower() for text in found)


def _sequence(items: sre_parse.SubPattern | list) -> frozenset[str] | None:
    """The best literal set of a sequence: its longest run of literal characters, or the
    set of a part every match must go through, whichever has the longer shortest text."""
    options: list[frozenset[str]] = []
    run = ""
    for op, value in items:
        if op is sre.LITERAL:
            run += chr(value)
            continue
        if run:
            options.append(frozenset([run]))
            run = ""
        inner: frozenset[str] | None = None
        if op is sre.SUBPATTERN:
            inner = _sequence(value[-1])
        elif op is sre.BRANCH:
            inner = _branch(value[1])
        elif op in REPEATS and value[0] >= 1:
            inner = _sequence(value[2])
        # Anything else (classes, ".", anchors, lookarounds, optional parts) needs no text.
        if inner:
            options.append(inner)
    if run:
        options.append(frozenset([run]))
    if not options:
        return None
    return max(options, key=lambda texts: (min(map(len, texts)), -len(texts)))


def _branch(alternatives: list) -> frozenset[str] | None:
    found: set[str] = set()
    for alternative in alternatives:
        texts = _sequence(alternative)
        if texts is None:
            return None
        found |= texts
    return frozenset(found)


class Patterns:
    """Search a list of patterns as their alternation `p1|p2|...` would, for ASCII text."""

    def __init__(self, patterns: list[str], flags: int = 0) -> None:
        self.always: list[re.Pattern] = []  # no literal known: searched every time
        self.short: list[tuple[str, int]] = []  # literals shorter than a key
        self.keyed: dict[str, list[tuple[str, int]]] = {}
        self.compiled: list[re.Pattern] = []
        for index, pattern in enumerate(patterns):
            regex = re.compile(pattern, flags)
            self.compiled.append(regex)
            texts = literals(pattern, flags)
            if texts is None:
                self.always.append(regex)
                continue
            for text in texts:
                if len(text) < KEY:
                    self.short.append((text, index))
                else:
                    self.keyed.setdefault(_key(text), []).append((text, index))
        self._keys = frozenset(self.keyed)

    def candidates(self, lowered: str) -> set[int]:
        """The patterns whose literal is in `lowered` (the text, lower-cased)."""
        found = {index for text, index in self.short if text in lowered}
        pieces = {lowered[i : i + KEY] for i in range(len(lowered) - KEY + 1)}
        for key in self._keys.intersection(pieces):
            found.update(index for text, index in self.keyed[key] if text in lowered)
        return found

    def search(self, text: str) -> bool:
        """Whether any pattern matches somewhere in `text` (ASCII)."""
        if any(regex.search(text) for regex in self.always):
            return True
        compiled = self.compiled
        return any(compiled[i].search(text) for i in self.candidates(text.lower()))


def _key(text: str) -> str:
    pieces = [text[i : i + KEY] for i in range(len(text) - KEY + 1)]
    return next((piece for piece in pieces if piece not in _COMMON), pieces[0])


@cache
def _crawlerdetect() -> Patterns:
    """Built on first use (~0.3 s: ~1,500 patterns parsed and compiled), as the library
    compiles its own alternation."""
    return Patterns(list(crawlerdetect_patterns), re.IGNORECASE)


@cache
def _crawler_user_agents() -> Patterns:
    return Patterns([item["pattern"] for item in crawleruseragents.CRAWLER_USER_AGENTS_DATA])


def crawlerdetect_says(user_agent: str) -> bool:
    """`CrawlerDetect().is_crawler(user_agent)`: the exclusions taken out, then the list.

    The library's own check for text that is not ASCII, and for every text if a pattern
    with no literal ever appears in its list: it answers False when its alternation matches
    only an empty string, which one pattern searched alone would not."""
    user_agent = user_agent.strip()
    if not user_agent:
        return False
    patterns = _crawlerdetect()
    if not user_agent.isascii() or patterns.always:
        return _detector.is_crawler(user_agent)
    agent = get_compiled_exclusions_regex().sub("", user_agent)
    if not agent:
        return False
    return patterns.search(agent)


def crawler_user_agents_says(user_agent: str) -> bool:
    """`crawleruseragents.is_crawler(user_agent)` (case-sensitive, as it is by default)."""
    if not user_agent.isascii():
        return crawleruseragents.is_crawler(user_agent)
    return _crawler_user_agents().search(user_agent)


_detector = CrawlerDetect()
