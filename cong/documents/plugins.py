"""What legal documents plug into: search, and the purges of cached pages."""

from typing import Any

from django.utils.translation import gettext_lazy as _
from wagtail.models import Site

from cong.core.signal_handlers import watch
from cong.core.sitemaps import register_sitemap
from cong.search.registry import Searchable, register


def _visible(site: Site) -> Any:
    """The site's published documents, where it has a "Văn bản" page to show them on."""
    from cong.documents.models import LegalDocumentIndexPage

    index_page = LegalDocumentIndexPage.for_site(site)
    return None if index_page is None else index_page.documents()


def _url(document: Any, site: Site) -> str:
    from cong.documents.models import LegalDocumentIndexPage

    return LegalDocumentIndexPage.for_site(site).document_url(document)


def register_all() -> None:
    from cong.documents.models import (
        DocumentField,
        DocumentType,
        IssuingBody,
        LegalDocument,
        LegalDocumentFile,
    )

    # The documents list, the sidebar's "Văn bản mới" and articles linking a number show them.
    watch(LegalDocument, LegalDocumentFile, DocumentType, IssuingBody, DocumentField)
    register(
        Searchable(
            name="documents",
            label=_("Văn bản"),
            model=LegalDocument,
            date_field="issued_on",
            visible=_visible,
            url=_url,
            snippet=lambda document: document.summary,
            select_related=("doc_type",),
            order=10,
        )
    )
    from cong.documents.sitemaps import DocumentSitemap

    register_sitemap("van-ban", DocumentSitemap)
