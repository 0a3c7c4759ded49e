"""The site's public address for absolute links: from the Site record, never the request.

A page's absolute links (canonical, og:url, og:image, RSS, sitemap, robots.txt) are shared
by every reader once the page cache holds the page, so they must not echo the request's
`Host` header (`Host: 127.0.0.1:6666` would be copied into the cached page). Wagtail's
`page.full_url` already comes from the Site record (hostname and port → `site.root_url`);
everything else uses `root_url` and `absolute_url` below. Without any Site, CONG_BASE_URL
(WAGTAILADMIN_BASE_URL) stands in.
"""

from django.conf import settings
from wagtail.models import Site


def root_url(site: Site | None) -> str:
    """ "http(s)://host[:port]" of `site` as its record says, without a trailing slash.

    >>> root_url(Site(hostname="stttt.thanhhoa.gov.vn", port=443))
    'https://stttt.thanhhoa.gov.vn'
    >>> root_url(Site(hostname="localhost", port=8000))
    'http://localhost:8000'
    """
    if site is not None and site.hostname:
        return site.root_url
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def absolute_url(path: str, site: Site | None) -> str:
    """`path` ("/media/…") on the site's own address; absolute URLs (a CDN) are kept.

    >>> absolute_url("/sitemap.xml", Site(hostname="localhost", port=80))
    'http://localhost/sitemap.xml'
    >>> absolute_url("https://cdn.example/a.jpg", None)
    'https://cdn.example/a.jpg'
    """
    if path.startswith(("http://", "https://", "//")):
        return path
    return root_url(site) + "/" + path.lstrip("/")
