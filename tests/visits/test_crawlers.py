"""cong.visits.crawlers gives the crawler lists' own verdicts, only faster."""

import itertools
import random
import re
import time
from pathlib import Path

import crawleruseragents
import pytest
from crawlerdetect import CrawlerDetect
from crawlerdetect.providers.crawlers import data as crawlerdetect_patterns

from cong.visits import crawlers

BROWSERS = [
    line.strip()
    for line in (Path(__file__).parent / "data" / "browser_user_agents.txt")
    .read_text()
    .splitlines()
    if line.strip() and not line.startswith("#")
]
EXAMPLES = [ua for entry in crawleruseragents.CRAWLER_USER_AGENTS_DATA for ua in entry["instances"]]
_detector = CrawlerDetect()


def lists_say(user_agent: str) -> tuple[bool, bool]:
    """The libraries' own verdicts, as is_crawler asked them before."""
    return _detector.is_crawler(user_agent), crawleruseragents.is_crawler(user_agent)


def we_say(user_agent: str) -> tuple[bool, bool]:
    return crawlers.crawlerdetect_says(user_agent), crawlers.crawler_user_agents_says(user_agent)


def variants() -> list[str]:
    """Browsers with a crawler's word put inside, case changed, non-ASCII, pieces cut."""
    rng = random.Random(20)  # noqa: S311 (a fixed sample, not a secret)
    words = [p.replace("\\", "") for p in crawlerdetect_patterns if p.isalnum()][:300]
    found = []
    for browser in rng.sample(BROWSERS, 60):
        for word in rng.sample(words, 10):
            at = rng.randrange(len(browser))
            found.append(browser[:at] + word + browser[at:])
            found.append(browser[:at] + word.upper() + " " + browser[at:])
        found.append(browser.replace("Mozilla", "Moz\u212ailla"))  # the Kelvin sign folds to k
        found.append(browser + " \u017fpider")  # long s: "spider" under IGNORECASE
        found.append(browser[: len(browser) // 2])
    return found


@pytest.mark.parametrize(
    "sample",
    ["browsers", "crawler_examples", "variants", "odd"],
)
def test_the_verdicts_are_the_lists_own(sample):
    agents = {
        "browsers": BROWSERS,
        "crawler_examples": EXAMPLES,
        "variants": variants(),
        "odd": ["", " ", "\t", "x", "Mozilla", "bot", "BOT", "-", "Ωmega bot", "curl", "a" * 3000],
    }[sample]
    differ = [ua for ua in agents if we_say(ua) != lists_say(ua)]
    assert differ == []
    if sample == "crawler_examples":  # the comparison is not between two "no"s
        assert sum(any(we_say(ua)) for ua in agents) == len(agents)
    if sample == "browsers":
        assert not any(any(we_say(ua)) for ua in agents)


def test_every_pattern_is_found_by_an_example_of_its_own_literal():
    """Each pattern's literals are really in what it matches: a pattern matched by one of
    its list's examples is a candidate for that example."""
    patterns = crawlers._crawler_user_agents()
    for entry_index, entry in enumerate(crawleruseragents.CRAWLER_USER_AGENTS_DATA):
        for example in entry["instances"]:
            if patterns.compiled[entry_index].search(example) and example.isascii():
                assert entry_index in patterns.candidates(example.lower()) or any(
                    r.search(example) for r in patterns.always
                )


@pytest.mark.parametrize(
    ("pattern", "texts"),
    [
        (r"googlebot", {"googlebot"}),
        (r"[a-z]+bot\b", {"bot"}),
        (r"(?:ab|cd)ef", {"ef"}),
        (r"x(?:abc|de)", {"abc", "de"}),
        (r"(abc)+", {"abc"}),
        (r"(abc)?d", {"d"}),
        (r"^.*$", None),
        (r"a?|b", None),
        (r"Bot(?!ox)", {"bot"}),
    ],
)
def test_literals_are_texts_every_match_contains(pattern, texts):
    found = crawlers.literals(pattern)
    assert (set(found) if found is not None else None) == texts


def test_a_new_agent_is_judged_many_times_faster():
    agents = [
        f"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
        f"Chrome/120.0.{i}.{j} Safari/537.36"
        for i, j in itertools.product(range(20), range(10))
    ]
    we_say("warm-up")  # the patterns are built on first use
    started = time.process_time()
    for ua in agents:
        we_say(ua)
    ours = time.process_time() - started
    started = time.process_time()
    for ua in agents:
        CrawlerDetect().is_crawler(ua)  # a new detector: its own cache is empty
        crawleruseragents.is_crawler(ua)
    theirs = time.process_time() - started
    assert ours * 5 < theirs


def test_a_pattern_without_a_literal_leaves_crawlerdetect_to_the_library(monkeypatch):
    """crawlerdetect answers False when its alternation matches only an empty string; a
    pattern with no literal (which could) sends every agent to the library itself."""
    empty = crawlers.Patterns(["x?"], re.IGNORECASE)
    assert [r.pattern for r in empty.always] == ["x?"] and empty.search("Mozilla")
    monkeypatch.setattr(crawlers, "_crawlerdetect", lambda: empty)
    asked = []
    monkeypatch.setattr(crawlers._detector, "is_crawler", lambda ua: asked.append(ua) or False)
    assert crawlers.crawlerdetect_says(" Mozilla/5.0 ") is False
    assert asked == ["Mozilla/5.0"]
