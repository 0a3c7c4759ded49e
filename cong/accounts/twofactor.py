"""Two-factor sign-in (TOTP, django-otp): who needs it, their device, and checking a code."""

import re
from base64 import b32encode

import django_otp
import qrcode
import qrcode.image.svg
from django.conf import settings
from django.db.models import Q
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

DEVICE_NAME = "Ứng dụng xác thực"


def is_mandatory(user) -> bool:
    """Members of `CONG_2FA_GROUPS`, and superusers when `CONG_2FA_FOR_SUPERUSERS`: they
    cannot reach the admin, nor turn two-factor sign-in off, without it."""
    if user.is_superuser and settings.CONG_2FA_FOR_SUPERUSERS:
        return True
    # A site's own copy of such a group ("Quản trị — UBND xã Đông Sơn", made by create_site)
    # counts as the group.
    named = Q(name__in=settings.CONG_2FA_GROUPS)
    for name in settings.CONG_2FA_GROUPS:
        named |= Q(site_binding__isnull=False, name__startswith=f"{name} — ")
    return user.groups.filter(named).exists()


def requires_second_factor(user) -> bool:
    """Mandatory, or turned on by the user (a confirmed device): a code after the password."""
    return is_mandatory(user) or confirmed_device(user) is not None


def confirmed_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).order_by("pk").first()


def pending_device(user) -> TOTPDevice:
    """The device being set up: one unconfirmed secret per user until a code confirms it."""
    device = TOTPDevice.objects.devices_for_user(user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)


def check_code(request, device: TOTPDevice, code: str) -> str:
    """Verify `code` on `device`; on success mark the session verified.

    Returns "" on success, otherwise the reason in Vietnamese. Wrong codes make the device
    wait 1, 2, 4, 8 … seconds before the next try (django-otp's throttling).
    """
    allowed, data = device.verify_is_allowed()
    if not allowed:
        return _("Bạn đã nhập sai nhiều lần. Vui lòng đợi vài giây rồi thử lại.")
    verified = django_otp.verify_token(request.user, device.persistent_id, code)
    if verified is None:
        return _("Mã không đúng hoặc đã hết hạn.")
    if not verified.confirmed:
        verified.confirmed = True
        verified.save(update_fields=["confirmed"])
    django_otp.login(request, verified)
    return ""


def secret_for_humans(device: TOTPDevice) -> str:
    """The base32 secret in groups of four, to type into an app that cannot scan.

    >>> secret_for_humans(TOTPDevice(key="3132333435363738393031323334353637383930"))
    'GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ'
    """
    secret = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_code_svg(device: TOTPDevice) -> SafeString:
    """The otpauth:// address as an inline SVG (made here: nothing is fetched elsewhere)."""
    image = qrcode.make(
        device.config_url,
        image_factory=qrcode.image.svg.SvgPathFillImage,
        box_size=10,
        border=4,
    )
    svg = image.to_string(encoding="unicode")
    label = escape(_("Mã QR để thêm tài khoản vào ứng dụng xác thực"))
    # Only path data comes from the address, never markup; size it in pixels, name it.
    svg = re.sub(
        r'^<svg width="[^"]*" height="[^"]*"',
        f'<svg width="240" height="240" style="max-width:100%;height:auto" role="img"'
        f' aria-label="{label}"',
        svg,
    )
    return mark_safe(svg)
