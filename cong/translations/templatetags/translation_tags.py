"""The language switch and the hreflang alternates of a page (docs/english.md)."""

from typing import Any

from django import template
from django.conf import settings
from django.template import Context
from django.utils import translation
from wagtail.models import Page, Site

from cong.core import surrogate
from cong.core.cache import cached_setting, content_version
from cong.core.i18n import DEFAULT, ENGLISH, live_translations, locale_for
from cong.translations.models import EnglishSettings

register = template.Library()

NAMES = dict(settings.LANGUAGES)  # each language by its own name
# The query that tells the English home the reader came from a page not yet translated.
UNTRANSLATED = "chua-dich"


def _site(context: Context) -> Site | None:
    site = context.get("current_site")
    request = context.get("request")
    return site or (Site.find_for_request(request) if request else None)


def _homes(site: Site) -> dict[str, Page]:
    """The site's live home pages by language, when its English version is on."""
    if not cached_setting(EnglishSettings, site).english_enabled:
        return {}
    homes = {p.locale.language_code: p for p in live_translations(site.root_page)}
    for home in homes.values():
        surrogate.add_key(surrogate.page_key(home.pk))
    return homes if ENGLISH in homes and DEFAULT in homes else {}


def _page_of(context: Context) -> Page | None:
    page = context.get("page")
    return page if isinstance(page, Page) and page.pk else None


def _cached_per_page(name: str, context: Context, compute: Any) -> dict[str, Any]:
    """`compute(site, page)` kept under the content version, the site, the language and the
    page, with the surrogate keys of the pages it read (one cache read on a page seen
    before, instead of the translations' queries)."""
    site, page = _site(context), _page_of(context)
    key = ":".join(
        [
            f"cong:{name}",
            str(content_version()),
            str(site.pk if site else 0),
            translation.get_language() or DEFAULT,
            str(page.pk if page else 0),
        ]
    )
    return surrogate.cached(key, lambda: compute(site, page, context.get("request")))


@register.inclusion_tag("translations/language_switch.html", takes_context=True)
def language_switch(context: Context) -> dict[str, Any]:
    """A link to this page in the other language; without a translation, to the other
    language's home (with a note on the English home)."""
    return _cached_per_page("language-switch", context, _language_switch)


def _language_switch(site: Site | None, page: Page | None, request: Any) -> dict[str, Any]:
    homes = _homes(site) if site else {}
    if not homes:
        return {"link": None}
    current = translation.get_language() or DEFAULT
    target = DEFAULT if current == ENGLISH else ENGLISH
    url = ""
    if page is not None:
        other = page.get_translation_or_none(locale_for(target))
        if other is not None and other.live:
            surrogate.add_key(surrogate.page_key(other.pk))
            url = other.get_url(request=request) or ""
    if not url:
        url = homes[target].get_url(request=request) or "/"
        if target == ENGLISH and page is not None and page.pk != homes[DEFAULT].pk:
            url += f"?{UNTRANSLATED}=1"
    return {"link": url, "language": target, "name": str(NAMES[target])}


@register.inclusion_tag("translations/alternates.html", takes_context=True)
def language_alternates(context: Context) -> dict[str, Any]:
    """`<link rel="alternate" hreflang>` for each live translation of the page, itself
    included, and x-default (the Vietnamese page): the same set on every page of the set."""
    return _cached_per_page("language-alternates", context, _language_alternates)


def _language_alternates(site: Site | None, page: Page | None, request: Any) -> dict[str, Any]:
    if site is None or page is None or not _homes(site):
        return {"links": []}
    pages = live_translations(page)
    if len(pages) < 2:
        return {"links": []}
    links = [(p.locale.language_code, p.get_full_url(request=request)) for p in pages]
    for p in pages:
        surrogate.add_key(surrogate.page_key(p.pk))
    default = next((url for code, url in links if code == DEFAULT), links[0][1])
    return {"links": links, "default": default}


@register.simple_tag(takes_context=True)
def english_agency(context: Context) -> EnglishSettings | None:
    """The agency's English name and address on English pages; None on Vietnamese ones."""
    site = _site(context)
    if site is None or translation.get_language() != ENGLISH:
        return None
    return cached_setting(EnglishSettings, site)


@register.simple_tag(takes_context=True)
def came_untranslated(context: Context) -> bool:
    request = context.get("request")
    return bool(request and request.GET.get(UNTRANSLATED))
