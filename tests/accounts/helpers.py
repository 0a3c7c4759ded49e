"""Signing in, in tests, as the login form and the two-factor page would.

`login_with_second_factor(client, user)` is for tests of other apps whose users must give a
code ("Lãnh đạo duyệt", "Quản trị"): `client.force_login` alone leaves them on /admin/2fa/.
"""

from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

PASSWORD = "mật-khẩu-đủ-dài-2024"


def current_code(device: TOTPDevice) -> str:
    """The code the user's phone shows now."""
    code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    return f"{code:0{device.digits}d}"


def sign_in(client, username: str, password: str = PASSWORD):
    """Post Wagtail's login form, as a person would."""
    return client.post(reverse("wagtailadmin_login"), {"username": username, "password": password})


def login_with_second_factor(client, user) -> TOTPDevice:
    """`client.force_login(user)`, plus a confirmed device that verified the session."""
    client.force_login(user)
    device, _ = TOTPDevice.objects.get_or_create(user=user, confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return device
