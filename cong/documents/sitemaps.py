"""The legal documents' section of sitemap.xml ("van-ban"), declared in plugins.py."""

from typing import Any

from django.db.models import Max

from cong.core.sitemaps import SiteSitemap
from cong.documents.models import LegalDocument, LegalDocumentIndexPage


class DocumentSitemap(SiteSitemap):
    """Each published document of the site, where it has a "Văn bản" page to show it on."""

    def items(self) -> Any:
        self.index_page = LegalDocumentIndexPage.for_site(self.site)
        if self.index_page is None:
            return LegalDocument.objects.none()
        return (
            self.index_page.documents()
            .select_related("doc_type")
            .only("pk", "number", "doc_type__name", "issued_on", "last_published_at")
            .order_by("-issued_on", "-pk")
        )

    def location(self, document: LegalDocument) -> str:
        return self.index_page.full_document_url(document)

    def lastmod(self, document: LegalDocument) -> Any:
        return document.last_published_at or document.issued_on

    def get_latest_lastmod(self) -> Any:
        """The index's lastmod in one query rather than one pass over every document."""
        return self.items().aggregate(newest=Max("last_published_at"))["newest"]
