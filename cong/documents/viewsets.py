from typing import Any

from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, LiveStatusTagColumn
from wagtail.admin.widgets.button import HeaderButton
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet, SnippetViewSetGroup

from cong.documents.models import DocumentField, DocumentType, IssuingBody, LegalDocument


class StatusColumn(Column):
    def get_value(self, instance: Any) -> Any:
        return instance.status().label


class LegalDocumentIndexView(IndexView):
    """The admin list, with a button to bulk-import from a spreadsheet."""

    @cached_property
    def header_buttons(self) -> list[Any]:
        buttons = super().header_buttons
        if self.request.user.has_perm("documents.publish_legaldocument"):
            buttons.append(
                HeaderButton(_("Nhập từ tệp"), url=reverse("documents_import"), icon_name="upload")
            )
        return buttons


class LegalDocumentViewSet(SnippetViewSet):
    model = LegalDocument
    index_view_class = LegalDocumentIndexView
    icon = "doc-full-inverse"
    menu_label = _("Văn bản")
    list_display = [
        "number",
        "doc_type",
        "issuing_body",
        Column("issued_on", label=_("Ngày ban hành")),
        StatusColumn("status", label=_("Hiệu lực")),
        LiveStatusTagColumn(),
    ]
    list_filter = ["doc_type", "issuing_body", "field", "issued_on", "live"]
    list_per_page = 50
    ordering = ["-issued_on", "-pk"]


class DocumentTypeViewSet(SnippetViewSet):
    model = DocumentType
    icon = "tag"
    list_display = ["name", "sort_order"]


class IssuingBodyViewSet(SnippetViewSet):
    model = IssuingBody
    icon = "group"
    list_display = ["name", "sort_order"]
    search_fields = ["name"]


class DocumentFieldViewSet(SnippetViewSet):
    model = DocumentField
    icon = "folder-open-1"
    list_display = ["name", "sort_order"]


class LegalDocumentsGroup(SnippetViewSetGroup):
    menu_label = _("Văn bản")
    menu_icon = "doc-full-inverse"
    menu_order = 250
    items = (LegalDocumentViewSet, DocumentTypeViewSet, IssuingBodyViewSet, DocumentFieldViewSet)
