"""Turn a beacon into a counted page view, or a dropped hit with its reason.

A beacon reaches counting two ways: as a request (the view, cong.visits.views.hit) or as a
line nginx logged (cong.visits.ingest, `manage.py ingest_beacons`). Both become a `Beacon`
and go through the one `judge`, so the rules (bots, prefetch, webdriver, the per-visitor and
per-address caps, dedup) cannot differ between the two paths.
"""

import hashlib
import hmac
import ipaddress
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
from django.http import Http404, HttpRequest
from django.urls import Resolver404, resolve
from django.utils import timezone
from wagtail.models import Page, Site

from cong.core.cache import cached_setting, content_version
from cong.core.clients import client_ip, local_day, salt_for, visitor_hash
from cong.visits import filters
from cong.visits.models import VisitSettings
from cong.visits.stores import Drop, Hit, get_store

MAX_BODY = 2048
MAX_PATH = 500
_NOT_A_PAGE = 0
_CONTROL = re.compile("[\x00-\x1f]")


def read_beacon(body: bytes) -> dict:
    """The beacon's JSON object (`{"path": "/...", "webdriver": false}`), or {} if it is none."""
    if len(body) > MAX_BODY:
        return {}
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def read_path(body: bytes) -> str | None:
    """The page address a beacon reports: `{"path": "/..."}` sent as JSON or text/plain.

    >>> read_path(b'{"path": "/tin-tuc/bai-viet/?utm=x#top"}')
    '/tin-tuc/bai-viet/'
    >>> read_path(b'{"path": "https://evil.example/"}') is None
    True
    >>> read_path(b'not json') is None
    True
    """
    return clean_path(read_beacon(body).get("path"))


def driven_by_software(body: bytes) -> bool:
    """Whether the page's script saw `navigator.webdriver` (Selenium, Playwright, Puppeteer
    set it even when they send an ordinary browser's User-Agent).

    >>> driven_by_software(b'{"path": "/", "webdriver": true}')
    True
    >>> driven_by_software(b'{"path": "/"}'), driven_by_software(b'{"webdriver": "true"}')
    (False, False)
    """
    return read_beacon(body).get("webdriver") is True


def address_key(site_id: int, ip: str, day: date) -> str:
    """The client's address as a daily keyed hash, like a visitor (no address is stored).

    An IPv6 client is its /64 network: one line gets a whole /64 and can pick any address in
    it, so counting single IPv6 addresses would let one client be thousands of addresses.
    """
    try:
        address = ipaddress.ip_address(ip)
    except ValueError:
        network = ip
    else:
        network = (
            str(ipaddress.ip_network(f"{ip}/64", strict=False)) if address.version == 6 else ip
        )
    message = f"address\x00{site_id}\x00{network}".encode()
    return hmac.new(salt_for(day), message, hashlib.sha256).hexdigest()[:32]


def clean_path(path: object) -> str | None:
    """A site-relative address without query or fragment, or None if it is not one.

    >>> clean_path("/van-ban/?page=2")
    '/van-ban/'
    >>> clean_path("//evil.example/") is None, clean_path("/a\\x1fb/") is None
    (True, True)
    """
    if not isinstance(path, str) or not path.startswith("/") or path.startswith("//"):
        return None
    path = urlsplit(path).path
    if len(path) > MAX_PATH or _CONTROL.search(path):
        return None
    return path


def _path_key(site: Site, path: str, version: int) -> str:
    return f"cong:visits:path:{site.pk}:{version}:{path}"


def _settings_key(site: Site, version: int) -> str:
    # cached_setting's key, so both share one copy.
    return f"cong:setting:{VisitSettings._meta.label_lower}:{site.pk}:{version}"


def page_for_path(site: Site, path: str) -> int | None:
    """The id of the live page at `path`, 0 for another counted address, None if neither."""
    key = _path_key(site, path, content_version())
    return _page_from_cache(site, path, key, cache.get(key))


def _page_from_cache(site: Site, path: str, key: str, found: int | None) -> int | None:
    if found is None:
        found = _lookup(site, path)
        cache.set(key, -1 if found is None else found, 300)
    return None if found == -1 else found


def _beacon_lookups(site: Site, path: str) -> tuple[int | None, VisitSettings]:
    """The page at `path` and the site's VisitSettings: one content version, one get_many
    (two Redis round trips instead of four for every beacon)."""
    version = content_version()
    path_key, settings_key = _path_key(site, path, version), _settings_key(site, version)
    cached = cache.get_many([path_key, settings_key])
    page_id = _page_from_cache(site, path, path_key, cached.get(path_key))
    visit_settings = cached.get(settings_key) or cached_setting(VisitSettings, site)
    return page_id, visit_settings


def _lookup(site: Site, path: str) -> int | None:
    try:
        match = resolve(path)
    except Resolver404:
        return None
    if match.view_name == "wagtail_serve":
        return _page_or_route(site, path)
    return _NOT_A_PAGE if match.view_name in settings.CONG_VISITS_COUNTED_URLS else None


def _page_or_route(site: Site, path: str) -> int | None:
    """The id of the live, public page at `path`; 0 for a counted sub-route of one; or None.

    The path is routed as Wagtail serves it (`Page.route`), so a RoutablePage's own routes
    (a legal document, a published answer) resolve too. Which of them are page views the
    page class says, with `is_counted_route(url_name, kwargs)`: cong.visits names no model.
    """
    components = [part for part in path.split("/") if part]
    request = HttpRequest()  # Page.route only stores the sub-route's match on it
    try:
        page = site.root_page.specific.route(request, components).page
    except Http404:
        return None
    if not Page.objects.live().public().filter(pk=page.pk).exists():
        return None
    if page.url_path == site.root_page.url_path + "".join(f"{c}/" for c in components):
        return page.pk
    match = getattr(request, "routable_resolver_match", None)
    counted = getattr(page, "is_counted_route", None)
    if match is None or counted is None:
        return None
    return _NOT_A_PAGE if counted(match.url_name, match.kwargs) else None


def rate_count(site: Site, visitor: str, at: datetime) -> int | None:
    """The visitor's hits in the minute of `at`, this one included (None: not known)."""
    key = f"cong:visits:rate:{site.pk}:{visitor}:{int(at.timestamp() // 60)}"
    cache.add(key, 0, 90)
    try:
        return cache.incr(key)
    except ValueError:  # evicted between add and incr
        return None


@dataclass(frozen=True)
class Beacon:
    """What counting needs of one beacon, whether it came as a request or as a logged line."""

    site: Site
    body: bytes
    user_agent: str
    # Sec-Purpose, or the older Purpose header ("prefetch" is not a page view).
    purpose: str
    # The client's address as cong.core.clients.client_ip computes it.
    ip: str
    # When it was sent: it decides the day (and the day's salt), even when counted later.
    at: datetime


Lookups = dict[tuple[int, str], tuple[int | None, VisitSettings]]


def beacon_from_request(request: HttpRequest) -> Beacon | None:
    """The beacon a request carries, or None when it is for no site of ours."""
    site = Site.find_for_request(request)
    if site is None:
        return None
    meta = request.META
    return Beacon(
        site=site,
        body=request.body,
        user_agent=meta.get("HTTP_USER_AGENT", ""),
        purpose=meta.get("HTTP_SEC_PURPOSE", "") or meta.get("HTTP_PURPOSE", ""),
        ip=client_ip(request),
        at=timezone.now(),
    )


def judge(
    beacon: Beacon,
    lookups: Lookups | None = None,
    rate: Callable[[Site, str, datetime], int | None] = rate_count,
) -> Hit | Drop:
    """The page view a beacon counts as, or why it does not count; nothing is stored yet.

    The per-visitor cap is counted here (in the cache); the per-address caps and the visit
    itself are the store's, in the atomic step that stores the Hit. `lookups` keeps the
    page and settings found per (site, path) for a batch of logged lines; `rate` counts
    the visitor's hits of the minute (the worker's own remembers each line's count, so a
    batch counted again after a crash finds the same).
    """
    site = beacon.site
    day = local_day(beacon.at)
    reason = filters.header_drop_reason(beacon.user_agent, beacon.purpose)
    data = read_beacon(beacon.body) if reason is None else {}
    path = clean_path(data.get("path")) if reason is None else None
    if reason is None and path is None:
        reason = filters.BAD_REQUEST
    page_id, visit_settings = None, None
    if reason is None:
        assert path is not None
        key = (site.pk, path)
        found = lookups.get(key) if lookups is not None else None
        if found is None:
            found = _beacon_lookups(site, path)
            if lookups is not None:
                lookups[key] = found
        page_id, visit_settings = found
        if page_id is None:
            reason = filters.BAD_PATH
    if (
        reason is None
        and data.get("webdriver") is True
        and not settings.CONG_VISITS_COUNT_WEBDRIVER
    ):
        reason = filters.WEBDRIVER
    if reason is None:
        visitor = visitor_hash(site.pk, beacon.ip, beacon.user_agent, day)
        assert visit_settings is not None  # looked up above whenever reason is None
        count = rate(site, visitor, beacon.at)
        # None: the cache (Redis) is down, and the per-visitor cap with it (fail open).
        if count is not None and count > visit_settings.max_hits_per_minute:
            reason = filters.RATE
    if reason is not None:
        return Drop(site.pk, day, reason)
    assert path is not None
    # The store applies the address's caps (new visitors, page views) in the same atomic
    # step that counts the hit, and records the drop itself when one is passed.
    return Hit(
        site_id=site.pk,
        visitor=visitor,
        path=path,
        page_id=page_id or None,
        at=beacon.at,
        day=day,
        address=address_key(site.pk, beacon.ip, day),
    )


def count_hit(request: HttpRequest) -> None:
    """Count the page view a beacon reports, or record why it was not counted."""
    beacon = beacon_from_request(request)
    if beacon is None:
        return
    store = get_store()
    verdict = judge(beacon)
    if isinstance(verdict, Drop):
        store.drop(verdict.site_id, verdict.day, verdict.reason)
    else:
        store.record(verdict)
