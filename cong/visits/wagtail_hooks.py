from typing import Any

from django.contrib.auth.models import Permission
from django.http import HttpRequest
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from cong.core.admin import PermissionMenuItem
from cong.visits import admin_views
from cong.visits.panels import VisitsPanel


@hooks.register("register_admin_urls")
def register_report_urls() -> list[URLPattern]:
    return [
        path("thong-ke-truy-cap/", admin_views.VisitReportView.as_view(), name="visits_report"),
        path("thong-ke-truy-cap/csv/", admin_views.export_csv, name="visits_report_csv"),
    ]


@hooks.register("register_reports_menu_item")
def register_report_menu_item() -> Any:
    return PermissionMenuItem(
        _("Thống kê truy cập"),
        reverse("visits_report"),
        permissions=admin_views.PERMISSION,
        name="visits",
        icon_name="view",
        order=50,
    )


@hooks.register("construct_homepage_panels")
def add_visits_panel(request: HttpRequest, panels: list) -> None:
    if admin_views.can_view_report(request.user):
        panels.append(VisitsPanel())


@hooks.register("register_permissions")
def register_report_permission() -> Any:
    return Permission.objects.filter(content_type__app_label="visits", codename="view_dailystats")


@hooks.register("insert_global_admin_css")
def admin_css() -> str:
    from django.templatetags.static import static
    from django.utils.html import format_html

    return format_html('<link rel="stylesheet" href="{}">', static("css/admin.css"))
