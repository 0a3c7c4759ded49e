"""Which Wagtail site a request is for, from the cache instead of a query per request."""

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage
from django.http import HttpRequest
from django.http.request import split_domain_port
from django.http.response import HttpResponseBase
from wagtail.models import Site

from cong.core.cache import content_version, versioned_get, versioned_set

_NO_SITE = 0


class CachedSiteMiddleware:
    """Resolve the request's site once per content version and host, for all of Cổng and Wagtail.

    Wagtail's `Site.find_for_request` queries the database on every request; it also reads
    `request._wagtail_site` first, which this middleware fills from the cache (with the site's
    root page loaded, which page routing needs next), a copy of its own for each request
    (routing hangs page objects on it) from this process's copy of the version's entries:
    no Redis round trip on a host seen before. Saving a Site bumps the content version.
    """

    def __init__(self, get_response: Callable) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        hostname = split_domain_port(request._get_raw_host())[0]
        key = f"cong:site:{content_version()}:{hostname}:{request.get_port()}"
        site = versioned_get(key, fresh_copy=True)
        if site is None:
            site = Site.find_for_request(request)
            if site is not None:
                site.root_page  # noqa: B018 (load it now, so the cached copy carries it)
            versioned_set(key, site or _NO_SITE, 3600, fresh_copy=True)
        request._wagtail_site = site or None
        return self.get_response(request)


_LOCAL_NAMES = {"localhost", "127.0.0.1", "::1", "0.0.0.0"}  # noqa: S104 (names, not a bind)


def is_local_host(host: str) -> bool:
    """A name that only reaches this machine.

    >>> is_local_host("localhost"), is_local_host("[::1]"), is_local_host("stttt.gov.vn")
    (True, True, False)
    """
    host = host.strip().strip("[]").lower().lstrip(".")
    return not host or host in _LOCAL_NAMES or host.endswith(".localhost")


def check_site_hostnames(app_configs: Any | None = None, **kwargs: Any) -> list[CheckMessage]:
    """Warn when the site answers to real names but a Site record still says localhost.

    Wagtail builds absolute addresses (sitemap, RSS, canonical links, the links in citizens'
    e-mails) from the Site's hostname and port, so they would all point to http://localhost/.
    Only in production (DEBUG off, ALLOWED_HOSTS naming a real host); silent before the
    database is migrated.
    """
    from django.core.checks import Warning as CheckWarning
    from django.db import DatabaseError

    if settings.DEBUG:
        return []
    real_hosts = [h for h in settings.ALLOWED_HOSTS if h != "*" and not is_local_host(h)]
    if not real_hosts:
        return []
    try:
        local_sites = [s for s in Site.objects.all() if is_local_host(s.hostname)]
    except DatabaseError:  # not migrated yet, or no database: nothing to say
        return []
    return [
        CheckWarning(
            f"Site “{site.site_name or site.pk}” has the hostname {site.hostname!r} while "
            f"ALLOWED_HOSTS names {', '.join(real_hosts)}: the sitemap, RSS, canonical links "
            "and e-mails to citizens will point to http://localhost/.",
            hint=(
                f"Set its hostname (and port 443 behind TLS) to {real_hosts[0].lstrip('.')} in "
                "the admin (Settings › Sites)."
            ),
            obj=site,
            id="cong.W002",
        )
        for site in local_sites
    ]


def local_sites() -> list[Site]:
    """The Site records whose hostname only reaches this machine (localhost, 127.0.0.1…)."""
    return [site for site in Site.objects.all() if is_local_host(site.hostname)]


def check_local_hostnames(app_configs: Any | None = None, **kwargs: Any) -> list[CheckMessage]:
    """Warn about a Site still called localhost on an install that does not run in DEBUG
    (the demo, a server not yet named): every absolute address it publishes — RSS,
    sitemap.xml, canonical links, Open Graph and Dublin Core identifiers, e-mails to
    citizens — would point to http://localhost/. Where ALLOWED_HOSTS names a real host,
    cong.W002 says it with the name to use instead."""
    from django.core.checks import Warning as CheckWarning
    from django.db import DatabaseError

    if settings.DEBUG or any(h != "*" and not is_local_host(h) for h in settings.ALLOWED_HOSTS):
        return []
    try:
        found = local_sites()
    except DatabaseError:  # not migrated yet, or no database: nothing to say
        return []
    return [
        CheckWarning(
            f"Site “{site.site_name or site.pk}” has the hostname {site.hostname!r}: RSS, "
            "sitemap.xml, canonical links, Open Graph and Dublin Core identifiers and e-mails "
            "to citizens point to http://localhost/.",
            hint="Set the site's real hostname (and port 443 behind TLS) in the admin "
            "(Settings › Sites) and add it to ALLOWED_HOSTS.",
            obj=site,
            id="cong.W003",
        )
        for site in found
    ]
