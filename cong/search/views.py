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
from django.db.models import DateTimeField, F, QuerySet
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.search_promotions.models import Query
from wagtail.models import Locale, Page, Site, get_page_models

from cong.core.cache import cached_setting
from cong.core.i18n import site_root
from cong.core.pagination import paginate
from cong.core.text import clean_line
from cong.search import registry
from cong.search.engine import count_matches, ranked_ids
from cong.search.models import SearchSettings
from cong.search.promotions import promoted_on
from cong.search.query import build_query, parse_abbreviations
from cong.search.snippets import highlight

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


def _hits(
    kind: str,
    objects: QuerySet,
    groups: Any,
    date_field: str,
    restricted: bool,
    need: int,
    at_least: int | None = None,
) -> tuple[list[Hit], int]:
    """The best `need` of `objects` (already filtered: live, public, site, dates) that match,
    with their dates, and how many match in all (at most MAX_RESULTS).

    The best matches are mostly live and of this site: they are filtered after ranking, one
    query on their ids, unless a date range or other sites could leave few of them; when the
    filter leaves fewer than `need`, more are ranked.
    """
    model = Page if kind == PAGES else objects.model
    within = objects if restricted else None
    # One more than shown (whether the last shown ties with the next), never above the cap.
    limit = min(need + 1, MAX_RESULTS)
    ranked = ranked_ids(model, groups, limit, within=within, at_least=at_least)
    rows = _visible(objects, ranked, date_field)
    if not (len(ranked) < limit or _edge_is_whole(ranked, rows, need)):
        # Drafts or other pages among the best, or a tie across the page's edge: rank the
        # most the page can show at once (a second ranking costs about the same as a fourth).
        limit = MAX_RESULTS
        ranked = ranked_ids(model, groups, limit, within=within, at_least=at_least)
        rows = _visible(objects, ranked, date_field)
    scores = dict(ranked)
    hits = [
        Hit(kind, pk, scores[pk], timezone.localdate(when) if _is_datetime(when) else when)
        for pk, when in rows
    ]
    if len(ranked) < limit:  # every match ranked: the visible ones are all there is
        return hits, len(hits)
    # More match than were ranked: the index counts them (drafts and private pages too,
    # when not restricted in the statement).
    total = count_matches(model, groups, within=within, at_least=at_least, cap=MAX_RESULTS)
    return hits, max(total, len(hits))


def _visible(objects: QuerySet, ranked: list[tuple[int, float]], date_field: str) -> list:
    """(pk, date) of the ranked hits `objects` holds (live, public, of this site ...)."""
    return list(objects.filter(pk__in=[pk for pk, _ in ranked]).values_list("pk", date_field))


def _edge_is_whole(ranked: list[tuple[int, float]], rows: list, need: int) -> bool:
    """Whether the ranked hits hold `need` visible ones and every match that ties with the
    last of those (the page breaks ties by date): the matches not ranked yet all score
    lower, so page 1 asked alone and page 1 asked with page 2 show the same results."""
    if len(rows) < need:
        return False
    visible = {pk for pk, _ in rows}
    scores = [score for pk, score in ranked if pk in visible]
    return ranked[-1][1] < scores[need - 1]


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
    pages = Page.objects.live().public().filter(locale=locale)
    dates = _page_dates()
    pages = pages.annotate(
        when=Coalesce(*dates, "first_published_at") if dates else F("first_published_at")
    )
    if site:
        pages = pages.descendant_of(site_root(site), inclusive=True)
    return _date_range(pages, "when", data)


def _page_result(page: Page, hit: Hit, raw: str) -> Result:
    date_field = getattr(page, "search_date_field", None)
    when = (getattr(page, date_field, None) if date_field else None) or page.first_published_at
    text_of = getattr(page, "search_snippet_text", None)
    text = text_of() if callable(text_of) else page.search_description
    return Result(
        page.title,
        page.url,
        getattr(page, "search_result_label", None) or _("Trang"),
        timezone.localdate(when) if _is_datetime(when) else when,
        highlight(text or page.search_description, raw),
    )


def _results(hits: list[Hit], raw: str, site: Site) -> list[Result]:
    """The shown hits as results: only now are their pages and objects loaded."""
    loaded = {}
    for name in {hit.kind for hit in hits}:
        ids = [hit.pk for hit in hits if hit.kind == name]
        if name == PAGES:
            loaded[name] = Page.objects.filter(pk__in=ids).specific().in_bulk()
        else:
            kind = registry.get(name)
            manager = kind.model._default_manager.select_related(*kind.select_related)
            loaded[name] = manager.in_bulk(ids)
    results = []
    for hit in hits:
        obj = loaded[hit.kind].get(hit.pk)
        if obj is None:
            continue
        if hit.kind == PAGES:
            results.append(_page_result(obj, hit, raw))
            continue
        kind = registry.get(hit.kind)
        results.append(
            Result(
                kind.title(obj),
                kind.url(obj, site),
                kind.label,
                hit.date,
                highlight(kind.snippet(obj), raw),
                kind.template,
            )
        )
    return results


def _find(
    groups: Any,
    data: dict,
    site: Site,
    locale: Locale,
    need: int,
    at_least: int | None = None,
) -> tuple[list[Hit], int]:
    """The best `need` hits of every kind the form asks for, matching all `groups` or
    `at_least` of them, and how many there are in all.

    Pages are matched within the reader's language in the ranking statement itself when it
    is not the default one: a few English pages must not lose their places among the best
    matches to Vietnamese pages that share a name ("Thanh Hoa")."""
    dated = bool(data.get("since") or data.get("until"))
    restricted = dated or Site.objects.count() > 1
    wanted = data.get("kind") or ""
    found: list[Hit] = []
    total = 0
    if wanted in ("", PAGES):
        pages = _pages(site, data, locale)
        in_other_language = locale.language_code != settings.LANGUAGE_CODE
        hits, count = _hits(
            PAGES, pages, groups, "when", restricted or in_other_language, need, at_least
        )
        found, total = found + hits, total + count
    for kind in registry.kinds():
        objects = kind.visible(site) if wanted in ("", kind.name) else None
        if objects is not None:
            objects = _date_range(objects, kind.date_field, data)
            hits, count = _hits(
                kind.name, objects, groups, kind.date_field, restricted, need, at_least
            )
            found, total = found + hits, total + count
    return found, total


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
    locale = Locale.get_active()  # the address's language (cong.core.i18n)
    abbreviations = site_abbreviations(site)
    groups = build_query(raw, abbreviations, prefix=False)
    results = promotions = None
    if groups:
        need = min(MAX_RESULTS, _page_number(request) * RESULTS_PER_PAGE)
        found, total = _find(groups, data, site, locale, need)
        if len(found) < PREFIX_BELOW:  # the last word may be unfinished: "tuyển dụ"
            wider = build_query(raw, abbreviations, prefix=True)
            if wider != groups:
                groups = wider
                found, total = _find(wider, data, site, locale, need)
        if len(found) < FALLBACK_BELOW and len(groups) > 1:
            at_least = partial_match_size(len(groups))
            partial, total = _find(groups, data, site, locale, need, at_least=at_least)
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
