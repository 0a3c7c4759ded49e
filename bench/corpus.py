"""Varied Vietnamese-like text for the search benchmarks, generated locally and reproducibly.

`make bench-search` used to draw every article from the demo's few hundred sentences, so a
common word matched most of 100,000 articles and an index had a few hundred distinct terms:
neither the latency nor the ranking looked like a real archive's. Here the text has the
shape of one instead:

- a head of real text: runs of one to five consecutive words taken from the demo's articles
  and the judged corpus of `bench/search_quality` at random places, so words keep their
  real frequencies (function words everywhere, the agency's own vocabulary common) and their
  collocations (chuyển đổi số, thủ tục hành chính … occur as phrases, as in real news);
- a long tail of generated two-syllable terms grouped in topics (each article is about two
  or three of 400 topics, ~1 % of the corpus each), built from real Vietnamese onsets, rhymes
  and tones, so the index holds tens of thousands of distinct words with realistic posting
  list lengths;
- people's names (surname, middle and given names), place names, numbers and dates, so
  names and numbers are rare and specific as in real news.

The words are not meant to be read: only their distribution matters to an index.
"""

import json
import random
import re
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

ONSETS = "b c ch d đ g gh h k kh l m n ng nh p ph qu r s t th tr v x".split()
RHYMES = (
    "a ai am an ang anh ao au ay e em en eo ê êm ên ênh êu i ia im in inh iu o oa oai oan "
    "oang oanh oc oe oi om on ong ô ôi ôm ôn ông ơ ơi ơm ơn u ua uân uât ui um un ung uy uyên "
    "ư ưa ưi ưng ươc ươi ươm ươn ương ưu iêm iên iêng iêt iêu uôc uôi uôn uông"
).split()
TONES = ["", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"]  # ngang huyền sắc hỏi ngã nặng
SURNAMES = (
    "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Mai Trịnh".split()
)
MIDDLES = "Văn Thị Hữu Đức Minh Thanh Ngọc Quang Xuân Thu Công Đình Hồng Kim Bá".split()
GIVENS = (
    "An Anh Bình Chi Cường Dũng Dung Giang Hà Hải Hạnh Hiền Hoa Hùng Hương Khánh Lan Linh Long "
    "Mai Minh Nam Nga Ngân Nhung Phong Phúc Phương Quân Quyết Sơn Tâm Thảo Thắng Thủy Trang "
    "Trung Tuấn Tùng Vân Việt Yến"
).split()
PLACE_KINDS = ["xã", "phường", "thị trấn", "huyện", "thị xã"]
KINDS = "QĐ KH TB CV BC HD CT NQ TTr".split()
BODIES = "UBND STTTT SNV STP SGDĐT SYT HĐND TU".split()

TOPICS = 400
TERMS_PER_TOPIC = 30


def _syllable(rng: random.Random) -> str:
    import unicodedata

    rhyme = rng.choice(RHYMES)
    tone = rng.choice(TONES)
    # The tone sits on the rhyme's main vowel; its first vowel is close enough for an index.
    for i, ch in enumerate(rhyme):
        if ch in "aăâeêioôơuưy":
            rhyme = rhyme[: i + 1] + tone + rhyme[i + 1 :]
            break
    return unicodedata.normalize("NFC", rng.choice(ONSETS) + rhyme)


@cache
def _head() -> list[str]:
    """The source texts' words in order, one list (runs are drawn from it)."""
    from bench.search_quality.corpus import ARTICLES, DOCUMENTS

    texts = []
    data = json.loads((ROOT / "cong/demo/data/articles.json").read_text(encoding="utf-8"))
    for section in data["sections"]:
        for article in section["articles"]:
            texts.append(article["title"])
            texts += [
                re.sub(r"<[^>]+>", " ", b["text"])
                for b in article["body"]
                if b["type"] == "paragraph"
            ]
    texts += [" ".join(a[1:]) for a in ARTICLES]
    texts += [" ".join(str(x) for x in d[1:]) for d in DOCUMENTS]
    return [word for text in texts for word in re.findall(r"[^\W\d_]+", text.lower())]


class Generator:
    """Titles, bodies, names and numbers; the same `seed` gives the same corpus."""

    def __init__(self, seed: int = 100_000) -> None:
        self.rng = random.Random(seed)  # noqa: S311 (benchmark data)
        rng = self.rng
        self.head = _head()
        self.topics = [
            [f"{_syllable(rng)} {_syllable(rng)}" for _ in range(TERMS_PER_TOPIC)]
            for _ in range(TOPICS)
        ]
        self.places = [
            f"{rng.choice(PLACE_KINDS)} {_syllable(rng).title()} {_syllable(rng).title()}"
            for _ in range(600)
        ]

    def person(self) -> str:
        rng = self.rng
        return f"{rng.choice(SURNAMES)} {rng.choice(MIDDLES)} {rng.choice(GIVENS)}"

    def number(self) -> str:
        rng = self.rng
        return f"{rng.randint(1, 4999)}/{rng.choice(KINDS)}-{rng.choice(BODIES)}"

    def _words(self, n: int, topics: list[int]) -> list[str]:
        rng = self.rng
        out: list[str] = []
        while len(out) < n:
            start = rng.randrange(len(self.head))
            out += self.head[start : start + rng.randint(1, 5)]
        del out[n:]
        # About one word in five is the article's topics' own; a name, a place or a number
        # now and then.
        for i in range(0, n, 5):
            out[i] = rng.choice(self.topics[rng.choice(topics)])
        for i in range(rng.randrange(11), n, 37):
            pick = rng.random()
            out[i] = (
                self.person()
                if pick < 0.4
                else rng.choice(self.places)
                if pick < 0.8
                else self.number()
            )
        return out

    def article(self) -> tuple[str, str, list[str]]:
        """(title, lead, paragraphs) of one article."""
        rng = self.rng
        topics = rng.sample(range(TOPICS), rng.randint(2, 3))
        title = " ".join(self._words(rng.randint(8, 16), topics[:1])).capitalize()
        lead = " ".join(self._words(rng.randint(25, 45), topics)).capitalize() + "."
        paragraphs = [
            " ".join(self._words(rng.randint(40, 90), topics)).capitalize() + "."
            for _ in range(rng.randint(3, 6))
        ]
        return title, lead, paragraphs

    def summary(self) -> str:
        """A legal document's summary (its title)."""
        rng = self.rng
        return " ".join(self._words(rng.randint(10, 25), [rng.randrange(TOPICS)])).capitalize()

    def topic_queries(self, n: int) -> list[str]:
        """Queries an archive's readers would type: a topic's terms, a name, a place."""
        rng = self.rng
        out = []
        for i in range(n):
            topic = self.topics[rng.randrange(TOPICS)]
            out.append(
                " ".join(rng.sample(topic, 2))
                if i % 3 == 0
                else rng.choice(topic)
                if i % 3 == 1
                else self.person()
            )
        return out
