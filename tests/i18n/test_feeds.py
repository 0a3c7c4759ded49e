"""RSS per language: an English section's feed and /en/rss/ list English articles, with the
agency's English name and <language>en</language>; the Vietnamese feeds only Vietnamese
articles. Parsed with feedparser, as a reader would."""

import datetime

import feedparser
import pytest
from django.test import Client

from tests.factories import ArticlePageFactory
from tests.i18n.conftest import translate

HOST = "http://localhost"
AGENCY = "Department of Information and Communications"  # english_on's English name
NOW = datetime.datetime(2026, 11, 30, 8, 0, tzinfo=datetime.UTC)


def feed(path):
    response = Client(HTTP_HOST="localhost:6666").get(path)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "rss20"
    return parsed


@pytest.fixture
def news(english_on, english_home, section):
    """A section with two articles, one of them translated into English."""
    translated = ArticlePageFactory(parent=section, title="Hội nghị đầu tư", date=NOW)
    ArticlePageFactory(
        parent=section, title="Thông báo tuyển dụng", date=NOW + datetime.timedelta(hours=1)
    )
    english_section = translate(section, title="News", slug="news")
    english = translate(translated, title="Investment conference", slug="investment-conference")
    return section, english_section, english


def test_an_english_sections_feed_is_english(news):
    section, english_section, english = news
    assert english_section.url == "/en/news/"
    parsed = feed("/en/news/rss/")
    assert parsed.feed.language == "en"
    assert parsed.feed.title == f"News – {AGENCY}"
    assert parsed.feed.link == HOST + "/en/news/"
    assert [(e.title, e.link) for e in parsed.entries] == [
        ("Investment conference", HOST + "/en/news/investment-conference/")
    ]


def test_a_vietnamese_sections_feed_stays_vietnamese(news):
    section, _, _ = news
    parsed = feed(section.url + "rss/")
    assert parsed.feed.language == "vi"
    assert AGENCY not in parsed.feed.title
    assert [e.title for e in parsed.entries] == ["Thông báo tuyển dụng", "Hội nghị đầu tư"]
    assert all("/en/" not in e.link for e in parsed.entries)


def test_the_sites_feed_per_language(news):
    english = feed("/en/rss/")
    assert english.feed.language == "en"
    assert english.feed.title == AGENCY
    assert english.feed.link == HOST + "/en/"
    assert [e.title for e in english.entries] == ["Investment conference"]
    vietnamese = feed("/rss/")
    assert vietnamese.feed.language == "vi"
    assert vietnamese.feed.link == HOST + "/"
    assert [e.title for e in vietnamese.entries] == ["Thông báo tuyển dụng", "Hội nghị đầu tư"]


def test_english_pages_announce_the_english_feeds(client, news):
    english = client.get("/en/news/").text
    assert 'type="application/rss+xml" title="RSS" href="/en/rss/"' in english
    assert f'type="application/rss+xml" title="RSS: News" href="{HOST}/en/news/rss/"' in english
    vietnamese = client.get("/").text
    assert 'type="application/rss+xml" title="RSS" href="/rss/"' in vietnamese
    assert "/en/rss/" not in vietnamese
