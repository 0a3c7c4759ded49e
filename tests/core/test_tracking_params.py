"""Tracking parameters (utm_*, fbclid...) never end up in links a cached listing shows."""

from pathlib import Path

import pytest
from django.test import RequestFactory

from cong.core.pagination import listing_query
from tests.factories import ArticlePageFactory

TRACKING = {
    "utm_source": "zalo",
    "utm_campaign": "thang-8",
    "fbclid": "IwAR0x",
    "gclid": "g1",
    "zarsrc": "30",
}


def test_the_listing_query_keeps_filters_and_drops_the_page_and_tracking_parameters():
    request = RequestFactory().get("/van-ban/", {"q": "quyết định", "page": "3", **TRACKING})
    assert listing_query(request).urlencode() == "q=quy%E1%BA%BFt+%C4%91%E1%BB%8Bnh"


@pytest.fixture
def two_pages_of_documents(index, make_document, monkeypatch):
    monkeypatch.setattr("cong.documents.models.pages.PER_PAGE", 1)
    make_document("01/QĐ-UBND", issued="2023-01-05")
    make_document("02/QĐ-UBND", issued="2023-02-06")
    return index


def test_the_documents_listing_links_carry_no_tracking_parameters(client, two_pages_of_documents):
    html = client.get("/van-ban/", TRACKING).content.decode()
    assert 'href="?page=2" rel="next"' in html
    for name in TRACKING:
        assert name not in html
    filtered = client.get("/van-ban/", {"q": "QĐ", **TRACKING}).content.decode()
    assert 'href="?q=Q%C4%90&amp;page=2" rel="next"' in filtered


def test_a_cached_listing_first_asked_for_with_utm_shows_no_utm_to_the_next_reader(
    client, settings, tmp_path, site, two_pages_of_documents
):
    settings.CONG_PAGE_CACHE_DIR = str(tmp_path / "pagecache")
    site.hostname = "testserver"
    site.save()
    client.get("/van-ban/", TRACKING)
    file = Path(settings.CONG_PAGE_CACHE_DIR) / "testserver" / "van-ban" / "index.html"
    html = file.read_text()  # what nginx gives a plain /van-ban/ from now on
    assert 'href="?page=2"' in html
    assert "utm_" not in html and "fbclid" not in html


def test_search_result_pages_carry_no_tracking_parameters(client, section, monkeypatch):
    monkeypatch.setattr("cong.search.views.RESULTS_PER_PAGE", 1)
    for n in range(2):
        ArticlePageFactory(parent=section, title=f"Chuyển đổi số cấp xã {n}")
    html = client.get("/tim-kiem/", {"q": "chuyen doi so", **TRACKING}).content.decode()
    assert "page=2" in html
    for name in TRACKING:
        assert name not in html


def test_a_second_page_asked_for_with_utm_links_to_no_utm(client, two_pages_of_documents):
    html = client.get("/van-ban/", {"utm_source": "x", "page": "2"}).content.decode()
    assert 'href="?page=1" rel="prev"' in html
    assert "utm_source" not in html
