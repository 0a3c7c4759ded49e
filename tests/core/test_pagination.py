"""One pagination include for every listing: `{% pagination_links %}` with `{% querystring %}`."""

import re

from django.core.paginator import Paginator
from django.template import Context, Template
from django.test import RequestFactory

from cong.core import pagination
from tests.factories import ArticlePageFactory

TEMPLATE = Template("{% load core_tags %}{% pagination_links page_obj anchor=anchor %}")


def render(query: dict, number: int, pages: int = 3, anchor: str = "") -> str:
    request = RequestFactory().get("/danh-sach/", query)
    page_obj = Paginator(range(pages), 1).page(number)
    return TEMPLATE.render(Context({"request": request, "page_obj": page_obj, "anchor": anchor}))


def hrefs(html: str) -> list[str]:
    return re.findall(r'href="([^"]*)"', html)


def test_the_links_keep_the_filters_and_change_only_the_page():
    html = render({"page": "2", "q": "quyết định", "nam": ["2023", "2024"]}, 2)
    assert (
        'href="?q=quy%E1%BA%BFt+%C4%91%E1%BB%8Bnh&amp;nam=2023&amp;nam=2024&amp;page=1" rel="prev"'
        in html
    )
    assert (
        'href="?q=quy%E1%BA%BFt+%C4%91%E1%BB%8Bnh&amp;nam=2023&amp;nam=2024&amp;page=3" rel="next"'
        in html
    )


def test_no_link_carries_a_tracking_parameter():
    tracking = {"utm_source": "zalo", "utm_medium": "x", "fbclid": "1", "gclid": "2", "zarsrc": "3"}
    html = render({"page": "2", "q": "a", **tracking}, 2, pages=9)
    assert hrefs(html) and all(href.startswith("?q=a&amp;page=") for href in hrefs(html))
    for name in tracking:
        assert name not in html


def test_a_one_shot_notice_an_app_declares_is_not_carried_on(monkeypatch):
    monkeypatch.setattr(pagination, "_one_shot", set())
    pagination.keep_out_of_links("da-gui")
    html = render({"da-gui": "1"}, 1, anchor="#comments-heading")
    assert 'href="?page=2#comments-heading" rel="next"' in html
    assert "da-gui" not in html


def test_the_current_page_is_marked_and_far_pages_are_elided():
    html = render({}, 10, pages=20)
    assert '<span aria-current="page">Trang 10/20</span>' in html
    assert 'aria-label="Phân trang"' in html
    numbers = re.findall(r"</span>(\d+)</a>", html)
    assert numbers == ["1", "8", "9", "11", "12", "20"]
    assert html.count('aria-hidden="true">…</li>') == 2


def test_a_single_page_shows_no_pagination():
    assert render({}, 1, pages=1).strip() == ""


def test_the_news_listing_uses_the_shared_pagination(client, section):
    for n in range(12):
        ArticlePageFactory(parent=section, title=f"Bài số {n:02d}")
    html = client.get(section.url, {"page": "2", "utm_source": "zalo"}).content.decode()
    assert 'href="?page=1" rel="prev"' in html and "utm_source" not in html
