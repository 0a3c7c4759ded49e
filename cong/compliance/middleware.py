"""The site's own CSP sources on public pages, and the 503 page while maintenance is on."""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils.cache import add_never_cache_headers

from cong.compliance import maintenance
from cong.compliance.csp import policy_update, site_origins


def _admin(request: HttpRequest) -> bool:
    return request.path_info.startswith("/" + settings.CONG_ADMIN_PATH)


class SiteSourcesMiddleware:
    """Add the site's measurement tag, Matomo and allowed origins to its public pages' CSP.

    Inside django-csp's middleware (after it in MIDDLEWARE, so it sees the response first)
    and after CachedSiteMiddleware (the site is known). The admin keeps its own policy.
    """

    def __init__(self, get_response: Callable) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if _admin(request):
            return response
        site = getattr(request, "_wagtail_site", None)
        update = policy_update(site_origins(site))
        if update:
            merged = dict(getattr(response, "_csp_update", None) or {})
            for name, sources in update.items():
                merged[name] = [*merged.get(name, []), *sources]
            response._csp_update = merged
        return response


class MaintenanceModeMiddleware:
    """While `CONG_MAINTENANCE_DIR/maintenance.on` exists, public requests get the static
    maintenance page with 503 and Retry-After (what nginx does, for installs without it).
    The admin and static files (WhiteNoise answers them earlier) keep working."""

    def __init__(self, get_response: Callable) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if not maintenance.is_on() or _admin(request):
            return self.get_response(request)
        html = maintenance.current_page() or maintenance.page_html(None, maintenance.flag_until())
        response = HttpResponse(html, status=503, content_type="text/html; charset=utf-8")
        response["Retry-After"] = str(maintenance.retry_after())
        add_never_cache_headers(response)
        return response
