"""Languages of the public site (docs/english.md).

Vietnamese is the default and keeps its addresses; a site's English pages (translations made
with wagtail.contrib.simple_translation) live under /en/ (Wagtail's pages are in
`i18n_patterns(prefix_default_language=False)`, cong/urls.py).

`PathLanguageMiddleware` takes the language from the address alone: /en/... is English,
everything else Vietnamese. Never from Accept-Language or a cookie, so one address is one
language: the page cache (`<host>/<path>/index.html`) and nginx need no `Vary`. Wagtail's
admin activates each user's own admin language (Vietnamese unless the user chose another).
"""

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from django.conf import settings
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from wagtail.models import Locale, Page, Site

DEFAULT = "vi"
ENGLISH = "en"

T = TypeVar("T", bound=Any)


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


# --- Translatable records (snippets) -------------------------------------------------------
# Leaders, units, link groups and procedures are Wagtail TranslatableMixin records: the
# Vietnamese original is made first and an editor translates it ("Dịch"), which copies it
# into the other locale under the same translation key. Public pages show each record once:
# its translation in the reader's language where one exists, else the original.


_locales: dict[str, Locale] = {}


def locale_for(language_code: str) -> Locale:
    """The Locale of a language, read once per process (they change only in migrations and
    the admin's Locales screen, whose saves forget them: cong.core.apps)."""
    if language_code not in _locales:
        _locales[language_code] = Locale.objects.get_for_language(language_code)
    return _locales[language_code]


def forget_locales(**kwargs: Any) -> None:
    _locales.clear()


def default_locale() -> Locale:
    return locale_for(settings.LANGUAGE_CODE)


def active_locale() -> Locale:
    return locale_for(translation.get_language() or settings.LANGUAGE_CODE)


def originals(queryset: QuerySet[T]) -> QuerySet[T]:
    """The records in the site's default language: what counts, orders and links are of."""
    return queryset.filter(locale=default_locale())


def in_language(queryset: QuerySet[T], locale: Locale | None = None) -> QuerySet[T]:
    """Each record of `queryset` once, in `locale` (the reader's language) where it is
    translated there, else its original: one query, so it can be filtered and paginated."""
    locale = locale or active_locale()
    default = default_locale()
    if locale.pk == default.pk:
        return originals(queryset)
    translated = queryset.filter(locale=locale).values("translation_key")
    return queryset.filter(
        Q(locale=locale) | (Q(locale=default) & ~Q(translation_key__in=translated))
    )


def localized(records: Iterable[T], *related: str, locale: Locale | None = None) -> list[T]:
    """`records` (originals, in their order) each replaced by its translation in `locale`
    where there is one; one query for all, with `related` fetched alongside."""
    records = list(records)
    locale = locale or active_locale()
    keys = {record.translation_key for record in records if record.locale_id != locale.pk}
    if not keys:
        return records
    model = type(records[0])
    found = model._default_manager.filter(locale=locale, translation_key__in=keys)
    translations = {t.translation_key: t for t in found.select_related(*related)}
    return [translations.get(record.translation_key, record) for record in records]
