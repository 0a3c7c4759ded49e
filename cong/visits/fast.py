"""The visit beacon answered before Django's middleware: the cheapest path for every page view.

Every page view sends one beacon (`POST /api/visits/hit`). Through Django's whole stack it
also paid for the page cache, security headers, CORS, sessions, CSRF, authentication, 2FA,
messages and redirects middleware, none of which a beacon needs: it carries no cookie, no
token and no user, and its answer is an empty 204. `BeaconFirst` wraps the WSGI application
(cong/wsgi.py) and hands that one address straight to the beacon view, keeping only what
the middleware did that matters to it:

- the body limit (a declared body above `MAX_DECLARED_BODY` is 413, before it is read);
- the allowed hosts (`request.get_host()`: 400 for a Host the site does not serve);
- the planned stop (503 while `manage.py maintenance on`, as MaintenanceModeMiddleware);
- the cached site lookup (cong.core.sites.CachedSiteMiddleware);
- Django's request_started / request_finished signals (database connections and caches
  are opened and closed exactly as for any request).

Counting itself is the view's (cong.visits.views.hit → counting.count_hit): bots, prefetches,
software-driven browsers, the per-visitor and per-address caps, dedup per visitor and site,
and a 503 (never a lost 204) when the visit store is down are the same on both paths.
Under `runserver` or the test client, without this wrapper, the URL goes through Django.
With `CONG_VISITS_BEACON_LOG` set, nginx answers the beacon itself and logs it, and
`manage.py ingest_beacons` counts the log with the same rules (cong/visits/ingest.py); no
beacon then reaches gunicorn, and a store outage delays counts instead of refusing beacons.
"""

from collections.abc import Callable, Iterable
from typing import Any

from django.core import signals
from django.core.exceptions import DisallowedHost
from django.core.handlers.wsgi import WSGIRequest
from django.http import HttpResponse, HttpResponseBase
from django.utils.cache import patch_cache_control

from cong.compliance import maintenance
from cong.core.sites import CachedSiteMiddleware
from cong.visits import views

PATH = "/api/visits/hit"
# Beacons are a few hundred bytes (counting.MAX_BODY reads at most 2 KB); nginx allows 4 KB.
MAX_DECLARED_BODY = 64 * 1024

_site = CachedSiteMiddleware(lambda request: None)


def answer(request: WSGIRequest) -> HttpResponseBase:
    """The beacon's answer, without Django's middleware."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length > MAX_DECLARED_BODY:
        return _bare(413)
    try:
        request.get_host()
    except DisallowedHost:
        return _bare(400)
    if maintenance.is_on():
        response = _bare(503)
        response["Retry-After"] = str(maintenance.retry_after())
        return response
    _site(request)  # request._wagtail_site from the cache
    return views.hit(request)


def _bare(status: int) -> HttpResponse:
    response = HttpResponse(status=status)
    patch_cache_control(response, no_store=True)
    return response


class BeaconFirst:
    """WSGI middleware: `POST /api/visits/hit` to the beacon view, everything else to `app`."""

    def __init__(self, app: Callable) -> None:
        self.app = app

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        if environ.get("PATH_INFO") != PATH or environ.get("REQUEST_METHOD") != "POST":
            return self.app(environ, start_response)
        signals.request_started.send(sender=self.__class__, environ=environ)
        try:
            response = answer(WSGIRequest(environ))
            headers: list[Any] = [*response.items()]
            status = f"{response.status_code} {response.reason_phrase}"
            body = getattr(response, "content", b"")  # every answer here is a plain one
        finally:
            signals.request_finished.send(sender=self.__class__)
        start_response(status, headers)
        return [body]
