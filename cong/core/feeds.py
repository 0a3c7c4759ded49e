"""RSS 2.0 feeds of a section, of the legal documents, of the answers: one writer for all.

A feature's page route hands `rss_response` its items as `FeedItem`s whose links are already
absolute on the Site record's address (`page.get_full_url()`, `cong.core.addresses`), never
the request's Host header; feeds are not HTML, so the whole-page cache never writes them
(`cong.core.pagecache`) and each request reads the current content.
"""

import datetime
from dataclasses import dataclass, field

from django.http import HttpResponse
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.html import strip_tags
from wagtail.models import Site

from cong.core.addresses import root_url

CONTENT_TYPE = "application/rss+xml; charset=utf-8"


@dataclass
class FeedItem:
    """One entry: its title, absolute link, plain-text description and date."""

    title: str
    link: str
    description: str = ""
    published: datetime.date | datetime.datetime | None = None
    author: str = ""
    categories: list[str] = field(default_factory=list)


def plain(text: str) -> str:
    """Rich text as one line of plain text (RSS readers show descriptions as they are).

    >>> plain("<p>Một <b>câu</b></p>\\n<p>hai</p>")
    'Một câu hai'
    """
    return " ".join(strip_tags(text or "").split())


def _moment(value: datetime.date | datetime.datetime | None) -> datetime.datetime | None:
    if value is None or isinstance(value, datetime.datetime):
        return value
    return datetime.datetime.combine(value, datetime.time.min, tzinfo=datetime.UTC)


def rss_response(
    *,
    site: Site | None,
    title: str,
    link: str,
    feed_url: str,
    description: str,
    items: list[FeedItem],
    language: str = "vi",
) -> HttpResponse:
    """An RSS 2.0 document of `items` in `language` (an English section's feed says "en"),
    newest first as given."""
    feed = Rss201rev2Feed(
        title=title,
        link=link,
        description=description or title,
        language=language,
        feed_url=feed_url,
        author_link=root_url(site) + "/",
    )
    for item in items:
        feed.add_item(
            title=item.title,
            link=item.link,
            unique_id=item.link,
            unique_id_is_permalink=True,
            description=plain(item.description),
            pubdate=_moment(item.published),
            author_name=item.author or None,
            categories=item.categories,
        )
    response = HttpResponse(content_type=CONTENT_TYPE)
    feed.write(response, "utf-8")
    return response
