from django.contrib.auth.models import Permission
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from cong.core.admin import PermissionMenuItem
from cong.selfcheck import views


@hooks.register("register_admin_urls")
def register_urls():
    return [
        path("muc-do-dap-ung/", views.SelfCheckReportView.as_view(), name="selfcheck_report"),
    ]


@hooks.register("register_reports_menu_item")
def register_report_menu_item():
    return PermissionMenuItem(
        _("Mức độ đáp ứng quy định"),
        reverse("selfcheck_report"),
        permissions=views.VIEW_PERMISSION,
        name="selfcheck",
        icon_name="tasks",
        order=950,
    )


@hooks.register("register_permissions")
def register_report_permission():
    return Permission.objects.filter(content_type__app_label="selfcheck", codename="view_report")
