"""Planned stops in the admin: "Thông báo tạm dừng hoạt động", under Settings.

Each stop belongs to a site: an agency's administrator lists, announces, changes and deletes
the stops of their own site only (SiteScopedViewSetMixin)."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.views.snippets import CreateView, SnippetViewSet

from cong.compliance.models import MaintenanceWindow
from cong.core.tenancy import SiteScopedViewSetMixin


class MaintenanceWindowCreateView(CreateView):
    """Records who announced the stop."""

    def save_instance(self) -> MaintenanceWindow:
        self.form.instance.created_by = self.request.user
        return super().save_instance()


class MaintenanceWindowViewSet(SiteScopedViewSetMixin, SnippetViewSet):
    model = MaintenanceWindow
    add_view_class = MaintenanceWindowCreateView
    icon = "warning"
    menu_label = _("Tạm dừng hoạt động")
    add_to_settings_menu = True
    list_display = ["__str__", "ends_at", "reason", "force_majeure", "site", "created_by"]
    list_filter = ["site", "force_majeure"]
    search_fields = ["reason"]
    ordering = ["-starts_at"]
