"""HTTP around every API answer: the per-client rate limit, the cached body, ETag and
Last-Modified, and 304 answers to conditional requests.

Caching: an answer (GET, status 200) is kept in the cache under the content version
(cong.core.cache), the site, the host and scheme (the pagination links are absolute), the
local date (a document's status changes at midnight) and the full query. Every publish,
unpublish and change of a watched model bumps the version, so a cached answer is never
served after the content it shows changed: the same mechanism as the page fragments.

- `ETag` is a hash of the body: it is right even when the cache is unreachable (the body
  is then rendered each time, and the same content gives the same tag).
- `Last-Modified` is when this exact body was first produced (remembered per ETag): an
  item removed from a list changes the body, so it gets a later date, which a date taken
  from the items themselves would not.
- `Cache-Control: public, max-age=CONG_API_MAX_AGE` lets the aggregator and proxies reuse
  an answer for that long; after that a conditional request costs one cache read and a 304.
"""

import functools
import hashlib
import json
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.utils.translation import gettext as _
from django_ratelimit.core import get_usage
from wagtail.models import Site

from cong.core.cache import UNKNOWN, content_version
from cong.core.clients import client_ip

JSON = "application/json"
BODY_TIMEOUT = 60 * 60  # a body also leaves the cache when the content version changes
SEEN_TIMEOUT = 30 * 24 * 60 * 60
READ_METHODS = ("GET", "HEAD")


def json_response(payload: dict, status: int) -> HttpResponse:
    """A small JSON answer (errors), never cached by anyone."""
    response = HttpResponse(
        json.dumps(payload, ensure_ascii=False), content_type=JSON, status=status
    )
    response["Cache-Control"] = "no-store"
    return response


def rate_limited(request: HttpRequest) -> HttpResponse | None:
    """429 with `Retry-After` once the client's address used up `CONG_API_RATE`, else None.

    Counted in the cache (django-ratelimit), like the public forms' limits; while the cache
    is unreachable nothing is counted and the API stays open (RATELIMIT_FAIL_OPEN).
    """
    usage = get_usage(
        request,
        group="cong:api",
        key=lambda _group, _request: client_ip(request) or "unknown",
        rate=settings.CONG_API_RATE,
        increment=True,
    )
    if usage is None or not usage["should_limit"]:
        return None
    seconds = max(1, int(usage["time_left"]))
    message = _("Quá nhiều yêu cầu từ địa chỉ của bạn. Vui lòng thử lại sau %(seconds)s giây.")
    response = json_response({"detail": message % {"seconds": seconds}}, 429)
    response["Retry-After"] = str(seconds)
    return response


def body_key(request: HttpRequest) -> str | None:
    """The cache key of the answer to `request`, or None when it must not be cached."""
    version = content_version()
    if version == UNKNOWN:
        return None
    site = Site.find_for_request(request)
    query = "&".join(sorted(request.GET.urlencode().split("&")))
    address = f"{request.scheme}://{request.get_host()}{request.path}?{query}"
    digest = hashlib.sha256(address.encode()).hexdigest()[:32]
    site_id = site.pk if site else 0
    return f"cong:api:{version}:{site_id}:{timezone.localdate().isoformat()}:{digest}"


def first_seen(etag: str) -> int:
    """When a body with this ETag was first produced (a Unix time), for Last-Modified."""
    now = int(time.time())
    key = f"cong:api:seen:{etag}"
    if cache.add(key, now, SEEN_TIMEOUT):
        return now
    return cache.get(key) or now


def rendered(response: Any) -> tuple[bytes, str, int]:
    """A view's 200 answer as (body, ETag, Last-Modified)."""
    if hasattr(response, "render"):
        response.render()
    body = response.content
    etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
    return body, etag, first_seen(etag)


def api_endpoint(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """Wrap a read-only view: rate limit, cache, validators and conditional answers.

    Anything but GET and HEAD (OPTIONS, or a POST that the view refuses with 405) reaches the
    view as is, after the rate limit.
    """

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        refused = rate_limited(request)
        if refused is not None:
            return refused
        if request.method not in READ_METHODS:
            return view(request, *args, **kwargs)
        key = body_key(request)
        entry = cache.get(key) if key else None
        if entry is None:
            response = view(request, *args, **kwargs)
            if response.status_code != 200:
                response["Cache-Control"] = "no-store"
                return response
            entry = rendered(response)
            if key:
                cache.set(key, entry, BODY_TIMEOUT)
        return conditional(request, *entry)

    return wrapped  # csrf_exempt, as DRF made the view: read-only, no form, no cookie


def conditional(
    request: HttpRequest, body: bytes, etag: str, last_modified: int
) -> HttpResponseBase:
    """The answer with its validators, or 304 when the client's copy is current."""
    response = HttpResponse(b"" if request.method == "HEAD" else body, content_type=JSON)
    response["Content-Length"] = str(len(body))
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    response["Cache-Control"] = f"public, max-age={settings.CONG_API_MAX_AGE}"
    not_modified = get_conditional_response(
        request, etag=etag, last_modified=last_modified, response=response
    )
    return not_modified or response
