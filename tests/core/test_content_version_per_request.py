"""The content version is read once per request (cong.core.cache.ContentVersionMiddleware):
one cache round trip for all of a page's fragments and settings; a bump in the request, or a
read outside any request, sees the stored version."""

from unittest import mock

from django.core.cache import cache
from django.test import RequestFactory

from cong.core import cache as versions


def serve(view):
    return versions.ContentVersionMiddleware(view)(RequestFactory().get("/"))


def test_a_request_reads_the_version_once(db):
    seen = []

    def view(request):
        with mock.patch.object(cache, "get", wraps=cache.get) as reads:
            seen.extend(versions.content_version() for _ in range(5))
            seen.append(reads.call_count)
        return seen

    versions.bump_content_version()  # stored already, as after the first request
    serve(view)
    assert len(set(seen[:5])) == 1 and seen[5] == 1


def test_another_process_bumping_is_seen_by_the_next_request_not_this_one(db):
    def view(request):
        before = versions.content_version()
        cache.incr(versions.VERSION_KEY)  # another process publishes meanwhile
        return before, versions.content_version(), versions.stored_content_version()

    before, during, stored = serve(view)
    assert during == before and stored == before + 1
    assert serve(lambda request: versions.content_version()) == before + 1


def test_a_bump_in_the_request_is_read_again(db):
    def view(request):
        before = versions.content_version()
        versions.bump_content_version()
        return before, versions.content_version()

    before, after = serve(view)
    assert after == before + 1


def test_outside_a_request_every_read_is_fresh(db):
    before = versions.content_version()
    cache.incr(versions.VERSION_KEY)
    assert versions.content_version() == before + 1
