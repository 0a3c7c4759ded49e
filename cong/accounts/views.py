"""The two-factor pages under the admin: /admin/2fa/ (enter a code), /admin/2fa/setup/,
/admin/2fa/lien-ket/<token>/ (a one-time enrolment link) and the administrators' page that
issues such links."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_ratelimit.core import get_usage
from wagtail.admin.views.account import LogoutView as WagtailLogoutView
from wagtail.admin.views.account import PasswordResetView as WagtailPasswordResetView

from cong.accounts import enrolment, events, twofactor
from cong.accounts.forms import CodeForm
from cong.accounts.models import LoginEvent
from cong.core.clients import client_ip
from cong.core.text import clean_line


def _next_url(request: HttpRequest) -> str:
    url = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return reverse("wagtailadmin_home")


def _with_next(name: str, next_url: str) -> str:
    return f"{reverse(name)}?{urlencode({'next': next_url})}"


@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest) -> HttpResponse:
    """Ask the code of the user's device, once per session."""
    next_url = _next_url(request)
    if request.user.is_verified():
        return redirect(next_url)
    device = twofactor.confirmed_device(request.user)
    if device is None:
        return redirect(_with_next("accounts_2fa_setup", next_url))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        problem = twofactor.check_code(request, device, form.cleaned_data["code"])
        if not problem:
            events.record(LoginEvent.Kind.OTP_VERIFIED, request, user=request.user)
            return redirect(next_url)
        events.record(LoginEvent.Kind.OTP_FAILED, request, user=request.user, detail=problem)
        form.add_error("code", problem)
    return render(request, "accounts/two_factor_verify.html", {"form": form, "next": next_url})


@require_http_methods(["GET", "POST"])
def setup(request: HttpRequest) -> HttpResponse:
    """Turn two-factor sign-in on (QR code, then a first code), or manage it once on."""
    user, next_url = request.user, _next_url(request)
    device = twofactor.confirmed_device(user)
    if device is not None and not user.is_verified():
        # Only someone who has given a code may replace the device.
        return redirect(_with_next("accounts_2fa", next_url))
    if device is not None:
        return _manage(request, device)
    if twofactor.is_mandatory(user) and not enrolment.granted(request):
        return _link_needed(request, next_url)

    pending = twofactor.pending_device(user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        problem = twofactor.check_code(request, pending, form.cleaned_data["code"])
        if not problem:
            TOTPDevice.objects.devices_for_user(user, confirmed=False).delete()
            enrolment.forget(request)
            enrolment.revoke(user)
            events.record(LoginEvent.Kind.OTP_ENABLED, request, user=user)
            messages.success(request, _("Đã bật xác thực hai bước cho tài khoản của bạn."))
            return redirect(next_url)
        events.record(LoginEvent.Kind.OTP_FAILED, request, user=user, detail=problem)
        form.add_error("code", problem)
    context = {
        "form": form,
        "next": next_url,
        "mandatory": twofactor.is_mandatory(user),
        "qr_code": twofactor.qr_code_svg(pending),
        "secret": twofactor.secret_for_humans(pending),
    }
    return render(request, "accounts/two_factor_setup.html", context)


def _manage(request: HttpRequest, device: TOTPDevice) -> HttpResponse:
    """A verified user with a device: start again with a new phone, or turn it off."""
    user = request.user
    mandatory = twofactor.is_mandatory(user)
    action = request.POST.get("action") if request.method == "POST" else None
    if action == "reset" or (action == "disable" and not mandatory):
        TOTPDevice.objects.devices_for_user(user).delete()
        detail = _("Đổi thiết bị") if action == "reset" else ""
        events.record(LoginEvent.Kind.OTP_DISABLED, request, user=user, detail=detail)
        if action == "reset":
            enrolment.grant(request)  # a code was just given: the new phone needs no link
            return redirect("accounts_2fa_setup")
        messages.success(request, _("Đã tắt xác thực hai bước."))
        return redirect("wagtailadmin_account")
    return render(
        request, "accounts/two_factor_manage.html", {"device": device, "mandatory": mandatory}
    )


# E-mailed links one user may ask for: enough for a lost mail, too few to flood a mailbox.
LINK_EMAIL_RATE = "3/h"


def _link_needed(request: HttpRequest, next_url: str, problem: str = "") -> HttpResponse:
    """A user who must use two-factor sign-in, has no device and no link: never the secret.

    They may have a link e-mailed to the address on file (rate limited), or ask an
    administrator for one.
    """
    user = request.user
    status = 400 if problem else 200
    if request.method == "POST" and request.POST.get("action") == "email" and not problem:
        if _link_email_limited(request):
            messages.error(
                request,
                _("Bạn đã xin liên kết nhiều lần. Vui lòng đợi một giờ, hoặc nhờ quản trị viên."),
            )
        elif enrolment.email_link(user, request=request):
            messages.success(
                request,
                _(
                    "Đã gửi liên kết đến địa chỉ thư điện tử của tài khoản. Hãy mở thư và bấm "
                    "vào liên kết (dùng được một lần, trong %(hours)s giờ)."
                )
                % {"hours": settings.CONG_2FA_ENROLMENT_HOURS},
            )
        else:
            messages.error(
                request,
                _("Chưa gửi được thư. Vui lòng nhờ quản trị viên cấp liên kết cho bạn."),
            )
        return redirect(_with_next("accounts_2fa_setup", next_url))
    context = {"next": next_url, "has_email": bool(user.email), "problem": problem}
    return render(request, "accounts/two_factor_link_needed.html", context, status=status)


def _link_email_limited(request: HttpRequest) -> bool:
    usage = get_usage(
        request,
        group="cong:2fa-enrolment-email",
        key=lambda _group, request: str(request.user.pk),
        rate=LINK_EMAIL_RATE,
        increment=True,
    )
    return bool(usage and usage["should_limit"])


@require_http_methods(["GET"])
def enrol(request: HttpRequest, token: str) -> HttpResponse:
    """Open a one-time enrolment link (after the password: the admin asks for it first)."""
    try:
        enrolment.redeem(request, token)
    except enrolment.LinkRefused as refused:
        return _link_needed(request, reverse("wagtailadmin_home"), problem=str(refused))
    return redirect("accounts_2fa_setup")


def can_issue_links(user) -> bool:
    """Administrators who manage users (Wagtail's user editing right) hand out links."""
    return user.is_active and user.has_perm("auth.change_user")


@require_http_methods(["GET", "POST"])
def issue_link(request: HttpRequest, user_id: int) -> HttpResponse:
    """An administrator gives a user a link: by e-mail, or shown once to hand over."""
    if not can_issue_links(request.user):
        raise PermissionDenied
    target = get_object_or_404(get_user_model(), pk=user_id)
    if target.is_superuser and not request.user.is_superuser:
        raise PermissionDenied
    url = ""
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "email":
            if enrolment.email_link(target, issued_by=request.user, request=request):
                messages.success(request, _("Đã gửi liên kết đến thư điện tử của tài khoản."))
            else:
                messages.error(request, _("Chưa gửi được thư (tài khoản không có địa chỉ?)."))
            return redirect("wagtailusers_users:index")
        if action == "show":
            url = enrolment.issue(target, channel="admin", issued_by=request.user, request=request)
    context = {
        "target": target,
        "url": url,
        "hours": settings.CONG_2FA_ENROLMENT_HOURS,
        "has_device": twofactor.confirmed_device(target) is not None,
    }
    response = render(request, "accounts/two_factor_issue_link.html", context)
    response["Cache-Control"] = "private, no-store"
    return response


@require_http_methods(["GET", "POST"])
def logout(request: HttpRequest) -> HttpResponse:
    """Wagtail's sign-out, by POST only. Wagtail's own view deletes the session cookie even
    when it refuses a GET, so any page could sign an editor out with an <img> tag; a GET here
    only asks (the page's button posts, with the CSRF token)."""
    if request.method == "POST":
        return WagtailLogoutView.as_view()(request)
    if not request.user.is_authenticated:
        return redirect("wagtailadmin_login")
    return render(request, "accounts/logout_confirm.html")


class PasswordResetView(WagtailPasswordResetView):
    """Wagtail's "forgot password" form, with a cap on the mails one address (client) and one
    typed e-mail can cause. The cap counts what is typed, whether or not an account has that
    e-mail, so the refusal says nothing about which accounts exist."""

    def form_valid(self, form):
        if _password_reset_limited(self.request, form.cleaned_data["email"]):
            form.add_error(
                None,
                _(
                    "Đã có quá nhiều yêu cầu đặt lại mật khẩu trong thời gian ngắn. Vui lòng "
                    "thử lại sau một giờ, hoặc liên hệ quản trị viên."
                ),
            )
            response = self.form_invalid(form)
            response.status_code = 429
            return response
        return super().form_valid(form)


def _password_reset_limited(request: HttpRequest, email: str) -> bool:
    """Count one request against the client address's and the typed e-mail's allowances."""
    limited = False
    keys = {
        "ip": (client_ip(request), settings.CONG_PASSWORD_RESET_IP_RATE),
        "email": ("".join(clean_line(email).lower().split()), settings.CONG_PASSWORD_RESET_RATE),
    }
    for name, (value, rate) in keys.items():
        if not value:
            continue
        usage = get_usage(
            request,
            group=f"cong:password-reset:{name}",
            key=lambda _group, _request, value=value: value,
            rate=rate,
            increment=True,
        )
        limited = limited or bool(usage and usage["should_limit"])
    return limited
