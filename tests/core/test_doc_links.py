"""Relative links in README.md and docs/ lead somewhere: the file exists, and so does the
heading an `#anchor` names (GitHub's anchors: lower case, punctuation dropped, spaces to -)."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")
FENCE = re.compile(r"^```.*?^```", flags=re.MULTILINE | re.DOTALL)


def anchor(heading: str) -> str:
    """GitHub's anchor for a heading.

    >>> anchor("## 1. Raw SQL over Wagtail's search index")
    '1-raw-sql-over-wagtails-search-index'
    >>> anchor("### `make test-faults`")
    'make-test-faults'
    """
    text = heading.lstrip("#").strip().lower()
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")


def anchors(page: Path) -> set[str]:
    text = FENCE.sub("", page.read_text(encoding="utf-8"))
    return {anchor(line) for line in text.splitlines() if line.startswith("#")}


def broken_links(page: Path) -> list[str]:
    text = FENCE.sub("", page.read_text(encoding="utf-8"))
    broken = []
    for target in LINK.findall(text):
        if re.match(r"[a-z]+:", target):  # http:, https:, mailto:
            continue
        path, _, fragment = target.partition("#")
        file = (page.parent / path).resolve() if path else page
        if not file.exists():
            broken.append(target)
        elif fragment and file.suffix == ".md" and fragment not in anchors(file):
            broken.append(target)
    return broken


def test_every_relative_link_in_the_documentation_resolves():
    broken = {page.name: links for page in PAGES if (links := broken_links(page))}
    assert broken == {}


def test_the_readme_links_every_documentation_page():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    linked = set(re.findall(r"\(docs/([\w-]+\.md)\)", readme))
    assert {page.name for page in PAGES if page.parent.name == "docs"} <= linked
