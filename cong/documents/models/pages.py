"""The documents section of a site ("/van-ban/"): the filtered list and each document."""

import datetime
import hashlib
from typing import Any

from django.db.models import QuerySet
from django.db.models.functions import ExtractYear
from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import RichTextField

from cong.core import feeds, listings
from cong.core.addresses import absolute_url
from cong.core.cache import content_version
from cong.core.metadata import Metadata, iso, short, site_identity, web_page_ld
from cong.core.models import CongPage
from cong.core.text import fold
from cong.documents.models.documents import LegalDocument

PER_PAGE = 20
FEED_SIZE = 30
# schema.org's LegislationLegalForce for each status (cong.documents.models.documents.Status).
LEGAL_FORCE = {"in_force": "InForce", "expired": "NotInForce", "not_yet": "NotInForce"}


class LegalDocumentIndexPage(RoutablePageMixin, CongPage):
    """Lists the published legal documents of its site with filters; serves each one's page.

    Every public view of documents (this page, its feed, the sitemap, search, the API, the
    sidebar) goes through `documents()`: the published documents of this page's site only.
    """

    intro = RichTextField(_("giới thiệu"), blank=True, features=["bold", "italic", "link"])

    content_panels = CongPage.content_panels + [FieldPanel("intro")]
    parent_page_types = ["news.HomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1
    template = "documents/legal_document_index_page.html"

    class Meta:
        verbose_name = _("trang văn bản")

    schema_type = "CollectionPage"
    dc_type = "Collection"

    def metadata_description(self) -> str:
        return self.search_description or self.intro

    def feed_url(self) -> str:
        return self.full_url + self.reverse_subpage("rss")

    def metadata(self, request: HttpRequest | None = None) -> Metadata:
        meta = super().metadata(request)
        meta.feeds = [(str(_("Văn bản mới")), self.feed_url())]
        return meta

    def documents(self) -> QuerySet:
        """The published documents of this page's site (its id from the cached site roots,
        without a query for the Site)."""
        parts = self.get_url_parts()
        return LegalDocument.objects.live().filter(site_id=parts[0] if parts else None)

    @path("")
    def index(self, request: HttpRequest) -> HttpResponseBase:
        """The filtered list. The filter's years, the count and the rows (the template's
        `doc-rows` fragment) are kept under the content version, the filters, the page
        number and today's date (a status depends on it): a list seen before reads no
        document; the form's HTML is kept by its submitted values (`doc-filter`)."""
        from cong.documents.forms import DocumentFilterForm

        version = content_version()
        years = listings.cached(
            request,
            f"cong:documents:years:{self.pk}:{version}",
            lambda: list(
                self.documents()
                .annotate(y=ExtractYear("issued_on"))
                .values_list("y", flat=True)
                .distinct()
                .order_by("-y")
            ),
        )
        form = DocumentFilterForm(request.GET or None, years=years)
        filters = form.cleaned_data if form.is_valid() else {}
        chosen = filter_key(filters, timezone.localdate())

        def documents() -> QuerySet:
            found = self.documents().select_related("doc_type", "issuing_body", "field")
            return filter_documents(found, filters) if filters else found

        count = listings.cached(
            request,
            f"cong:documents:count:{self.pk}:{version}:{chosen}",
            lambda: documents().count(),
        )
        page_obj = listings.paginate_counted(request, documents, count, PER_PAGE)
        submitted = [form.is_bound] + [form.data.get(name) for name in form.fields]
        return self.render(
            request,
            context_overrides={
                "form": form,
                "documents": page_obj,
                "form_key": _digest(repr(submitted)),
                "rows_key": f"{chosen}:{page_obj.number}",
            },
        )

    @re_path(r"^(?P<pk>\d+)-(?P<slug>[-a-z0-9]*)/$")
    def detail(self, request: HttpRequest, pk: int, slug: str) -> HttpResponseBase:
        document = get_object_or_404(
            self.documents().select_related("doc_type", "issuing_body", "field"), pk=pk
        )
        site_id = document.site_id
        if slug != document.slug:
            return redirect(self.document_url(document), permanent=True)
        related = {
            _("Thay thế văn bản"): document.replaces.live().filter(site_id=site_id),
            _("Bị thay thế bởi"): document.replaced_by.live().filter(site_id=site_id),
            _("Sửa đổi, bổ sung văn bản"): document.amends.live().filter(site_id=site_id),
            _("Được sửa đổi, bổ sung bởi"): document.amended_by.live().filter(site_id=site_id),
        }
        return self.render(
            request,
            template="documents/legal_document_detail.html",
            context_overrides={
                "metadata": self.document_metadata(document, request),
                "document": document,
                "status": document.status(),
                "files": document.files.select_related("document"),
                "related": {
                    label: list(qs.select_related("doc_type")) for label, qs in related.items()
                },
            },
        )

    @path("rss/")
    def rss(self, request: HttpRequest) -> HttpResponseBase:
        """RSS 2.0 of the site's newest published documents (by issue date)."""
        documents = self.documents().select_related("doc_type", "issuing_body")
        site = self.metadata_site(request)
        return feeds.rss_response(
            site=site,
            title=f"{self.title} – {site_identity(site).site_name}",
            link=self.full_url,
            feed_url=self.feed_url(),
            description=feeds.plain(self.intro) or self.title,
            items=[
                feeds.FeedItem(
                    title=document.title,
                    link=self.full_document_url(document),
                    description=document.summary,
                    published=document.issued_on,
                    author=document.issuing_body.name,
                    categories=[document.doc_type.name],
                )
                for document in documents[:FEED_SIZE]
            ],
        )

    def document_metadata(self, document: Any, request: HttpRequest | None = None) -> Metadata:
        """A legal document's page: Dublin Core (the issuing body as creator, the issue date,
        the field as subject) and a schema.org Legislation with its files."""
        site = self.metadata_site(request)
        meta = Metadata(
            title=document.title,
            url=self.full_document_url(document),
            description=short(document.summary),
            published=document.issued_on,
            modified=document.last_published_at,
            creator=document.issuing_body.name,
            subject=document.field.name if document.field_id else "",
        )
        legislation: dict[str, Any] = {
            "@type": "Legislation",
            "name": document.title,
            "headline": short(document.summary, 110),
            "description": document.summary,
            "url": meta.url,
            "legislationIdentifier": document.number,
            "legislationDate": iso(document.issued_on),
            "legislationType": document.doc_type.name,
            "legislationPassedBy": {
                "@type": "GovernmentOrganization",
                "name": document.issuing_body.name,
            },
            "legislationLegalForce": LEGAL_FORCE.get(document.status(), "InForce"),
            "inLanguage": "vi",
            "publisher": {"@type": "GovernmentOrganization", "name": site_identity(site).publisher},
        }
        if document.signer:
            legislation["legislationResponsible"] = {"@type": "Person", "name": document.signer}
        if document.effective_on:
            legislation["legislationDateOfApplicability"] = iso(document.effective_on)
        if document.expires_on:
            legislation["expires"] = iso(document.expires_on)
        if meta.subject:
            legislation["about"] = meta.subject
        files = [
            {
                "@type": "MediaObject",
                "name": str(item),
                "contentUrl": absolute_url(item.document.url, site),
                "encodingFormat": item.document.content_type,
            }
            for item in document.files.select_related("document")
        ]
        if files:
            legislation["encoding"] = files
        meta.jsonld = [web_page_ld(meta, mainEntity={"@id": meta.url + "#van-ban"})]
        meta.jsonld.append({"@id": meta.url + "#van-ban", **legislation})
        return meta

    def full_document_url(self, document: Any) -> str:
        return self.full_url + self.reverse_subpage(
            "detail", kwargs={"pk": document.pk, "slug": document.slug}
        )

    def is_counted_route(self, url_name: str, kwargs: dict) -> bool:
        """Visit statistics: a published document's own page is a page view (cong.visits)."""
        if url_name != "detail":
            return False
        document = self.documents().filter(pk=kwargs["pk"]).first()
        return document is not None and document.slug == kwargs["slug"]

    def document_url(self, document: Any) -> str:
        return self.url + self.reverse_subpage(
            "detail", kwargs={"pk": document.pk, "slug": document.slug}
        )


def _digest(text: str) -> str:
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


def filter_key(data: dict, today: datetime.date) -> str:
    """What decides the list for the valid filters `data` (a record by its id), as a short
    key: the filters and, as the status filter compares dates, the day."""
    values = sorted((name, getattr(value, "pk", value)) for name, value in data.items())
    return f"{today.isoformat()}:{_digest(repr(values))}"


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
