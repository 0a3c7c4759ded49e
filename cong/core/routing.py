"""Wagtail's address → page routing, remembered under the content version (issue 20).

Wagtail finds the page for `/tin-tuc/bai-viet/` by walking from the site's root: the root's
specific page, then a query per segment, then the specific page found. `CachedRouteMiddleware`
keeps the answer (the page's type and id) under the content version, the site, the language
and the path, with the surrogate keys routing collected (the ancestors', cong.core.surrogate),
so a page seen before is found with one query for the page itself. Wagtail's `serve` reads
the route from the request (`request._wagtail_route_for_request`, Wagtail's own per-request
memo) and does the rest as always: view restrictions, hooks, `page.serve()`.

Only plain routes are kept: a route with arguments (a routable page's sub-address) is left to
Wagtail each time. Any publish, move or unpublish bumps the content version.
"""

import hashlib
from collections.abc import Callable
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.utils import translation
from wagtail import views as wagtail_views
from wagtail.models import Page, Site

from cong.core import surrogate
from cong.core.cache import content_version

TIMEOUT = 3600


def route_key(site: Site, path: str) -> str:
    digest = hashlib.blake2b(path.encode(), digest_size=16).hexdigest()
    language = translation.get_language() or ""
    return f"cong:route:{content_version()}:{site.pk}:{language}:{digest}"


def _plain_route(request: HttpRequest, path: str) -> tuple[int, int] | None:
    """Wagtail's own routing; the page's type and id when the route has no arguments."""
    found = Page.route_for_request(request, path)
    if found is None:
        return None
    page, args, kwargs = found
    if args or kwargs:
        return None
    return page.content_type_id, page.pk


class CachedRouteMiddleware:
    """Fill Wagtail's per-request route from the cache for GET and HEAD page requests."""

    def __init__(self, get_response: Callable) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: Any, view_args: Any, view_kwargs: Any
    ) -> None:
        if view_func is not wagtail_views.serve or request.method not in ("GET", "HEAD"):
            return
        site = Site.find_for_request(request)
        if site is None or hasattr(request, "_wagtail_route_for_request"):
            return
        path = view_args[0] if view_args else view_kwargs.get("path", "")
        found = surrogate.cached(
            route_key(site, path), lambda: _plain_route(request, path), TIMEOUT
        )
        if found is None or hasattr(request, "_wagtail_route_for_request"):
            return  # routed just now by Wagtail itself, or not a plain page
        content_type_id, pk = found
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        page = model and model._default_manager.filter(pk=pk, live=True).first()
        if page is not None:
            request._wagtail_route_for_request = (page, [], {})  # type: ignore[attr-defined]
