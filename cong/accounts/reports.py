"""Reports › Nhật ký đăng nhập: the login log, current lock-outs and the unlock button.

In province mode an agency's administrator (groups bound to their sites) sees the events and
lock-outs of their own sites' users only, and unlocks only those user names; the province's
administrators (install-wide groups, superusers) see and unlock everything, addresses too.
"""

import datetime

import django_filters
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django.views.defaults import permission_denied
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import ReportView

from cong.accounts import events, lockouts
from cong.accounts.forms import UnlockForm
from cong.accounts.models import LoginEvent
from cong.core.exports import SafeSpreadsheetExportMixin
from cong.core.tenancy import UserSites, sites_of

VIEW_PERMISSION = "accounts.view_loginevent"
UNLOCK_PERMISSION = "accounts.unlock_login"


def can_view_log(user) -> bool:
    return user.has_perm(VIEW_PERMISSION)


def users_of(allowed: UserSites):
    """The accounts of `allowed`'s sites: in a group bound to one of them, and in no
    install-wide group (the province's people are not an agency's to watch)."""
    install_wide = Group.objects.filter(site_binding__isnull=True)
    return (
        get_user_model()
        ._default_manager.filter(groups__site_binding__site_id__in=allowed.ids)
        .exclude(is_superuser=True)
        .exclude(groups__in=install_wide)
        .distinct()
    )


def visible_events(user):
    allowed = sites_of(user)
    if allowed.everything:
        return LoginEvent.objects.all()
    return LoginEvent.objects.filter(user__in=users_of(allowed))


def visible_lockouts(user) -> list:
    allowed = sites_of(user)
    found = lockouts.current_lockouts()
    if allowed.everything:
        return found
    # An address is shared by whoever uses it: only the province sees and lifts those.
    names = set(users_of(allowed).values_list("username", flat=True))
    return [lock for lock in found if lock.field == "username" and lock.value in names]


class LoginEventFilterSet(WagtailFilterSet):
    kind = django_filters.ChoiceFilter(
        label=gettext_lazy("Sự kiện"), choices=LoginEvent.Kind.choices
    )
    username = django_filters.CharFilter(
        label=gettext_lazy("Tên đăng nhập"), lookup_expr="icontains"
    )
    ip_address = django_filters.CharFilter(label=gettext_lazy("Địa chỉ IP"))
    created_at = django_filters.DateFromToRangeFilter(
        label=gettext_lazy("Thời gian"), widget=DateRangePickerWidget
    )

    class Meta:
        model = LoginEvent
        fields = ["kind", "username", "ip_address", "created_at"]


def forbidden(request: HttpRequest) -> HttpResponse:
    """A plain 403: Wagtail would turn PermissionDenied into a redirect to the dashboard,
    which hides from a script or an auditor that the log is closed to this user."""
    return permission_denied(request, PermissionDenied())


# User names are logged as typed at the login form, by anyone: exports escape formulas.
class LoginEventReportView(SafeSpreadsheetExportMixin, ReportView):
    template_name = "accounts/login_events.html"
    page_title = gettext_lazy("Nhật ký đăng nhập")
    header_icon = "key"
    model = LoginEvent
    permission_required = "view"
    filterset_class = LoginEventFilterSet
    index_url_name = "accounts_login_events"
    index_results_url_name = "accounts_login_events_results"
    paginate_by = 100
    columns = [
        Column("created_at", label=gettext_lazy("Thời gian")),
        Column("get_kind_display", label=gettext_lazy("Sự kiện")),
        Column("username", label=gettext_lazy("Tên đăng nhập")),
        Column("ip_address", label=gettext_lazy("Địa chỉ IP")),
        Column("detail", label=gettext_lazy("Ghi chú")),
    ]
    list_export = ["created_at", "get_kind_display", "username", "ip_address", "detail"]
    export_headings = {
        "created_at": gettext_lazy("Thời gian"),
        "get_kind_display": gettext_lazy("Sự kiện"),
        "username": gettext_lazy("Tên đăng nhập"),
        "ip_address": gettext_lazy("Địa chỉ IP"),
        "detail": gettext_lazy("Ghi chú"),
    }

    def dispatch(self, request, *args, **kwargs):
        if not can_view_log(request.user):
            return forbidden(request)
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return visible_events(self.request.user)

    def get_filename(self):
        return f"nhat-ky-dang-nhap-{datetime.date.today():%Y-%m-%d}"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if not self.results_only:
            context["lockouts"] = visible_lockouts(self.request.user)
            context["can_unlock"] = self.request.user.has_perm(UNLOCK_PERMISSION)
            context["unlock_form"] = UnlockForm()
            context["retention_days"] = settings.CONG_LOGIN_EVENT_DAYS
        return context


@require_POST
def unlock(request: HttpRequest) -> HttpResponse:
    """Forget the failed logins of a user name and/or an address (django-axes' reset)."""
    if not request.user.has_perm(UNLOCK_PERMISSION):
        return forbidden(request)
    form = UnlockForm(request.POST)
    if not form.is_valid():
        for error in form.errors.values():
            messages.error(request, error[0])
        return redirect("accounts_login_events")
    username, ip_address = form.cleaned_data["username"], form.cleaned_data["ip_address"]
    allowed = sites_of(request.user)
    if not allowed.everything and (
        ip_address or not users_of(allowed).filter(username=username).exists()
    ):
        return forbidden(request)  # another site's user, or an address: the province's
    lockouts.unlock(username=username, ip_address=ip_address or "")
    target = " / ".join(part for part in (username, ip_address) if part)
    detail = _("%(target)s, do %(admin)s mở khóa") % {
        "target": target,
        "admin": request.user.get_username(),
    }
    events.record(LoginEvent.Kind.UNLOCK, request, username=username, detail=detail)
    messages.success(request, _("Đã mở khóa %(target)s.") % {"target": target})
    return redirect("accounts_login_events")
