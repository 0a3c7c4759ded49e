"""One search over articles, pages, legal documents and answered questions ("/tim-kiem/")."""

import datetime
from dataclasses import dataclass

from django import forms
from django.db.models import QuerySet
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.search_promotions.models import Query
from wagtail.models import Page, Site

from cong.core.pagination import paginate
from cong.core.text import clean_line
from cong.documents.models import LegalDocument, LegalDocumentIndexPage
from cong.news.models import ArticlePage
from cong.participation.models import ConsultationPage, Question, QuestionIndexPage
from cong.search.engine import ranked_ids
from cong.search.query import build_query
from cong.search.snippets import highlight

RESULTS_PER_PAGE = 10
MAX_QUERY_LENGTH = 200
MAX_RESULTS = 500
KINDS = [
    ("", _("Tất cả")),
    ("pages", _("Tin bài, trang")),
    ("documents", _("Văn bản")),
    ("questions", _("Hỏi đáp")),
]


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


def _is_datetime(value) -> bool:
    return isinstance(value, datetime.datetime)


def _hits(kind, model, objects, groups, date_field, restricted) -> list[Hit]:
    """`objects` (already filtered: live, public, site, dates) that match, with their dates.

    The best matches are mostly live and of this site: they are filtered after ranking, one
    query on their ids, unless a date range or other sites could leave few of them.
    """
    scores = dict(ranked_ids(model, groups, MAX_RESULTS, within=objects if restricted else None))
    rows = objects.filter(pk__in=scores).values_list("pk", date_field)
    return [
        Hit(kind, pk, scores[pk], timezone.localdate(when) if _is_datetime(when) else when)
        for pk, when in rows
    ]


def _pages(site, data) -> QuerySet:
    """Live public pages of `site`, each with its date: an article's own, else its first."""
    pages = (
        Page.objects.live()
        .public()
        .annotate(when=Coalesce("articlepage__date", "first_published_at"))
    )
    if site:
        pages = pages.descendant_of(site.root_page, inclusive=True)
    if data.get("since"):
        pages = pages.filter(when__date__gte=data["since"])
    if data.get("until"):
        pages = pages.filter(when__date__lte=data["until"])
    return pages


def _documents(data) -> QuerySet:
    documents = LegalDocument.objects.live()
    if data.get("since"):
        documents = documents.filter(issued_on__gte=data["since"])
    if data.get("until"):
        documents = documents.filter(issued_on__lte=data["until"])
    return documents


def _questions(site, data) -> QuerySet:
    questions = Question.objects.public().for_site(site)
    if data.get("since"):
        questions = questions.filter(answered_at__date__gte=data["since"])
    if data.get("until"):
        questions = questions.filter(answered_at__date__lte=data["until"])
    return questions


def _page_kind(page) -> str:
    if isinstance(page, ConsultationPage):
        return _("Dự thảo lấy ý kiến")
    return _("Tin bài") if isinstance(page, ArticlePage) else _("Trang")


def _results(hits: list[Hit], raw: str, documents_page, questions_page) -> list[Result]:
    """The shown hits as results: only now are their pages, documents, questions loaded."""
    ids = {kind: [h.pk for h in hits if h.kind == kind] for kind in ("page", "doc", "question")}
    loaded = {
        "page": Page.objects.filter(pk__in=ids["page"]).specific().in_bulk(),
        "doc": LegalDocument.objects.select_related("doc_type").in_bulk(ids["doc"]),
        "question": Question.objects.in_bulk(ids["question"]),
    }
    results = []
    for hit in hits:
        obj = loaded[hit.kind].get(hit.pk)
        if obj is None:
            continue
        if hit.kind == "page":
            when = getattr(obj, "date", None) or obj.first_published_at
            text = getattr(obj, "lead", "") or getattr(obj, "summary", "")
            result = Result(
                obj.title,
                obj.url,
                _page_kind(obj),
                timezone.localdate(when) if when else None,
                highlight(text or obj.search_description, raw),
            )
        elif hit.kind == "doc":
            result = Result(
                str(obj),
                documents_page.document_url(obj),
                _("Văn bản"),
                obj.issued_on,
                highlight(obj.summary, raw),
            )
        else:
            result = Result(
                obj.title,
                questions_page.answer_url(obj),
                _("Hỏi đáp"),
                hit.date,
                highlight(obj.body, raw),
            )
        results.append(result)
    return results


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
        documents_page = LegalDocumentIndexPage.for_site(site)
        questions_page = QuestionIndexPage.for_site(site)
        dated = bool(data.get("since") or data.get("until"))
        kind = data.get("kind") or ""
        found = []
        if kind in ("", "pages"):
            restricted = dated or Site.objects.count() > 1
            found += _hits("page", Page, _pages(site, data), groups, "when", restricted)
        if kind in ("", "documents") and documents_page is not None:
            found += _hits("doc", LegalDocument, _documents(data), groups, "issued_on", dated)
        if kind in ("", "questions") and questions_page is not None:
            questions = _questions(site, data)
            found += _hits("question", Question, questions, groups, "answered_at", dated)
        # Best first; among equal scores, newest first.
        found.sort(key=lambda h: (-round(h.score, 1), -(h.date.toordinal() if h.date else 0)))
        results = paginate(request, found, RESULTS_PER_PAGE)
        results.object_list = _results(
            list(results.object_list), raw, documents_page, questions_page
        )
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
