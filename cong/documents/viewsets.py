"""Legal documents in the admin. Each site's editors keep to their own site's documents
(SiteScopedViewSetMixin); types, issuing bodies and fields are shared by every site."""

from typing import Any

from django import forms
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import ObjectList
from wagtail.admin.ui.tables import Column, LiveStatusTagColumn
from wagtail.admin.widgets.button import HeaderButton
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet, SnippetViewSetGroup

from cong.core.tenancy import SiteScopedViewSetMixin, sites_of
from cong.documents.models import DocumentField, DocumentType, IssuingBody, LegalDocument

RELATIONS = ("replaces", "amends")


class LegalDocumentForm(WagtailAdminModelForm):
    """The website is asked only of a user working for several; a document replaces or
    amends only documents of its own website."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        allowed = sites_of(self.for_user) if self.for_user is not None else None
        if allowed is None:
            return
        if "site" in self.fields and allowed.sites().count() <= 1:
            del self.fields["site"]  # the record keeps its site, or gets the user's one
        for name in RELATIONS:
            if name in self.fields:
                field = self.fields[name]
                field.queryset = allowed.filter(field.queryset)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        site = data.get("site") or getattr(self.instance, "site", None)
        for name in RELATIONS:
            others = [d for d in data.get(name) or () if site is None or d.site_id != site.pk]
            if others:
                self.add_error(
                    name,
                    forms.ValidationError(
                        _("Chỉ liên kết được với văn bản của cùng website."), code="other_site"
                    ),
                )
        return data


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


class LegalDocumentViewSet(SiteScopedViewSetMixin, SnippetViewSet):
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
    list_export = [
        "number",
        "doc_type",
        "issuing_body",
        "field",
        "signer",
        "issued_on",
        "effective_on",
        "expires_on",
        "summary",
        "live",
    ]
    export_filename = "van-ban"
    ordering = ["-issued_on", "-pk"]

    def get_edit_handler(self) -> Any:
        return ObjectList(self.model.panels, base_form_class=LegalDocumentForm).bind_to_model(
            self.model
        )


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
