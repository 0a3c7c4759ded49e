"""The documents section of a site ("/van-ban/"): the filtered list and each document."""

from typing import Any

from django.db.models import QuerySet
from django.db.models.functions import ExtractYear
from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import RichTextField

from cong.core.models import CongPage
from cong.core.pagination import paginate
from cong.core.text import fold
from cong.documents.models.documents import LegalDocument

PER_PAGE = 20


class LegalDocumentIndexPage(RoutablePageMixin, CongPage):
    """Lists the published legal documents with filters; serves each one's page."""

    intro = RichTextField(_("giới thiệu"), blank=True, features=["bold", "italic", "link"])

    content_panels = CongPage.content_panels + [FieldPanel("intro")]
    parent_page_types = ["news.HomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1
    template = "documents/legal_document_index_page.html"

    class Meta:
        verbose_name = _("trang văn bản")

    @path("")
    def index(self, request: HttpRequest) -> HttpResponseBase:
        from cong.documents.forms import DocumentFilterForm

        documents = LegalDocument.objects.live().select_related("doc_type", "issuing_body", "field")
        years = (
            LegalDocument.objects.live()
            .annotate(y=ExtractYear("issued_on"))
            .values_list("y", flat=True)
            .distinct()
            .order_by("-y")
        )
        form = DocumentFilterForm(request.GET or None, years=list(years))
        if form.is_valid():
            documents = filter_documents(documents, form.cleaned_data)
        page_obj = paginate(request, documents, PER_PAGE)
        return self.render(
            request,
            context_overrides={
                "form": form,
                "documents": page_obj,
            },
        )

    @re_path(r"^(?P<pk>\d+)-(?P<slug>[-a-z0-9]*)/$")
    def detail(self, request: HttpRequest, pk: int, slug: str) -> HttpResponseBase:
        document = get_object_or_404(
            LegalDocument.objects.live().select_related("doc_type", "issuing_body", "field"), pk=pk
        )
        if slug != document.slug:
            return redirect(self.document_url(document), permanent=True)
        related = {
            _("Thay thế văn bản"): document.replaces.live(),
            _("Bị thay thế bởi"): document.replaced_by.live(),
            _("Sửa đổi, bổ sung văn bản"): document.amends.live(),
            _("Được sửa đổi, bổ sung bởi"): document.amended_by.live(),
        }
        return self.render(
            request,
            template="documents/legal_document_detail.html",
            context_overrides={
                "document": document,
                "status": document.status(),
                "files": document.files.select_related("document"),
                "related": {
                    label: list(qs.select_related("doc_type")) for label, qs in related.items()
                },
            },
        )

    def is_counted_route(self, url_name: str, kwargs: dict) -> bool:
        """Visit statistics: a published document's own page is a page view (cong.visits)."""
        if url_name != "detail":
            return False
        document = LegalDocument.objects.live().filter(pk=kwargs["pk"]).first()
        return document is not None and document.slug == kwargs["slug"]

    def document_url(self, document: Any) -> str:
        return self.url + self.reverse_subpage(
            "detail", kwargs={"pk": document.pk, "slug": document.slug}
        )


def filter_documents(documents: Any, data: dict) -> QuerySet:
    """Apply the list's filters; the text box matches the number or summary without accents."""
    for name in ("doc_type", "issuing_body", "field"):
        if data.get(name):
            documents = documents.filter(**{name: data[name]})
    if data.get("year"):
        documents = documents.filter(issued_on__year=data["year"])
    if data.get("status"):
        documents = documents.with_status(data["status"])
    for word in fold(data.get("q", "")).lower().split():
        documents = documents.filter(search_text__contains=word)
    order = ["issued_on", "pk"] if data.get("sort") == "oldest" else ["-issued_on", "-pk"]
    return documents.order_by(*order)
