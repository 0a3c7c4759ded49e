"""The two-factor pages under the admin: /admin/2fa/ (enter a code) and /admin/2fa/setup/."""

from urllib.parse import urlencode

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_otp.plugins.otp_totp.models import TOTPDevice

from cong.accounts import events, twofactor
from cong.accounts.forms import CodeForm
from cong.accounts.models import LoginEvent


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

    pending = twofactor.pending_device(user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        problem = twofactor.check_code(request, pending, form.cleaned_data["code"])
        if not problem:
            TOTPDevice.objects.devices_for_user(user, confirmed=False).delete()
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
            return redirect("accounts_2fa_setup")
        messages.success(request, _("Đã tắt xác thực hai bước."))
        return redirect("wagtailadmin_account")
    return render(
        request, "accounts/two_factor_manage.html", {"device": device, "mandatory": mandatory}
    )
