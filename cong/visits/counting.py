"""Turn a beacon into a counted page view, or a dropped hit with its reason."""

import json
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
from django.urls import Resolver404, resolve
from django.utils import timezone
from wagtail.models import Page, Site

from cong.core.cache import cached_setting, content_version
from cong.visits import filters
from cong.visits.identity import client_ip, local_day, visitor_hash
from cong.visits.models import VisitSettings
from cong.visits.stores import Hit, get_store

MAX_BODY = 2048
MAX_PATH = 500
_NOT_A_PAGE = 0


def read_path(body: bytes) -> str | None:
    """The page address a beacon reports: `{"path": "/..."}` sent as JSON or text/plain.

    >>> read_path(b'{"path": "/tin-tuc/bai-viet/?utm=x#top"}')
    '/tin-tuc/bai-viet/'
    >>> read_path(b'{"path": "https://evil.example/"}') is None
    True
    >>> read_path(b'not json') is None
    True
    """
    if len(body) > MAX_BODY:
        return None
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None
    return clean_path(data.get("path") if isinstance(data, dict) else None)


def clean_path(path) -> str | None:
    """A site-relative address without query or fragment, or None if it is not one.

    >>> clean_path("/van-ban/?page=2")
    '/van-ban/'
    >>> clean_path("//evil.example/") is None
    True
    """
    if not isinstance(path, str) or not path.startswith("/") or path.startswith("//"):
        return None
    path = urlsplit(path).path
    if len(path) > MAX_PATH or any(ord(ch) < 32 for ch in path):
        return None
    return path


def page_for_path(site: Site, path: str) -> int | None:
    """The id of the live page at `path`, 0 for another counted address, None if neither."""
    key = f"cong:visits:path:{site.pk}:{content_version()}:{path}"
    found = cache.get(key)
    if found is None:
        found = _lookup(site, path)
        cache.set(key, -1 if found is None else found, 300)
    return None if found == -1 else found


def _lookup(site: Site, path: str) -> int | None:
    try:
        match = resolve(path)
    except Resolver404:
        return None
    if match.view_name == "wagtail_serve":
        url_path = site.root_page.url_path + path.lstrip("/")
        page = Page.objects.live().public().filter(url_path=url_path).values_list("pk", flat=True)
        return page.first()
    return _NOT_A_PAGE if match.view_name in settings.CONG_VISITS_COUNTED_URLS else None


def over_rate(site: Site, visitor: str, limit: int) -> bool:
    """True once a visitor passes `limit` hits in the current minute."""
    key = f"cong:visits:rate:{site.pk}:{visitor}:{int(timezone.now().timestamp() // 60)}"
    cache.add(key, 0, 90)
    try:
        return cache.incr(key) > limit
    except ValueError:  # evicted between add and incr
        return False


def count_hit(request) -> None:
    """Count the page view a beacon reports, or record why it was not counted."""
    site = Site.find_for_request(request)
    if site is None:
        return
    store = get_store()
    now = timezone.now()
    day = local_day(now)
    reason = filters.drop_reason(request)
    path = read_path(request.body) if reason is None else None
    if reason is None and path is None:
        reason = filters.BAD_REQUEST
    page_id = page_for_path(site, path) if reason is None else None
    if reason is None and page_id is None:
        reason = filters.BAD_PATH
    if reason is None:
        visitor = visitor_hash(site.pk, client_ip(request), request.META["HTTP_USER_AGENT"], day)
        limit = cached_setting(VisitSettings, site).max_hits_per_minute
        if over_rate(site, visitor, limit):
            reason = filters.RATE
    if reason is not None:
        store.drop(site.pk, day, reason)
        return
    store.record(
        Hit(site_id=site.pk, visitor=visitor, path=path, page_id=page_id or None, at=now, day=day)
    )
