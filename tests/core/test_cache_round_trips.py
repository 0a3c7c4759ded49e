"""An uncached page seen before costs two cache round trips (issue 20): the content version,
and the visit figures (an article's views read with the site's summary, in one MGET). The
site comes from this process's copy, a Site object of its own for each request."""

from unittest import mock

import pytest
from django.core.cache import cache
from django.test import RequestFactory

from cong.core import sites
from cong.core.cache import ContentVersionMiddleware, bump_content_version
from tests.factories import ArticlePageFactory


class Reads:
    """Every read the cache is asked for, by method."""

    def __init__(self):
        self.calls: list[tuple[str, object]] = []
        self.inside = 0

    def __enter__(self):
        self.patches = [
            mock.patch.object(cache, name, side_effect=self._wrap(name, getattr(cache, name)))
            for name in ("get", "get_many")
        ]
        for patch in self.patches:
            patch.start()
        return self

    def _wrap(self, name, real):
        def read(*args, **kwargs):
            if not self.inside:  # the local-memory cache's get_many calls its get
                self.calls.append((name, args[0]))
            self.inside += 1
            try:
                return real(*args, **kwargs)
            finally:
                self.inside -= 1

        return read

    def __exit__(self, *exc):
        for patch in self.patches:
            patch.stop()


@pytest.fixture
def article(section):
    return ArticlePageFactory(parent=section, title="Tin đọc nhiều")


def test_an_article_seen_before_reads_the_cache_twice(client, article):
    for n in range(2):  # fragments, routes, settings and the site kept for this version
        assert client.get(article.url, {"n": n}).status_code == 200
    with Reads() as reads:
        response = client.get(article.url, {"n": "again"})
    assert response.status_code == 200
    assert len(reads.calls) == 2, reads.calls
    (first, version), (second, keys) = reads.calls
    assert (first, version) == ("get", "cong:content-version")
    assert second == "get_many" and {k.rsplit(":", 1)[0] for k in keys} == {
        "cong:visits:page",
        "cong:visits:summary",
    }


def test_another_page_seen_before_reads_the_cache_twice(client, section):
    for n in range(2):
        client.get(section.url, {"n": n})
    with Reads() as reads:
        assert client.get(section.url, {"n": "again"}).status_code == 200
    assert [name for name, _key in reads.calls] == ["get", "get"]
    assert reads.calls[1][1].startswith("cong:visits:summary:")


def test_each_request_gets_a_site_of_its_own(site):
    seen = []

    def view(request):
        found = request._wagtail_site
        seen.append((found, hasattr(found.root_page, "hung_by_routing")))
        found.root_page.hung_by_routing = True  # as routing hangs pages on it
        return found

    middleware = ContentVersionMiddleware(sites.CachedSiteMiddleware(view))
    for _ in range(3):
        middleware(RequestFactory().get("/"))
    assert [found.pk for found, _hung in seen] == [site.pk] * 3
    assert len({id(found) for found, _hung in seen}) == 3
    assert not any(hung for _found, hung in seen)  # no request sees another's pages


def test_a_saved_site_is_read_again(site):
    def view(request):
        return request._wagtail_site.site_name

    middleware = ContentVersionMiddleware(sites.CachedSiteMiddleware(view))
    middleware(RequestFactory().get("/"))
    site.site_name = "Tên mới"
    site.save()
    bump_content_version()  # what the save does once committed (the test never commits)
    assert middleware(RequestFactory().get("/")) == "Tên mới"
