"""sitemap.xml: the site's pages and what features add (legal documents, answers), split into
a sitemap index past 50,000 addresses.

The pages section is Wagtail's (each live, public page of the site, through its
`get_sitemap_urls()`); a feature adds a section for content that is not a page by declaring,
in its `plugins.py`, a `SiteSitemap` subclass: `register_sitemap("van-ban", DocumentSitemap)`.
The kernel names no feature. Every address is absolute on the Site record's host
(`cong.core.addresses`), never the request's `Host` header.

`/sitemap.xml` is one `<urlset>` of every section while the site has at most `MAX_URLS`
addresses (the protocol's limit); past it, `/sitemap.xml` becomes a `<sitemapindex>` of
`/sitemap-<section>.xml?p=N`, each page of each section at most `MAX_URLS` long. robots.txt
names `/sitemap.xml` either way. Sitemaps are not HTML, so the whole-page cache never writes
them (`cong.core.pagecache`): each request reads the current content.
"""

import datetime
from typing import Any

from django.contrib.sitemaps import Sitemap
from django.core.paginator import EmptyPage, PageNotAnInteger
from django.db.models import Q
from django.http import Http404, HttpRequest
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, Site

from cong.core.addresses import absolute_url

MAX_URLS = 50_000  # per file (sitemaps.org); tests lower it
CONTENT_TYPE = "application/xml; charset=utf-8"
ROBOTS_TAG = "noindex, noarchive"


class SiteSitemap(Sitemap):
    """A Django sitemap section of one Wagtail site, with absolute locations of its own.

    A subclass gives `items()` (of `self.site` only) and `location(item)` (absolute: use
    `absolute_url(path, self.site)` or a page's `get_full_url()`), and may give `lastmod`.
    """

    def __init__(self, site: Site, request: HttpRequest | None = None) -> None:
        self.site = site
        self.request = request

    @property
    def limit(self) -> int:  # type: ignore[override]
        return MAX_URLS

    def _value(self, name: str, item: Any) -> Any:
        """`lastmod`, `changefreq` or `priority` of `item`: a method's answer or a constant."""
        attribute = getattr(self, name, None)
        return attribute(item) if callable(attribute) else attribute

    def get_urls(self, page: int | str = 1, site: Any = None, protocol: Any = None) -> list:
        """The page's entries; no domain needed (Django's asks the sites framework)."""
        return self._urls(page, "", "")

    def _urls(self, page: int | str, protocol: str, domain: str) -> list[dict[str, Any]]:
        """Django's, without prefixing the request's host: locations are already absolute."""
        urls = []
        latest = None
        all_dated = True
        for item in self.paginator.page(page).object_list:
            lastmod = self._value("lastmod", item)
            if lastmod is None:
                all_dated = False
            else:
                moment = _aware(lastmod)
                latest = moment if latest is None else max(latest, moment)
            urls.append(
                {
                    "item": item,
                    "location": self.location(item),
                    "lastmod": lastmod,
                    "changefreq": self._value("changefreq", item),
                    "priority": self._value("priority", item),
                    "alternates": [],
                }
            )
        if all_dated and latest is not None:
            self.latest_lastmod = latest
        return urls


class PageSitemap(SiteSitemap):
    """The site's live, public pages in every language (the home page's tree and its
    translations', docs/english.md), each as its `get_sitemap_urls()` says (Wagtail's), with
    its live translations as hreflang alternates."""

    def items(self) -> Any:
        trees = Q()
        for home in self.site.root_page.get_translations(inclusive=True):
            trees |= Q(path__startswith=home.path)
        return (
            Page.objects.filter(trees)
            .live()
            .public()
            .order_by("path")
            .defer_streamfields()
            .specific()
        )

    def _urls(self, page: int | str, protocol: str, domain: str) -> list[dict[str, Any]]:
        urls = []
        items = list(self.paginator.page(page).object_list)
        alternates = self._alternates(items)
        for item in items:
            item_urls = item.get_sitemap_urls(self.request)
            for url in item_urls[:1]:
                url["alternates"] = alternates.get(item.translation_key, [])
            urls.extend(item_urls)
        moments = [url.get("lastmod") for url in urls]
        if moments and None not in moments:
            self.latest_lastmod = max(_aware(m) for m in moments)
        return urls

    def _alternates(self, items: list[Any]) -> dict[Any, list[dict[str, str]]]:
        """translation_key -> each live, public language version's address, for the keys
        of `items` that have two or more (one query for the page of the sitemap)."""
        keys = {item.translation_key for item in items}
        versions: dict[Any, list[dict[str, str]]] = {}
        pages = Page.objects.filter(translation_key__in=keys).live().public()
        for version in pages.select_related("locale").order_by("locale__language_code"):
            url = version.get_full_url(self.request)
            if url:
                versions.setdefault(version.translation_key, []).append(
                    {"lang_code": version.locale.language_code, "location": url}
                )
        return {key: found for key, found in versions.items() if len(found) > 1}


_sections: dict[str, type[SiteSitemap]] = {"trang": PageSitemap}


def register_sitemap(name: str, sitemap: type[SiteSitemap]) -> None:
    """Add a section (`/sitemap-<name>.xml` once the sitemap is split)."""
    _sections[name] = sitemap


def sections(site: Site, request: HttpRequest | None = None) -> dict[str, SiteSitemap]:
    """Every declared section, for `site`."""
    return {name: cls(site, request) for name, cls in _sections.items()}


def _aware(moment: datetime.date | datetime.datetime) -> datetime.datetime:
    if not isinstance(moment, datetime.datetime):
        moment = datetime.datetime.combine(moment, datetime.time.min)
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment, datetime.UTC)
    return moment


def _site(request: HttpRequest) -> Site:
    site = Site.find_for_request(request)
    if site is None:
        site = Site.objects.select_related("root_page").filter(is_default_site=True).first()
    if site is None:
        raise Http404("No site")
    return site


def _response(request: HttpRequest, template: str, context: dict) -> TemplateResponse:
    response = TemplateResponse(request, template, context, content_type=CONTENT_TYPE)
    response.headers["X-Robots-Tag"] = ROBOTS_TAG
    return response


def _page_urls(sitemap: SiteSitemap, page: Any) -> list[dict[str, Any]]:
    try:
        return sitemap.get_urls(page=page)
    except (EmptyPage, PageNotAnInteger):
        raise Http404("No such sitemap page") from None


def sitemap(request: HttpRequest) -> TemplateResponse:
    """/sitemap.xml: every address while there are at most MAX_URLS, else the index."""
    site = _site(request)
    found = sections(site, request)
    if sum(s.paginator.count for s in found.values()) <= MAX_URLS:
        urls = [url for s in found.values() if s.paginator.count for url in _page_urls(s, 1)]
        return _response(request, "sitemap.xml", {"urlset": urls})
    entries = []
    for name, section in found.items():
        if not section.paginator.count:
            continue
        location = absolute_url(reverse("sitemap-section", kwargs={"section": name}), site)
        newest = section.get_latest_lastmod()  # once per section: it may scan its items
        for number in section.paginator.page_range:
            entries.append(
                {
                    "location": location if number == 1 else f"{location}?p={number}",
                    "last_mod": newest,
                }
            )
    return _response(request, "sitemap_index.xml", {"sitemaps": entries})


def sitemap_section(request: HttpRequest, section: str) -> TemplateResponse:
    """/sitemap-<section>.xml?p=N: one page of one section of the index."""
    site = _site(request)
    found = sections(site, request)
    if section not in found:
        raise Http404("No such sitemap section")
    urls = _page_urls(found[section], request.GET.get("p", 1))
    return _response(request, "sitemap.xml", {"urlset": urls})
