"""Wagtail's address → page routing, remembered under the content version (issue 20).

Wagtail finds the page for `/tin-tuc/bai-viet/` by walking from the site's root: the root's
specific page, then a query per segment, then the specific page found. `CachedRouteMiddleware`
keeps the answer (the page's type and id, and how many of the path's segments it took) under
the content version, the site, the language and the path, with the surrogate keys routing
collected (the ancestors', cong.core.surrogate), so a page seen before is found with one
query for the page itself. The page then routes the rest of the path itself, as Wagtail's
walk would have ended: a plain page takes none; a routable page (a section, the documents
list) resolves its sub-address (`/`, `rss/`, a document's) from its own URL patterns,
without a query. Wagtail's `serve` reads the route from the request
(`request._wagtail_route_for_request`, Wagtail's own per-request memo) and does the rest as
always: view restrictions, hooks, `page.serve()`. Any publish, move or unpublish bumps the
content version.
"""

import hashlib
from collections.abc import Callable
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.http import Http404, HttpRequest
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
    # "route2": the entry is (type, id, segments taken) since 2026-12-01; a server upgraded
    # beside Redis entries of the old (type, id) shape must not read them.
    return f"cong:route2:{content_version()}:{site.pk}:{language}:{digest}"


def _segments(path: str) -> list[str]:
    return [segment for segment in path.split("/") if segment]  # as Wagtail splits it


def _route(request: HttpRequest, site: Site, path: str) -> tuple[int, int, int] | None:
    """Wagtail's own routing: the page's type and id, and the path segments it took."""
    found = Page.route_for_request(request, path)
    if found is None:
        return None
    page = found[0]
    taken = page.depth - site.root_page.depth
    if not 0 <= taken <= len(_segments(path)):
        return None  # not below the site's root (cannot be told again): left to Wagtail
    return page.content_type_id, page.pk, taken


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
            route_key(site, path), lambda: _route(request, site, path), TIMEOUT
        )
        if found is None or hasattr(request, "_wagtail_route_for_request"):
            return  # routed just now by Wagtail itself, or no page
        content_type_id, pk, taken = found
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        page = model and model._default_manager.filter(pk=pk, live=True).first()
        if not isinstance(page, Page):
            return
        try:
            route = page.route(request, _segments(path)[taken:])
        except Http404:
            return  # Wagtail's walk will say so
        request._wagtail_route_for_request = route  # type: ignore[attr-defined]
