"""ALLOWED_HOSTS and CSRF_TRUSTED_ORIGINS that follow the Site records, without a restart.

In province mode an administrator creates a member site in the admin (or with `manage.py
create_site`); its host must answer at once, not after someone edits .env and restarts the
workers. `settings.ALLOWED_HOSTS` is a `SiteHosts`: the hosts from the environment, then every
Site's hostname. Django checks the Host of each request against it (`validate_host` walks it
in order and stops at the first match, so a host named in .env costs nothing more). The Sites'
hostnames are read once per content version (cong.core.cache: saving or deleting a Site bumps
it), kept in the shared cache and in the process. A Host that is neither in the environment
nor a Site's gets 400, as before.

`settings.CSRF_TRUSTED_ORIGINS` is a `SiteOrigins`: the origins from the environment, then
`https://<host>` of every Site (and `http://<host>` for a Site not on port 443). Django's
CsrfViewMiddleware reads its origins once per process; `SiteCsrfViewMiddleware` reads them on
each check instead (cong.province.middleware.SiteCsrfViewMiddleware).

This module is imported by cong/settings.py: it imports no model at import time.
"""

import re
import time
from collections.abc import Iterator
from typing import Any

_HOSTNAME = re.compile(
    r"^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$"
)
_KEY = "cong:site-addresses:{version}"
# How long this process trusts its own copy at one content version (the version restarts
# from 1 if the cache is flushed, so a number alone could name an older list).
_KEEP_SECONDS = 30
# (content version, when read, the Sites' (hostname, port) pairs) as this process last read.
_known: tuple[int, float, tuple[tuple[str, int], ...]] | None = None


def forget_sites(**kwargs: Any) -> None:
    """Drop this process's copy (a Site saved or deleted here); usable as a signal receiver.
    Other processes see the change through the content version bumped after commit."""
    global _known
    _known = None


def site_addresses() -> tuple[tuple[str, int], ...]:
    """Every Site's (hostname, port), names that are not plain DNS names ("*") left out;
    () while the database cannot be read (not migrated yet, or no access yet)."""
    global _known
    from django.core.cache import cache
    from django.db import DatabaseError

    from cong.core.cache import UNKNOWN, content_version

    version = content_version()
    known = _known
    now = time.monotonic()
    if known and known[0] == version != UNKNOWN and now - known[1] < _KEEP_SECONDS:
        return known[2]
    key = _KEY.format(version=version)
    found = cache.get(key) if version != UNKNOWN else None
    if found is None:
        from wagtail.models import Site

        try:
            rows = Site.objects.order_by("pk").values_list("hostname", "port")
            found = tuple(
                (hostname.lower(), port)
                for hostname, port in rows
                if _HOSTNAME.match(hostname.lower())
            )
        except (DatabaseError, RuntimeError):  # RuntimeError: pytest-django's blocked access
            return ()
        if version != UNKNOWN:
            cache.set(key, found, 3600)
    if version != UNKNOWN:
        _known = (version, now, found)
    return found


def site_hostnames() -> list[str]:
    """The Sites' hostnames, each once."""
    return list(dict.fromkeys(hostname for hostname, _port in site_addresses()))


class SiteHosts(list):
    """ALLOWED_HOSTS: the listed hosts, then every Site's hostname (read when needed)."""

    def __iter__(self) -> Iterator[str]:
        yield from list.__iter__(self)
        yield from site_hostnames()

    def __contains__(self, host: object) -> bool:
        return any(host == h for h in self)


class SiteOrigins(list):
    """CSRF_TRUSTED_ORIGINS: the listed origins, then every Site's."""

    def __iter__(self) -> Iterator[str]:
        yield from list.__iter__(self)
        seen = set()
        for hostname, port in site_addresses():
            schemes = ("https",) if port == 443 else ("https", "http")
            address = hostname if port in (80, 443) else f"{hostname}:{port}"
            for scheme in schemes:
                origin = f"{scheme}://{address}"
                if origin not in seen:
                    seen.add(origin)
                    yield origin

    def __contains__(self, origin: object) -> bool:
        return any(origin == o for o in self)
