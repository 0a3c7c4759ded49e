"""The language switch and the hreflang alternates of a page (docs/english.md)."""

from typing import Any

from django import template
from django.conf import settings
from django.template import Context
from django.utils import translation
from wagtail.models import Locale, Page, Site

from cong.core import surrogate
from cong.core.cache import cached_setting
from cong.core.i18n import DEFAULT, ENGLISH, live_translations
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


def english_enabled(site: Site | None) -> bool:
    return site is not None and bool(_homes(site))


@register.inclusion_tag("translations/language_switch.html", takes_context=True)
def language_switch(context: Context) -> dict[str, Any]:
    """A link to this page in the other language; without a translation, to the other
    language's home (with a note on the English home)."""
    site = _site(context)
    homes = _homes(site) if site else {}
    if not homes:
        return {"link": None}
    current = translation.get_language() or DEFAULT
    target = DEFAULT if current == ENGLISH else ENGLISH
    page = context.get("page")
    url = ""
    if isinstance(page, Page) and page.pk:
        other = page.get_translation_or_none(Locale.objects.get(language_code=target))
        if other is not None and other.live:
            surrogate.add_key(surrogate.page_key(other.pk))
            url = other.get_url(request=context.get("request")) or ""
    if not url:
        url = homes[target].get_url(request=context.get("request")) or "/"
        if target == ENGLISH and isinstance(page, Page) and page.pk != homes[DEFAULT].pk:
            url += f"?{UNTRANSLATED}=1"
    return {"link": url, "language": target, "name": NAMES[target]}


@register.inclusion_tag("translations/alternates.html", takes_context=True)
def language_alternates(context: Context) -> dict[str, Any]:
    """`<link rel="alternate" hreflang>` for each live translation of the page, itself
    included, and x-default (the Vietnamese page): the same set on every page of the set."""
    site = _site(context)
    page = context.get("page")
    if site is None or not isinstance(page, Page) or not page.pk or not _homes(site):
        return {"links": []}
    pages = live_translations(page)
    if len(pages) < 2:
        return {"links": []}
    links = [
        (p.locale.language_code, p.get_full_url(request=context.get("request"))) for p in pages
    ]
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
