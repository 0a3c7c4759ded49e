"""Which Wagtail site a request is for, from the cache instead of a query per request."""

from django.core.cache import cache
from django.http.request import split_domain_port
from wagtail.models import Site

from cong.core.cache import content_version

_NO_SITE = 0


class CachedSiteMiddleware:
    """Resolve the request's site once per content version and host, for all of Cổng and Wagtail.

    Wagtail's `Site.find_for_request` queries the database on every request; it also reads
    `request._wagtail_site` first, which this middleware fills from the cache (with the site's
    root page loaded, which page routing needs next). Saving a Site bumps the content version.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        hostname = split_domain_port(request._get_raw_host())[0]
        key = f"cong:site:{content_version()}:{hostname}:{request.get_port()}"
        site = cache.get(key)
        if site is None:
            site = Site.find_for_request(request)
            if site is not None:
                site.root_page  # noqa: B018 (load it now, so the cached copy carries it)
            cache.set(key, site or _NO_SITE, 3600)
        request._wagtail_site = site or None
        return self.get_response(request)
