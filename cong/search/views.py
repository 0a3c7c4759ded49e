"""One search over pages and every kind of content apps declare ("/tim-kiem/").

Search knows no feature model: pages are Wagtail's, the rest comes from
`cong.search.registry` (legal documents, answered questions, ... each declared by its app).

Pages are those of the reader's language: /tim-kiem/ finds Vietnamese pages, /en/tim-kiem/
(the search form of English pages) English ones, never the translations of each other.
Other kinds (legal documents, questions...) are Vietnamese records found in both.
"""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from django import forms
from django.conf import settings
from django.db.models import DateTimeField, F, Model, QuerySet
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.search_promotions.models import Query
from wagtail.models import Locale, Page, PageViewRestriction, Site, get_page_models

from cong.core.cache import (
    SETTING_TIMEOUT,
    cached_setting,
    content_version,
    versioned_get,
    versioned_set,
)
from cong.core.i18n import site_root
from cong.core.pagination import paginate
from cong.core.text import clean_line
from cong.search import registry
from cong.search.engine import count_entries, ranked_entries
from cong.search.models import SearchSettings
from cong.search.promotions import promoted_on
from cong.search.query import build_query, parse_abbreviations
from cong.search.snippets import highlight, prepare

RESULTS_PER_PAGE = 10
MAX_QUERY_LENGTH = 200
MAX_RESULTS = 500
PAGES = "pages"
# When the words as typed find less than a page, the last one is tried as a prefix; when
# all the words still find fewer than FALLBACK_BELOW, matches of some of them follow.
PREFIX_BELOW = RESULTS_PER_PAGE
FALLBACK_BELOW = 3
COMPLETE_MATCH_BONUS = 1000.0


def kind_choices() -> list[tuple[str, str]]:
    """ "All", pages, then each declared kind."""
    declared = [(kind.name, kind.label) for kind in registry.kinds()]
    return [("", _("Tất cả")), (PAGES, _("Tin bài, trang")), *declared]


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Từ khóa"), required=False, max_length=MAX_QUERY_LENGTH)
    kind = forms.ChoiceField(label=_("Loại nội dung"), choices=kind_choices, required=False)
    since = forms.DateField(
        label=_("Từ ngày"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=_("Đến ngày"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean_q(self) -> str:
        return clean_line(self.cleaned_data.get("q", ""))[:MAX_QUERY_LENGTH]


@dataclass
class Hit:
    """A match before its object is loaded: enough to sort and count."""

    kind: str
    pk: int
    score: float
    date: datetime.date | None


@dataclass
class Result:
    title: str
    url: str
    kind: str
    date: datetime.date | None
    snippet: str
    template: str = registry.RESULT_TEMPLATE


def _is_datetime(value: Any) -> bool:
    return isinstance(value, datetime.datetime)


@dataclass
class Source:
    """A kind the form asks for, with what the public may see of it (live, public, of this
    site, within the dates), and whether its ranking must match within that."""

    kind: str
    model: type[Model]
    objects: QuerySet
    date_field: str
    restricted: bool


def _sources(data: dict, site: Site, locale: Locale) -> list[Source]:
    """Every kind the form asks for that the site shows, worked out once a request (the
    prefix and partial-match passes search the same kinds).

    Pages are matched within the reader's language in the ranking statement itself when it
    is not the default one: a few English pages must not lose their places among the best
    matches to Vietnamese pages that share a name ("Thanh Hoa")."""
    dated = bool(data.get("since") or data.get("until"))
    restricted = dated or _several_sites()
    wanted = data.get("kind") or ""
    sources = []
    if wanted in ("", PAGES):
        in_other_language = locale.language_code != settings.LANGUAGE_CODE
        pages = _pages(site, data, locale)
        sources.append(Source(PAGES, Page, pages, "when", restricted or in_other_language))
    for kind in registry.kinds():
        objects = _visible_objects(kind, site) if wanted in ("", kind.name) else None
        if objects is not None:
            objects = _date_range(objects, kind.date_field, data)
            sources.append(Source(kind.name, objects.model, objects, kind.date_field, restricted))
    return sources


def _visible_objects(kind: registry.Searchable, site: Site) -> QuerySet | None:
    """`kind.visible(site)`, its query kept under the content version, the language and the
    day (what a kind's visibility may depend on: registry.Searchable.visible): the kinds'
    functions look their index pages up, a query each."""
    key = (
        f"cong:search:visible:{kind.name}:{site.pk if site else 0}:"
        f"{translation.get_language()}:{timezone.localdate().isoformat()}:{content_version()}"
    )
    cached = versioned_get(key)
    if cached is None:
        objects = kind.visible(site)
        # The query, not the QuerySet: pickling a QuerySet would run it.
        cached = (NOT_SHOWN,) if objects is None else (objects.model, objects.query)
        versioned_set(key, cached, SETTING_TIMEOUT)
        return objects
    if cached == (NOT_SHOWN,):
        return None
    model, query = cached
    objects = model._default_manager.all()
    objects.query = query.chain()
    return objects


NOT_SHOWN = "not-shown"


def _several_sites() -> bool:
    """Whether the install serves more than one site, kept under the content version
    (saving a site bumps it)."""
    key = f"cong:search:several-sites:{content_version()}"
    several = versioned_get(key)
    if several is None:
        several = Site.objects.count() > 1
        versioned_set(key, several, SETTING_TIMEOUT)
    return several


Ranked = list[tuple[int, int, float]]


def _rank(sources: list[Source], groups: Any, limit: int, at_least: int | None) -> Ranked:
    return ranked_entries(
        [(s.model, s.objects if s.restricted else None) for s in sources], groups, limit, at_least
    )


def _find(
    sources: list[Source], groups: Any, need: int, at_least: int | None = None
) -> tuple[list[Hit], int]:
    """The best `need` visible hits of all `sources` (ranked together, in one statement a
    tier), matching all `groups` or `at_least` of them, with their dates, and how many match
    in all (at most MAX_RESULTS).

    The best matches are mostly live and of this site: they are filtered after ranking, one
    query a kind on their ids, unless a date range, other sites or another language could
    leave few of them (then the statement matches within the kind's objects); when the
    filter leaves fewer than `need`, more are ranked.
    """
    # One more than shown (whether the last shown ties with the next), never above the cap.
    limit = min(need + 1, MAX_RESULTS)
    ranked = _rank(sources, groups, limit, at_least)
    rows = _visible(sources, ranked)
    first = limit
    while limit < MAX_RESULTS and not (len(ranked) < limit or _edge_is_whole(ranked, rows, need)):
        # Drafts or other pages among the best, or a tie across the page's edge: rank five
        # times as many (a few equal titles: the tier that held the edge is ranked again,
        # seldom the lower ones), then the most the page can show at once.
        limit = min(MAX_RESULTS, 5 * first) if limit == first else MAX_RESULTS
        ranked = _rank(sources, groups, limit, at_least)
        rows = _visible(sources, ranked)
    hits = []
    for n, pk, score in ranked:
        if (n, pk) in rows:
            when = rows[n, pk]
            when = timezone.localdate(when) if _is_datetime(when) else when
            hits.append(Hit(sources[n].kind, pk, score, when))
    if len(ranked) < limit:  # every match ranked: the visible ones are all there is
        return hits, len(hits)
    # More match than were ranked: the index counts them, up to the cap (drafts and private
    # pages too, when not restricted in the statement).
    total = count_entries(
        [(s.model, s.objects if s.restricted else None) for s in sources],
        groups,
        at_least=at_least,
        cap=MAX_RESULTS,
    )
    return hits, max(total, len(hits))


def _visible(sources: list[Source], ranked: Ranked) -> dict[tuple[int, int], Any]:
    """{(source, pk): date} of the ranked hits the sources hold (live, public, of this site
    ...): one query for each kind among them."""
    rows: dict[tuple[int, int], Any] = {}
    for n in sorted({hit[0] for hit in ranked}):
        ids = [pk for m, pk, _score in ranked if m == n]
        source = sources[n]
        found = source.objects.filter(pk__in=ids).values_list("pk", source.date_field)
        rows.update(((n, pk), when) for pk, when in found)
    return rows


def _edge_is_whole(ranked: Ranked, rows: dict, need: int) -> bool:
    """Whether the ranked hits hold `need` visible ones and every match that ties with the
    last of those (the page breaks ties by date): the matches not ranked yet all score
    lower, so page 1 asked alone and page 1 asked with page 2 show the same results."""
    if len(rows) < need:
        return False
    scores = [score for n, pk, score in ranked if (n, pk) in rows]
    return ranked[-1][2] < scores[need - 1]


def _date_range(objects: QuerySet, date_field: str, data: dict) -> QuerySet:
    """`objects` dated within the form's "since" and "until" (a datetime by its local date)."""
    field = objects.model._meta.get_field(date_field) if date_field != "when" else None
    lookup = (
        f"{date_field}__date" if field is None or isinstance(field, DateTimeField) else date_field
    )
    if data.get("since"):
        objects = objects.filter(**{f"{lookup}__gte": data["since"]})
    if data.get("until"):
        objects = objects.filter(**{f"{lookup}__lte": data["until"]})
    return objects


@cache
def _page_dates() -> list[str]:
    """The lookups, from `Page`, of the dates page types declare (`search_date_field`):
    an article's own date rather than the day it was first published. Page types are fixed
    once the apps are loaded, so this is worked out once per process."""
    lookups = []
    for model in get_page_models():
        name = getattr(model, "search_date_field", None)
        if name and model._meta.concrete_fields:
            parents = [p for p in model._meta.get_parent_list() if p is not Page]
            chain = [m._meta.model_name for m in reversed([model, *parents])]
            lookups.append("__".join([*chain, name]))
    return sorted(set(lookups))


def _pages(site: Site, data: Any, locale: Locale) -> QuerySet:
    """Live public pages of `site` in `locale` (those under its home page in that language),
    each with its date: its type's own, else its first."""
    pages = Page.objects.live().filter(locale=locale)
    for path in _private_paths():  # Wagtail's .public(), without its query a request
        pages = pages.exclude(path__startswith=path)
    dates = _page_dates()
    pages = pages.annotate(
        when=Coalesce(*dates, "first_published_at") if dates else F("first_published_at")
    )
    if site:
        pages = pages.descendant_of(site_root(site), inclusive=True)
    return _date_range(pages, "when", data)


def _private_paths() -> list[str]:
    """The tree paths of pages with a view restriction (them and their descendants are not
    public), kept under the content version: adding, changing or removing a restriction, or
    moving a page, bumps it."""
    key = f"cong:search:private-paths:{content_version()}"
    paths = versioned_get(key)
    if paths is None:
        paths = sorted(set(PageViewRestriction.objects.values_list("page__path", flat=True)))
        versioned_set(key, paths, SETTING_TIMEOUT)
    return paths


def _active_locale() -> Locale:
    """Wagtail's Locale.get_active(), kept under the content version (a locale's language
    never changes; one added bumps it with the site's pages)."""
    key = f"cong:search:locale:{translation.get_language()}:{content_version()}"
    locale = versioned_get(key)
    if locale is None:
        locale = Locale.get_active()
        versioned_set(key, locale, SETTING_TIMEOUT)
    return locale


@dataclass(frozen=True)
class Shown:
    """What a result shows of its object, whatever the query: kept under the content
    version, so a result seen before is shown without loading its object."""

    title: str
    url: str
    label: Any
    date: datetime.date | None
    text: tuple[str, str]  # snippets.prepare(): the snippet's text and its folded copy
    template: str = registry.RESULT_TEMPLATE


def _page_shown(page: Page) -> Shown:
    date_field = getattr(page, "search_date_field", None)
    when = (getattr(page, date_field, None) if date_field else None) or page.first_published_at
    text_of = getattr(page, "search_snippet_text", None)
    text = text_of() if callable(text_of) else page.search_description
    return Shown(
        page.title,
        page.url,
        getattr(page, "search_result_label", None) or _("Trang"),
        timezone.localdate(when) if _is_datetime(when) else when,
        prepare(text or page.search_description),
    )


def _shown_key(hit: Hit, site: Site | None, version: int) -> str:
    return f"cong:search:shown:{site.pk if site else 0}:{hit.kind}:{hit.pk}:{version}"


def _results(hits: list[Hit], raw: str, site: Site) -> list[Result]:
    """The shown hits as results: only now are the objects not shown before (under this
    content version) loaded, one query a kind."""
    version = content_version()
    shown: dict[tuple[str, int], Shown] = {}
    for hit in hits:
        if (cached := versioned_get(_shown_key(hit, site, version))) is not None:
            shown[hit.kind, hit.pk] = cached
    missing = [hit for hit in hits if (hit.kind, hit.pk) not in shown]
    for name in {hit.kind for hit in missing}:
        ids = [hit.pk for hit in missing if hit.kind == name]
        if name == PAGES:
            for page in Page.objects.filter(pk__in=ids).specific():
                shown[name, page.pk] = _page_shown(page)
            continue
        kind = registry.get(name)
        if kind is None:
            continue
        manager = kind.model._default_manager.select_related(*kind.select_related)
        for obj in manager.filter(pk__in=ids):
            shown[name, obj.pk] = Shown(
                kind.title(obj),
                kind.url(obj, site),
                kind.label,
                getattr(obj, kind.date_field, None),
                prepare(kind.snippet(obj)),
                kind.template,
            )
    for hit in missing:
        if (hit.kind, hit.pk) in shown:
            versioned_set(_shown_key(hit, site, version), shown[hit.kind, hit.pk], 3600)
    return [
        Result(
            found.title,
            found.url,
            found.label,
            found.date if hit.kind == PAGES else hit.date,
            highlight("", raw, prepared=found.text),
            found.template,
        )
        for hit in hits
        if (found := shown.get((hit.kind, hit.pk))) is not None
    ]


def partial_match_size(groups: int) -> int:
    """How many of a query's groups a partial match needs: one of two, else two at least
    (one common word such as "tin" alone would bring in half the site).

    >>> [partial_match_size(n) for n in (2, 3, 7)]
    [1, 2, 2]
    """
    return 1 if groups <= 2 else 2


def _with_partial_matches(complete: list[Hit], partial: list[Hit]) -> list[Hit]:
    """All-words matches first, then those matching only some words, best first.

    A natural question ("những quy định về bảo vệ dữ liệu cá nhân") rarely has every word in
    its answer: when requiring all of them finds too little, matches of some of them follow,
    ranked by how many and how well they match.
    """
    known = {(hit.kind, hit.pk) for hit in complete}
    for hit in complete:
        hit.score += COMPLETE_MATCH_BONUS
    return complete + [hit for hit in partial if (hit.kind, hit.pk) not in known]


class RankedHits(Sequence):
    """The hits ranked so far, best first, as long as all the matches for the paginator:
    only the pages up to the one asked for are ranked (a common word matches most of an
    archive; ranking all of it for the first page would cost tenths of a second)."""

    def __init__(self, hits: list[Hit], total: int) -> None:
        self.hits, self.total = hits, max(total, len(hits))

    def __len__(self) -> int:
        return self.total

    def __getitem__(self, index: Any) -> Any:
        return self.hits[index]


def _page_number(request: HttpRequest) -> int:
    """The page of results asked for (`?page=`), 1 for anything odd."""
    try:
        return max(1, int(request.GET.get("page", 1)))
    except (TypeError, ValueError):
        return 1


def site_abbreviations(site: Site | None) -> dict[str, list[str]]:
    """The site's own abbreviations (Settings › Tìm kiếm), cached with the content version."""
    if site is None:
        return {}
    return parse_abbreviations(cached_setting(SearchSettings, site).abbreviations)


def search(request: HttpRequest) -> HttpResponse:
    """Results from every content type, best first, newest first among equals."""
    form = SearchForm(request.GET or None)
    data = (
        form.cleaned_data
        if form.is_valid()
        else {"q": clean_line(request.GET.get("q", ""))[:MAX_QUERY_LENGTH]}
    )
    raw = data.get("q", "")
    site = Site.find_for_request(request)
    locale = _active_locale()  # the address's language (cong.core.i18n)
    abbreviations = site_abbreviations(site)
    groups = build_query(raw, abbreviations, prefix=False)
    results = promotions = None
    if groups:
        need = min(MAX_RESULTS, _page_number(request) * RESULTS_PER_PAGE)
        sources = _sources(data, site, locale)
        found, total = _find(sources, groups, need)
        if len(found) < PREFIX_BELOW:  # the last word may be unfinished: "tuyển dụ"
            wider = build_query(raw, abbreviations, prefix=True)
            if wider != groups:
                groups = wider
                found, total = _find(sources, wider, need)
        if len(found) < FALLBACK_BELOW and len(groups) > 1:
            at_least = partial_match_size(len(groups))
            partial, total = _find(sources, groups, need, at_least=at_least)
            found = _with_partial_matches(found, partial)
        # Best first; among equal scores, newest first (then the same order every time).
        found.sort(
            key=lambda h: (
                -h.score,
                -(h.date.toordinal() if h.date else 0),
                h.kind,
                -h.pk,
            )
        )
        results = paginate(request, RankedHits(found, total), RESULTS_PER_PAGE)
        results.object_list = _results(list(results.object_list), raw, site)
        logged = Query.get(raw)
        logged.add_hit()
        promotions = promoted_on(site, logged)  # this site's pages in this language only
    return TemplateResponse(
        request,
        "search/search.html",
        {
            "form": form,
            "query": raw,
            "results": results,
            "promotions": promotions,
        },
    )
