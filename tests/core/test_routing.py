"""Wagtail's routing remembered under the content version (cong/core/routing.py): the second
view of a page skips the walk from the root, and everything Wagtail does after routing still
happens (404 once unpublished, view restrictions, sub-addresses of routable pages, surrogate
keys of the ancestors)."""

from unittest import mock

from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction

from cong.core import surrogate
from tests.factories import ArticlePageFactory
from tests.html import unsigned


def queries(client, url) -> tuple[int, int, str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    return response.status_code, len(captured), response.content.decode()


def test_the_second_view_skips_the_walk_from_the_root(client, section):
    article = ArticlePageFactory(parent=section, title="Bài viết thử đường dẫn")
    walk = Page.route
    with mock.patch.object(Page, "route", autospec=True, side_effect=walk) as walked:
        status, first, html = queries(client, article.url)
        assert status == 200 and "Bài viết thử đường dẫn" in html
        assert walked.call_count == 3  # home, section, article
        status, second, again = queries(client, article.url)
    assert status == 200 and unsigned(again) == unsigned(html)
    # not walked again: only the page found is asked to route what is left of the path
    assert [call.args[0].pk for call in walked.call_args_list[3:]] == [article.pk]
    assert second < first


def test_an_unpublished_page_is_not_found_on_the_next_view(client, section):
    article = ArticlePageFactory(parent=section)
    url = article.url
    assert client.get(url).status_code == 200
    article.unpublish()
    assert client.get(url).status_code == 404


def test_a_view_restriction_still_applies(client, section, django_capture_on_commit_callbacks):
    """Also through the restrictions kept per page (CongPage.get_view_restrictions): a new
    restriction, on the page or above it, bumps the content version once committed."""
    article = ArticlePageFactory(parent=section)
    assert client.get(article.url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(page=section, restriction_type="login")
    response = client.get(article.url)
    assert response.status_code == 302 and "login" in response["Location"]
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.filter(page=section).delete()
    assert client.get(article.url).status_code == 200


def test_a_page_without_restrictions_asks_no_query_for_them(client, section):
    article = ArticlePageFactory(parent=section)
    client.get(article.url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(article.url).status_code == 200
    assert not [q for q in captured if "pageviewrestriction" in q["sql"]]
    assert not [q for q in captured if '"alias_of_id" FROM' in q["sql"]]


def test_a_cached_route_still_carries_its_ancestors_keys(client, section):
    article = ArticlePageFactory(parent=section)
    for _view in range(2):
        with surrogate.collect() as keys:
            assert client.get(article.url).status_code == 200
        assert {f"p{section.pk}", f"p{article.pk}"} <= keys


def test_routable_pages_and_their_sub_addresses_are_remembered_too(
    client, section, index, make_document
):
    """The documents list, a document's own address and a section's RSS: the second view
    finds the page without the walk and the page resolves its sub-address itself."""
    index.save_revision().publish()
    document = make_document("12/QĐ-UBND", summary="Quyết định thử đường dẫn")
    url = index.document_url(document)
    assert url.startswith(index.url) and url != index.url
    rss = section.url + "rss/"
    walk = Page.route
    pages = {}
    with mock.patch.object(Page, "route", autospec=True, side_effect=walk) as walked:
        for view in range(2):
            before = walked.call_count
            for address in (index.url, url, rss, section.url):
                response = client.get(address)
                assert response.status_code == 200, address
                pages.setdefault(address, []).append(unsigned(response.text))
            routed = [call.args[0].pk for call in walked.call_args_list[before:]]
            # first the walk from the home page, four times; then none: each routable page
            # resolves its sub-address from its own patterns
            assert routed == ([section.get_parent().pk] * 4 if view == 0 else []), routed
    assert "Quyết định thử đường dẫn" in pages[url][1]
    assert "<rss" in pages[rss][1] and "<rss" not in pages[section.url][1]
    assert all(first == second for first, second in pages.values())


def test_an_address_the_routable_page_does_not_know_is_still_not_found(client, index):
    index.save_revision().publish()
    for _view in range(2):
        assert client.get(index.url + "khong-co-trang-nay/").status_code == 404
