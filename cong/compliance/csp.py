"""The public content security policy of each site: the fixed policy plus the site's sources.

`CONTENT_SECURITY_POLICY` (cong/settings.py) allows scripts, images and connections to the
site itself only. A site's "Mã đo lường / gắn thẻ" setting adds its measurement tag's
origin, its Matomo server's and its "Nguồn được phép" to `script-src`, `img-src` and
`connect-src` (`SiteSourcesMiddleware` hands them to django-csp as `_csp_update`). Nothing
per request goes in: the header is the same for every page of a site, so a cached copy of a
page can carry it.

nginx serves cached pages without Django, so it must send the same header. It keeps one per
host in a `map` read from `CONG_NGINX_CSP_MAP`, which this module rewrites whenever the
setting or a Site changes (a systemd path unit reloads nginx, docs/compliance.md). Until
nginx has reloaded, its header differs from Django's: nginx passes the policy it would send
(`X-Cong-Cache-Csp`) and the page cache writes no file whose policy is another
(cong.core.pagecache), so a cached page never carries a stale policy.
"""

import os
import tempfile
from pathlib import Path

from csp.constants import SELF
from csp.utils import build_policy, default_config
from django.conf import settings
from wagtail.models import Site

from cong.core.cache import cached_setting

DIRECTIVES = ("script-src", "img-src", "connect-src")


def site_origins(site: Site | None) -> list[str]:
    """The extra origins `site`'s pages may use (none without a site or a setting)."""
    from cong.compliance.models import MeasurementSettings

    if site is None:
        return []
    return cached_setting(MeasurementSettings, site).origins()


def policy_update(origins: list[str]) -> dict[str, list[str]]:
    """django-csp's `update` for these origins. `connect-src` is not in the fixed policy (it
    falls back to `default-src 'self'`), so it names 'self' too: the visit beacon posts there."""
    if not origins:
        return {}
    base = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]
    return {name: ([] if name in base else [SELF]) + list(origins) for name in DIRECTIVES}


def policy_header(origins: list[str]) -> str:
    """The Content-Security-Policy header of a public page with these extra origins."""
    config = default_config(settings.CONTENT_SECURITY_POLICY["DIRECTIVES"])
    return build_policy(config=config, update=policy_update(origins))


def map_path() -> Path:
    return Path(settings.CONG_NGINX_CSP_MAP)


def nginx_map() -> str:
    """The `map $host $cong_csp` entries: one line for each site with extra origins (the
    others get the map's default, the fixed policy)."""
    lines = ["# Written by cong/compliance/csp.py; do not edit. Hosts with sources of their own.\n"]
    for site in Site.objects.order_by("hostname"):
        origins = site_origins(site)
        if origins:
            lines.append(f'"{site.hostname}" "{policy_header(origins)}";\n')
    return "".join(lines)


def write_nginx_map() -> bool:
    """Rewrite the map file if its content changed (atomically); True if it was written."""
    path = map_path()
    content = nginx_map()
    try:
        if path.read_text(encoding="utf-8") == content:
            return False
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".csp-map-")
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(content)
    os.chmod(tmp, 0o644)
    os.replace(tmp, path)
    return True
