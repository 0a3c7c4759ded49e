from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "cong.documents"
    label = "documents"
    verbose_name = _("Văn bản")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from cong.core.signal_handlers import watch
        from cong.documents.models import (
            DocumentField,
            DocumentType,
            IssuingBody,
            LegalDocument,
            LegalDocumentFile,
        )

        watch(LegalDocument, LegalDocumentFile, DocumentType, IssuingBody, DocumentField)

        from django.db.models.signals import post_migrate

        from cong.documents.roles import ensure_documents_group

        # Every app's post_migrate: the permissions it needs come from apps listed after this one.
        post_migrate.connect(ensure_documents_group, dispatch_uid="cong-documents-group")
