from django.contrib.auth.models import Permission
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button

from cong.accounts import reports, twofactor, views
from cong.core.admin import PermissionMenuItem


@hooks.register("register_admin_urls")
def register_urls():
    return [
        path("2fa/", views.verify, name="accounts_2fa"),
        path("2fa/setup/", views.setup, name="accounts_2fa_setup"),
        path("2fa/lien-ket/<str:token>/", views.enrol, name="accounts_2fa_enrol"),
        path("2fa/cap-lien-ket/<int:user_id>/", views.issue_link, name="accounts_2fa_issue"),
        path(
            "nhat-ky-dang-nhap/",
            reports.LoginEventReportView.as_view(),
            name="accounts_login_events",
        ),
        path(
            "nhat-ky-dang-nhap/results/",
            reports.LoginEventReportView.as_view(results_only=True),
            name="accounts_login_events_results",
        ),
        path("nhat-ky-dang-nhap/mo-khoa/", reports.unlock, name="accounts_unlock"),
    ]


@hooks.register("register_reports_menu_item")
def register_login_log_menu_item():
    return PermissionMenuItem(
        _("Nhật ký đăng nhập"),
        reverse("accounts_login_events"),
        permissions=reports.VIEW_PERMISSION,
        name="login-log",
        icon_name="key",
        order=900,
    )


@hooks.register("register_account_menu_item")
def two_factor_account_item(request):
    on = twofactor.confirmed_device(request.user) is not None
    return {
        "url": reverse("accounts_2fa_setup"),
        "label": _("Xác thực hai bước"),
        "help_text": _("Đang bật: đăng nhập cần mã từ ứng dụng trên điện thoại.")
        if on
        else _("Bật để đăng nhập cần thêm mã từ ứng dụng trên điện thoại."),
    }


@hooks.register("register_permissions")
def register_login_log_permissions():
    return Permission.objects.filter(
        content_type__app_label="accounts", codename__in=["view_loginevent", "unlock_login"]
    )


@hooks.register("register_user_listing_buttons")
def enrolment_link_button(user, request_user):
    """For administrators who manage users: a link for someone who has no authenticator."""
    if not views.can_issue_links(request_user):
        return []
    if user.is_superuser and not request_user.is_superuser:
        return []
    if twofactor.confirmed_device(user) is not None:
        return []
    return [
        Button(
            _("Cấp liên kết xác thực hai bước"),
            reverse("accounts_2fa_issue", kwargs={"user_id": user.pk}),
            icon_name="key",
            priority=60,
        )
    ]
