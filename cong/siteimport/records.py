"""The neutral records every source yields and the writer consumes.

A crawl, a WordPress export and a spreadsheet describe the same things differently; each
reader turns its input into these, so the writer (and its tests) know one shape only.
Text is Unicode NFC by the time it is here; `body_html` is the article's main content as
HTML, turned into StreamField blocks by `cong.siteimport.content`.
"""

import datetime
import hashlib
import json
from dataclasses import asdict, dataclass, field

VIEWS_MAX = 2_000_000_000  # an old page's view count above this is a misread (field limit)


@dataclass
class Category:
    """A section of the old site ("Tin tức - Sự kiện"), by its key in the mapping file."""

    key: str
    title: str = ""
    url: str = ""


@dataclass
class Image:
    """A photo of the old site; `caption` and `credit` come from the article."""

    url: str
    caption: str = ""
    credit: str = ""
    alt: str = ""


@dataclass
class File:
    """A linked file (PDF, DOC…) to bring over as a Wagtail document."""

    url: str
    title: str = ""


@dataclass
class Redirect:
    """An old address (path and query string) that must lead to the item's new page."""

    old_url: str


@dataclass
class Article:
    """A news article of the old site."""

    source_url: str
    title: str
    body_html: str = ""
    lead: str = ""
    date: datetime.datetime | None = None
    author_names: str = ""
    author_unit: str = ""
    source: str = ""
    categories: list[Category] = field(default_factory=list)
    featured_image: Image | None = None
    redirects: list[Redirect] = field(default_factory=list)
    view_count: int | None = None
    kind: str = "article"

    def checksum(self) -> str:
        """SHA-256 of everything the page is built from: unchanged means nothing to do.
        The old view count is left out: it grows every day on a live old site, and only
        updates the carried-over count (`ImportedItem.views`), not the page."""
        data = asdict(self)
        data.pop("view_count", None)
        return hashlib.sha256(
            json.dumps(data, sort_keys=True, default=str, ensure_ascii=False).encode()
        ).hexdigest()


@dataclass
class Page(Article):
    """A static page of the old site (introduction, functions…): an information page."""

    kind: str = "page"


@dataclass
class Problem:
    """An item a source could not read, and why (Vietnamese), for the dry run's list."""

    source_url: str
    reason: str
