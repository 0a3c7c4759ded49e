"""One search over articles, pages and legal documents ("/tim-kiem/?q=")."""

import datetime
from dataclasses import dataclass

from django import forms
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.search_promotions.models import Query
from wagtail.models import Page, Site

from cong.core.pagination import paginate
from cong.core.text import clean_line
from cong.documents.models import LegalDocument, LegalDocumentIndexPage
from cong.search.engine import ranked_ids
from cong.search.query import build_query
from cong.search.snippets import highlight

RESULTS_PER_PAGE = 10
MAX_QUERY_LENGTH = 200
MAX_RESULTS = 500
KINDS = [("", _("Tất cả")), ("pages", _("Tin bài")), ("documents", _("Văn bản"))]


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Từ khóa"), required=False, max_length=MAX_QUERY_LENGTH)
    kind = forms.ChoiceField(label=_("Loại nội dung"), choices=KINDS, required=False)
    since = forms.DateField(
        label=_("Từ ngày"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=_("Đến ngày"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean_q(self):
        return clean_line(self.cleaned_data.get("q", ""))[:MAX_QUERY_LENGTH]


@dataclass
class Result:
    title: str
    url: str
    kind: str
    date: datetime.date | None
    snippet: str
    score: float


def _ranked(model, objects, groups, restricted):
    """`objects` that match `groups`, best first, each with its score as `_score`."""
    hits = ranked_ids(model, groups, MAX_RESULTS, within=objects if restricted else None)
    scores = dict(hits)
    found = {obj.pk: obj for obj in objects.filter(pk__in=scores)}
    for pk, score in hits:
        if pk in found:
            found[pk]._score = score
            yield found[pk]


def _pages(site, groups, data, raw):
    pages = Page.objects.live().public()
    if site:
        pages = pages.descendant_of(site.root_page, inclusive=True)
    if data.get("since"):
        pages = pages.filter(first_published_at__date__gte=data["since"])
    if data.get("until"):
        pages = pages.filter(first_published_at__date__lte=data["until"])
    # The best matches are mostly live pages of the one site: filter them afterwards, unless
    # a date range or other sites could leave few of them.
    restricted = bool(data.get("since") or data.get("until")) or Site.objects.count() > 1
    for page in _ranked(Page, pages.specific(), groups, restricted):
        when = getattr(page, "date", None) or page.first_published_at
        text = getattr(page, "lead", "") or page.search_description or ""
        yield Result(
            page.title,
            page.url,
            _("Tin bài"),
            when.date() if when else None,
            highlight(text, raw),
            page._score,
        )


def _documents(site, groups, data, raw):
    index = LegalDocumentIndexPage.for_site(site)
    if index is None:
        return
    documents = LegalDocument.objects.live().select_related("doc_type")
    if data.get("since"):
        documents = documents.filter(issued_on__gte=data["since"])
    if data.get("until"):
        documents = documents.filter(issued_on__lte=data["until"])
    restricted = bool(data.get("since") or data.get("until"))
    for doc in _ranked(LegalDocument, documents, groups, restricted):
        yield Result(
            f"{doc.doc_type} số {doc.number}",
            index.document_url(doc),
            _("Văn bản"),
            doc.issued_on,
            highlight(doc.summary, raw),
            doc._score,
        )


def search(request: HttpRequest) -> HttpResponse:
    """Results from every content type, best first, newest first among equals."""
    form = SearchForm(request.GET or None)
    data = (
        form.cleaned_data
        if form.is_valid()
        else {"q": clean_line(request.GET.get("q", ""))[:MAX_QUERY_LENGTH]}
    )
    raw = data.get("q", "")
    groups = build_query(raw)
    results = promotions = None
    if groups:
        site = Site.find_for_request(request)
        found = []
        if data.get("kind") in ("", None, "pages"):
            found += list(_pages(site, groups, data, raw))
        if data.get("kind") in ("", None, "documents"):
            found += list(_documents(site, groups, data, raw))
        found.sort(key=lambda r: (-round(r.score, 1), -(r.date.toordinal() if r.date else 0)))
        results = paginate(request, found, RESULTS_PER_PAGE)
        logged = Query.get(raw)
        logged.add_hit()
        promotions = list(logged.editors_picks.select_related("page").order_by("sort_order"))
    filters = request.GET.copy()
    filters.pop("page", None)
    return TemplateResponse(
        request,
        "search/search.html",
        {
            "form": form,
            "query": raw,
            "results": results,
            "promotions": promotions,
            "filter_query": filters.urlencode(),
        },
    )
