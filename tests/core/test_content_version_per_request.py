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


# What a key naming the version holds is kept in the process for that version.


def read_twice(key):
    """Two requests reading `key` through versioned_get; the cache reads of the second."""

    def view(request):
        return versions.versioned_get(key)

    first = serve(view)
    with mock.patch.object(cache, "get", wraps=cache.get) as reads:
        second = serve(view)
    return first, second, [call.args[0] for call in reads.call_args_list]


def test_a_second_request_reads_a_versioned_key_from_the_process(db):
    versions.bump_content_version()
    key = f"cong:test:{versions.stored_content_version()}"
    serve(lambda request: versions.versioned_set(key, "giá trị", 60))
    first, second, reads = read_twice(key)
    assert first == second == "giá trị"
    assert key not in reads  # only the version itself was read


def test_a_new_version_forgets_the_process_copy(db):
    versions.bump_content_version()
    key = "cong:test:same-key"
    serve(lambda request: versions.versioned_set(key, "cũ", 60))
    cache.set(key, "mới", 60)  # as if another process wrote it for a new version
    versions.bump_content_version()
    assert serve(lambda request: versions.versioned_get(key)) == "mới"


def test_outside_a_request_the_cache_is_always_asked(db):
    versions.bump_content_version()
    key = "cong:test:outside"
    versions.versioned_set(key, "một", 60)
    cache.set(key, "hai", 60)
    assert versions.versioned_get(key) == "hai"


def test_settings_are_read_once_per_process_and_version(db, site):
    from cong.core.models import AgencySettings

    versions.bump_content_version()
    serve(lambda request: versions.cached_setting(AgencySettings, site))
    with mock.patch.object(AgencySettings, "for_site") as loaded:
        with mock.patch.object(cache, "get", wraps=cache.get) as reads:
            setting = serve(lambda request: versions.cached_setting(AgencySettings, site))
    assert isinstance(setting, AgencySettings) and not loaded.called
    assert reads.call_count == 1  # the version
