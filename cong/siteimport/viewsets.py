"""Past import runs in the admin: a read-only list and each run's report, administrators only.

A run is a record of what happened; nobody edits or adds one by hand, so the permission
policy grants viewing alone (to those `cong.editorial.roles` gives `view_importrun`).
"""

from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.generic.models import InspectView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from cong.core.tenancy import SiteScopedViewSetMixin
from cong.siteimport.models import ImportRun


class ViewOnlyPolicy(ModelPermissionPolicy):
    """Only "view": no add, change or delete, whatever permissions a user holds."""

    def user_has_permission(self, user, action):
        return action == "view" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return "view" in actions and super().user_has_permission(user, "view")


class ImportRunInspectView(InspectView):
    def _entries(self, key: str):
        rows = self.object.report.get(key, [])
        if not rows:
            return "—"
        return format_html_join(
            "", "<p><code>{}</code>: {}</p>", ((r["url"], r["reason"]) for r in rows)
        )

    def get_failures_display_value(self):
        return self._entries("failures")

    def get_warnings_display_value(self):
        return self._entries("warnings")

    def get_field_label(self, field_name, field):
        labels = {"failures": _("Mục lỗi"), "warnings": _("Cảnh báo")}
        return labels.get(field_name) or super().get_field_label(field_name, field)

    def get_field_display_value(self, field_name, field):
        if field_name in ("failures", "warnings"):
            return getattr(self, f"get_{field_name}_display_value")()
        return super().get_field_display_value(field_name, field)


class ImportRunViewSet(SiteScopedViewSetMixin, ModelViewSet):
    model = ImportRun
    icon = "download"
    menu_label = _("Chuyển website cũ")
    menu_order = 950
    add_to_settings_menu = True
    url_prefix = "chuyen-website"
    inspect_view_enabled = True
    inspect_view_class = ImportRunInspectView
    inspect_view_fields = [
        "site",
        "source",
        "preset",
        "status",
        "started_at",
        "finished_at",
        "created",
        "updated",
        "skipped",
        "failed",
        "redirects",
        "images",
        "documents",
        "bytes",
        "failures",
        "warnings",
    ]
    list_display = ["source", "site", "status", "started_at", "created", "updated", "failed"]
    list_filter = ["status", "site"]
    form_fields = ["source"]  # never shown: nobody may add or edit a run


register_permission_policy(ImportRun, ViewOnlyPolicy(ImportRun), exact_class=True)
import_run_viewset = ImportRunViewSet("siteimport_runs")
