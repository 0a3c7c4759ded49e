"""RSS 2.0 of sections, legal documents and answers (parsed with feedparser), and sitemap.xml
with its sections and its index past the limit (cong.core.feeds, cong.core.sitemaps)."""

import datetime

import feedparser
import pytest
import time_machine
from django.test import Client
from lxml import etree
from wagtail.models import Page, Site

from cong.core import sitemaps
from cong.participation.models import QuestionIndexPage, QuestionStatus
from tests.factories import (
    ArticlePageFactory,
    CategoryPageFactory,
    HomePageFactory,
    InformationPageFactory,
    QuestionFactory,
    TopicFactory,
    UnitFactory,
)

HOST = "http://localhost"
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
TAG = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def feed(path: str):
    """The feed at `path`, asked for with a foreign Host header and port, as parsed by a
    reader; links must still be on the Site record's address."""
    response = Client(HTTP_HOST="localhost:6666").get(path)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/rss+xml; charset=utf-8"
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "rss20"
    assert ":6666" not in response.content.decode()
    return parsed


@pytest.fixture
def sections(home):
    news = CategoryPageFactory(parent=home, title="Tin tức - Sự kiện", slug="tin-tuc")
    nested = CategoryPageFactory(parent=news, title="Chuyển đổi số", slug="chuyen-doi-so")
    notices = CategoryPageFactory(parent=home, title="Thông báo", slug="thong-bao")
    now = datetime.datetime(2026, 11, 30, 8, 0, tzinfo=datetime.UTC)
    articles = {
        "news": ArticlePageFactory(parent=news, title="Tin một", date=now),
        "nested": ArticlePageFactory(
            parent=nested, title="Tin chuyển đổi số", date=now + datetime.timedelta(hours=1)
        ),
        "notice": ArticlePageFactory(parent=notices, title="Thông báo nghỉ lễ", date=now),
    }
    return news, notices, articles


@pytest.fixture
def answers_page(home):
    page = QuestionIndexPage(title="Hỏi đáp", slug="hoi-dap")
    home.add_child(instance=page)
    return page


def answered(site, public=True, **extra):
    return QuestionFactory(
        site=site,
        topic=TopicFactory(name="Bưu chính"),
        unit=UnitFactory(name="Phòng Bưu chính"),
        status=QuestionStatus.ANSWERED,
        is_public=public,
        answer="<p>Trả lời.</p>",
        answered_at=datetime.datetime(2026, 11, 2, 9, 0, tzinfo=datetime.UTC),
        email="nguoi.hoi@example.vn",
        **extra,
    )


def test_a_sections_feed_holds_its_articles_and_its_subsections_only(sections):
    news, notices, articles = sections
    parsed = feed(news.url + "rss/")
    assert parsed.feed.link == HOST + news.url
    assert parsed.feed.language == "vi"
    assert [e.title for e in parsed.entries] == ["Tin chuyển đổi số", "Tin một"]
    assert [e.link for e in parsed.entries] == [
        HOST + articles["nested"].url,
        HOST + articles["news"].url,
    ]
    assert parsed.entries[0].published_parsed[:4] == (2026, 11, 30, 9)
    assert [e.title for e in feed(notices.url + "rss/").entries] == ["Thông báo nghỉ lễ"]


def test_a_section_announces_its_feed_in_the_head(client, sections):
    news, _, _ = sections
    html = client.get(news.url).content.decode()
    assert f'type="application/rss+xml" title="RSS: {news.title}" href="{HOST}{news.url}rss/"' in (
        html
    )


def test_the_documents_feed_lists_published_documents_newest_first(index, make_document):
    older = make_document("12/QĐ-UBND", issued="2025-01-02", summary="Ban hành quy chế")
    newer = make_document("7/KH-STTTT", kind="Kế hoạch", issued="2026-03-04", summary="Kế hoạch")
    make_document("99/QĐ-UBND", issued="2026-05-05", live=False)
    parsed = feed(index.url + "rss/")
    assert [e.title for e in parsed.entries] == [newer.title, older.title]
    assert parsed.entries[1].link == HOST + index.document_url(older)
    assert parsed.entries[1].summary == "Ban hành quy chế"
    assert parsed.entries[0].tags[0].term == "Kế hoạch"


def test_the_answers_feed_lists_published_answers_without_personal_data(site, answers_page):
    shown = answered(site, title="Hỏi về chữ ký số")
    answered(site, public=False, title="Câu chưa công khai")
    other_home = HomePageFactory(parent=Page.get_first_root_node(), slug="xa-quang-tam")
    other = Site.objects.create(hostname="quangtam.localhost", port=80, root_page=other_home)
    answered(other, title="Câu hỏi gửi trang của xã")
    parsed = feed(answers_page.url + "rss/")
    assert [e.title for e in parsed.entries] == ["Hỏi về chữ ký số"]
    assert parsed.entries[0].link == f"{HOST}/hoi-dap/{shown.pk}-{shown.slug}/"
    assert "nguoi.hoi@example.vn" not in str(parsed)


def urls(xml: bytes) -> dict[str, str | None]:
    root = etree.fromstring(xml)
    assert root.tag == TAG + "urlset"
    return {
        u.findtext("s:loc", namespaces=NS): u.findtext("s:lastmod", namespaces=NS)
        for u in root.findall("s:url", NS)
    }


@pytest.fixture
def everything(site, home, sections, index, make_document, answers_page):
    document = make_document("12/QĐ-UBND", issued="2025-01-02")
    answer = answered(site, title="Hỏi về chữ ký số")
    information = InformationPageFactory(parent=home, slug="gioi-thieu")
    with time_machine.travel(datetime.datetime(2026, 10, 5, 3, 0, tzinfo=datetime.UTC)):
        information.save_revision().publish()
    return {
        "information": HOST + information.url,
        "document": HOST + index.document_url(document),
        "answer": HOST + answers_page.answer_url(answer),
        "article": HOST + sections[2]["news"].url,
        "section": HOST + sections[0].url,
    }


def test_the_sitemap_lists_pages_documents_and_answers_with_lastmod(client, everything):
    response = client.get("/sitemap.xml")
    assert response["Content-Type"] == "application/xml; charset=utf-8"
    found = urls(response.content)
    assert set(everything.values()) <= set(found)
    assert found[everything["answer"]] == "2026-11-02"
    assert found[everything["document"]] == "2025-01-02"  # never published: its issue date
    assert found[everything["information"]] == "2026-10-05"  # its last publication
    assert all(url.startswith(HOST + "/") for url in found)


def test_past_the_limit_the_sitemap_becomes_an_index_of_sections(client, everything, monkeypatch):
    whole = set(urls(client.get("/sitemap.xml").content))
    monkeypatch.setattr(sitemaps, "MAX_URLS", 2)
    index = etree.fromstring(client.get("/sitemap.xml").content)
    assert index.tag == TAG + "sitemapindex"
    locations = [s.findtext("s:loc", namespaces=NS) for s in index.findall("s:sitemap", NS)]
    assert HOST + "/sitemap-van-ban.xml" in locations
    assert HOST + "/sitemap-hoi-dap.xml" in locations
    assert HOST + "/sitemap-trang.xml?p=2" in locations
    newest = {
        s.findtext("s:loc", namespaces=NS): s.findtext("s:lastmod", namespaces=NS)
        for s in index.findall("s:sitemap", NS)
    }
    assert newest[HOST + "/sitemap-hoi-dap.xml"] == "2026-11-02T16:00:00+07:00"  # 09:00 UTC
    parts: set[str] = set()
    for location in locations:
        found = urls(client.get(location.removeprefix(HOST)).content)
        assert 0 < len(found) <= 2
        parts |= set(found)
    assert parts == whole
    assert client.get("/sitemap-trang.xml?p=99").status_code == 404
    assert client.get("/sitemap-khong-co.xml").status_code == 404
    robots = client.get("/robots.txt").content.decode()
    assert "Sitemap: http://localhost/sitemap.xml" in robots


def test_the_sitemap_lists_only_the_requested_sites_pages_and_answers(client, everything, settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "quangtam.localhost"]
    root = Page.get_first_root_node()
    other_home = HomePageFactory(parent=root, title="Xã Quảng Tâm", slug="xa-quang-tam")
    Site.objects.create(hostname="quangtam.localhost", port=80, root_page=other_home)
    CategoryPageFactory(parent=other_home, title="Tin xã", slug="tin-xa")
    other_site = Site.objects.get(hostname="quangtam.localhost")
    answered(other_site, title="Câu hỏi của xã")
    found = urls(client.get("/sitemap.xml").content)
    assert not any("quangtam" in url or "/tin-xa/" in url for url in found)
    other = urls(Client(HTTP_HOST="quangtam.localhost").get("/sitemap.xml").content)
    assert "http://quangtam.localhost/tin-xa/" in other
    assert everything["answer"] not in other and everything["article"] not in other
