from cong.documents.models.documents import (
    DocumentField,
    DocumentType,
    IssuingBody,
    LegalDocument,
    LegalDocumentFile,
    Status,
    number_key,
)
from cong.documents.models.pages import LegalDocumentIndexPage

__all__ = [
    "DocumentField",
    "DocumentType",
    "IssuingBody",
    "LegalDocument",
    "LegalDocumentFile",
    "LegalDocumentIndexPage",
    "Status",
    "number_key",
]
