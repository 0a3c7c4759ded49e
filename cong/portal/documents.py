"""The province's one search over every agency's published legal documents.

The documents page of each site lists its own (cong.documents); this one lists all sites'
with the same filters and one more, the agency, and shows whose each document is. A
document links to its page on its own site's "Văn bản" page; a site without one shows the
document unlinked. The queries do not grow with the number of sites: the sites and their
documents pages are read once each.
"""

from typing import Any

from django import forms
from django.db.models.functions import ExtractYear
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from cong.core.pagination import paginate
from cong.documents.forms import DocumentFilterForm
from cong.documents.models import LegalDocument, LegalDocumentIndexPage
from cong.documents.models.pages import filter_documents
from cong.portal.aggregation import Member, member_sites, owner


class ProvinceDocumentFilterForm(DocumentFilterForm):
    """A site's filters, plus the agency whose site published the document."""

    site = forms.TypedChoiceField(label=_("Đơn vị"), required=False, coerce=int, empty_value=None)
    field_order = ["q", "site", "doc_type", "issuing_body", "field", "year", "status", "sort"]

    def __init__(self, *args: Any, members: list[Member] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["site"].choices = [("", _("Tất cả"))] + [(m.site.pk, m.name) for m in members]


def document_links(request: HttpRequest, members: list[Member]) -> dict[int, Any]:
    """site pk → that site's live documents page (the first one found), or nothing."""
    pages: dict[int, Any] = {}
    for page in LegalDocumentIndexPage.objects.live().order_by("path"):
        member = owner(page.path, members)
        if member is not None and member.site.pk not in pages:
            pages[member.site.pk] = page
    return pages


def listing(request: HttpRequest, per_page: int) -> dict[str, Any]:
    """The page's context: the form, a page of documents, and for each its agency and link."""
    members = member_sites(None)
    by_site = {m.site.pk: m for m in members}
    documents = LegalDocument.objects.live().select_related("doc_type", "issuing_body", "field")
    years = (
        LegalDocument.objects.live()
        .annotate(y=ExtractYear("issued_on"))
        .values_list("y", flat=True)
        .distinct()
        .order_by("-y")
    )
    form = ProvinceDocumentFilterForm(request.GET or None, years=list(years), members=members)
    if form.is_valid():
        documents = filter_documents(documents, form.cleaned_data)
        if form.cleaned_data.get("site"):
            documents = documents.filter(site_id=form.cleaned_data["site"])
    page_obj = paginate(request, documents, per_page)
    index_pages = document_links(request, members)
    bases = {site_id: (page, page.get_full_url(request)) for site_id, page in index_pages.items()}
    rows = []
    for document in page_obj.object_list:
        url = ""
        if document.site_id in bases:
            page, base = bases[document.site_id]
            url = base + page.reverse_subpage(
                "detail", kwargs={"pk": document.pk, "slug": document.slug}
            )
        rows.append((document, by_site.get(document.site_id), url))
    return {"form": form, "documents": page_obj, "rows": rows}
