"""The procedures in the admin: the list with its filters, and the editable list of fields.

Procedures belong to a site (SiteScopedViewSetMixin: each agency's editors see, open and
export their own). Their fields (lĩnh vực) are one vocabulary for the install
(docs/procedures.md): every site's editors choose from it and may add to it, but only an
install-wide user (the province's administrators) may rename or delete an entry another
agency's procedures may use.
"""

from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import LiveStatusTagColumn
from wagtail.admin.widgets.button import HeaderButton
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet, SnippetViewSetGroup

from cong.core.tenancy import SiteScopedViewSetMixin, sites_of
from cong.procedures.models import Procedure, ProcedureField

IMPORT_PERMISSION = "procedures.publish_procedure"


class ProcedureIndexView(IndexView):
    """The list, with an "Nhập từ tệp" button for whoever may publish procedures."""

    @cached_property
    def header_buttons(self) -> list:
        buttons = list(super().header_buttons)
        if self.request.user.has_perm(IMPORT_PERMISSION):
            buttons.append(
                HeaderButton(_("Nhập từ tệp"), url=reverse("procedures_import"), icon_name="upload")
            )
        return buttons


class ProcedureViewSet(SiteScopedViewSetMixin, SnippetViewSet):
    model = Procedure
    index_view_class = ProcedureIndexView
    icon = "tasks"
    menu_label = _("Thủ tục hành chính")
    list_display = ["name", "code", "field", "level", "online_level", LiveStatusTagColumn()]
    list_filter = ["site", "field", "level", "online_level", "live"]
    list_export = ["name", "code", "field", "level", "online_level", "national_url"]
    search_fields = ["name", "code"]
    ordering = ["sort_order", "name"]


class SharedVocabularyPolicy(ModelPermissionPolicy):
    """Model permissions, except that changing or deleting an entry of a vocabulary all
    sites share is for install-wide users only."""

    INSTALL_WIDE_ACTIONS = frozenset({"change", "delete"})

    def user_has_permission(self, user, action):
        if action in self.INSTALL_WIDE_ACTIONS and not sites_of(user).everything:
            return False
        return super().user_has_permission(user, action)


register_permission_policy(ProcedureField, SharedVocabularyPolicy(ProcedureField))


class ProcedureFieldViewSet(SnippetViewSet):
    model = ProcedureField
    icon = "list-ul"
    menu_label = _("Lĩnh vực thủ tục")
    list_display = ["name", "sort_order"]
    search_fields = ["name"]


class ProceduresGroup(SnippetViewSetGroup):
    items = (ProcedureViewSet, ProcedureFieldViewSet)
    menu_icon = "tasks"
    menu_label = _("Thủ tục hành chính")
    menu_order = 260
