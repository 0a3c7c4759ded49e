from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from cong.portal import views


class InstallWideMenuItem(MenuItem):
    """Shown only to the install's own staff (every site), not to an agency's editors."""

    def is_shown(self, request) -> bool:
        return views.can_view(request.user)


@hooks.register("register_admin_urls")
def register_urls():
    return [
        path(
            "theo-doi-cac-don-vi/",
            views.ProvinceDashboardView.as_view(),
            name="portal_dashboard",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_report_menu_item():
    return InstallWideMenuItem(
        _("Theo dõi các đơn vị"),
        reverse("portal_dashboard"),
        name="portal-dashboard",
        icon_name="site",
        order=960,
    )
