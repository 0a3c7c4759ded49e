"""One content version for the whole install, so cached fragments never go stale.

Menus, sidebars and site settings are cached under keys that include the current content
version; publishing, unpublishing, moving or deleting a page, or saving a setting or a
snippet, bumps the version, and every fragment is rebuilt on its next render. This costs
one cache read per request instead of a dozen SQL queries, and needs no list of which
fragment shows what.

Within a request the version is read once (`ContentVersionMiddleware`): every fragment and
setting of one page is then of the same version, for one Redis round trip.
"""

import pickle
import time
from collections import OrderedDict
from collections.abc import Callable
from contextvars import ContextVar
from typing import Any

from django.core.cache import cache
from wagtail.models import Site

VERSION_KEY = "cong:content-version"
SETTING_TIMEOUT = 60 * 60
# The version while the cache cannot be reached: nothing is cached then, so fragments keyed
# on it are never found, and the page cache writes no file (it cannot tell a publish then).
UNKNOWN = 0


# The version this request read, and what else it keeps for itself (`request_scope`), while
# a request is served (None outside requests).
_request_memo: ContextVar[dict[str, Any] | None] = ContextVar("cong_content_version", default=None)


def request_scope() -> dict[str, Any] | None:
    """A dictionary for what the current request reads once (None outside a request): gone
    with the request, so nothing in it outlives what the shared cache allows."""
    return _request_memo.get()


def content_version() -> int:
    """The current content version (an integer that only grows), UNKNOWN if unreachable;
    read once per request."""
    memo = _request_memo.get()
    if memo is not None and "version" in memo:
        return int(memo["version"])
    version = stored_content_version()
    if memo is not None and version != UNKNOWN:
        memo["version"] = version
    return version


def stored_content_version() -> int:
    """The content version as the cache holds it now, whatever this request read before."""
    version = cache.get(VERSION_KEY)
    if version is None:
        # add() rather than set(): another process may have bumped it meanwhile. django-redis
        # with IGNORE_EXCEPTIONS answers None (neither True nor False) when Redis is down.
        if cache.add(VERSION_KEY, 1, timeout=None) is None:
            return UNKNOWN
        version = cache.get(VERSION_KEY, 1)
    return version


class ContentVersionMiddleware:
    """Each request reads the content version once, when first needed; a change it makes
    (a publish) is read again after."""

    def __init__(self, get_response: Callable) -> None:
        self.get_response = get_response

    def __call__(self, request: Any) -> Any:
        token = _request_memo.set({})
        try:
            return self.get_response(request)
        finally:
            _request_memo.reset(token)


def cache_reachable() -> bool:
    """Whether the cache answers (django-redis returns None from add() when it did not)."""
    return cache.add("cong:cache-probe", 1, timeout=1) is not None


def bump_content_version(**kwargs: Any) -> None:
    """Invalidate every cached fragment; usable directly as a signal receiver."""
    memo = _request_memo.get()
    if memo is not None:
        memo.pop("version", None)  # this request reads the new one from now on
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # not set yet, or evicted
        cache.add(VERSION_KEY, 2, timeout=None)


# What a key naming the content version holds cannot change while the version stands, so
# this process keeps a copy of what it read for the current version: a page seen before
# reads its settings, site, route and fragments without a Redis round trip. The copy holds
# one version at a time (forgotten when the version changes) and each entry a minute at most
# (a change made while Redis was down, whose bump was lost, shows within a minute).
MEMO_SECONDS = 60.0
MEMO_SIZE = 4096
_memo: "OrderedDict[str, tuple[float, Any]]" = OrderedDict()
_memo_version: list[int] = [UNKNOWN]


def forget_memo() -> None:
    """Empty this process's copy (tests, after the shared cache is cleared)."""
    _memo.clear()
    _memo_version[0] = UNKNOWN


def _memo_for(version: int) -> "OrderedDict[str, tuple[float, Any]] | None":
    if version == UNKNOWN or _request_memo.get() is None:
        return None  # outside a request, or the cache unreachable: always ask the cache
    if _memo_version[0] != version:
        _memo.clear()
        _memo_version[0] = version
    return _memo


def versioned_get(key: str, fresh_copy: bool = False) -> Any:
    """`cache.get(key)` for a key that names the current content version, answered from
    this process's copy where it has one. `fresh_copy`: each call gets an object of its own
    (kept pickled here), for what a request changes (a Site: routing hangs pages on it)."""
    memo = _memo_for(content_version())
    now = time.monotonic()
    if memo is not None and (entry := memo.get(key)) is not None and entry[0] > now:
        return pickle.loads(entry[1]) if fresh_copy else entry[1]  # noqa: S301 (our own)
    value = cache.get(key)
    if memo is not None and value is not None:
        _keep(memo, key, pickle.dumps(value) if fresh_copy else value, now)
    return value


def versioned_set(key: str, value: Any, timeout: int, fresh_copy: bool = False) -> None:
    """`cache.set` for a key that names the current content version, kept here too."""
    cache.set(key, value, timeout)
    memo = _memo_for(content_version())
    if memo is not None:
        _keep(memo, key, pickle.dumps(value) if fresh_copy else value, time.monotonic())


def _keep(memo: "OrderedDict[str, tuple[float, Any]]", key: str, value: Any, now: float) -> None:
    memo[key] = (now + MEMO_SECONDS, value)
    memo.move_to_end(key)
    if len(memo) > MEMO_SIZE:
        memo.popitem(last=False)


def cached_setting(model: Any, site: Site) -> Any:
    """`model.for_site(site)`, kept in the cache until the content version changes."""
    key = f"cong:setting:{model._meta.label_lower}:{site.pk}:{content_version()}"
    instance = versioned_get(key)
    if instance is None:
        instance = model.for_site(site)
        versioned_set(key, instance, SETTING_TIMEOUT)
    return instance
