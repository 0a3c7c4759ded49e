"""Languages of the public site (docs/english.md).

Vietnamese is the default and keeps its addresses; a site's English pages (translations made
with wagtail.contrib.simple_translation) live under /en/ (Wagtail's pages are in
`i18n_patterns(prefix_default_language=False)`, cong/urls.py).

`PathLanguageMiddleware` takes the language from the address alone: /en/... is English,
everything else Vietnamese. Never from Accept-Language or a cookie, so one address is one
language: the page cache (`<host>/<path>/index.html`) and nginx need no `Vary`. Wagtail's
admin activates each user's own admin language (Vietnamese unless the user chose another).
"""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from wagtail.models import Page, Site

DEFAULT = "vi"
ENGLISH = "en"


def language_of_path(path: str) -> str:
    """'en' for /en and /en/..., else the default language."""
    return translation.get_language_from_path(path) or settings.LANGUAGE_CODE


class PathLanguageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        language = language_of_path(request.path_info)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        try:
            response = self.get_response(request)
            response.headers.setdefault("Content-Language", language)
            return response
        finally:
            translation.deactivate()


def site_root(site: Site | None) -> Page | None:
    """The site's home page in the active language: its live translation, else the home."""
    if site is None:
        return None
    if (translation.get_language() or DEFAULT) == DEFAULT:
        return site.root_page  # no query: pages and sites are Vietnamese first
    return site.root_page.localized


def live_translations(page: Page) -> list[Page]:
    """`page` and its live translations, default language first."""
    pages = list(page.get_translations(inclusive=True).live().select_related("locale"))
    return sorted(pages, key=lambda p: (p.locale.language_code != DEFAULT, p.locale_id))
