"""Five wrong passwords lock a user name (or an address) out for 30 minutes."""

import datetime

import pytest
import time_machine
from axes.models import AccessAttempt
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from cong.accounts.lockouts import current_lockouts
from cong.accounts.models import LoginEvent
from tests.accounts.helpers import sign_in


def fail(client, username, times, address="127.0.0.1"):
    for _ in range(times):
        client.post(
            reverse("wagtailadmin_login"),
            {"username": username, "password": "sai-mat-khau"},
            REMOTE_ADDR=address,
        )


@pytest.fixture
def locked(client, reporter):
    fail(client, "phongvien", 5)
    return reporter


def test_the_settings_are_five_failures_and_thirty_minutes(settings):
    assert settings.AXES_FAILURE_LIMIT == 5
    assert settings.AXES_COOLOFF_TIME == datetime.timedelta(minutes=30)
    assert settings.AXES_LOCKOUT_PARAMETERS == ["username", "ip_address"]


def test_four_failures_still_let_the_right_password_in(client, reporter):
    fail(client, "phongvien", 4)
    response = sign_in(client, "phongvien")
    assert response.status_code == 302
    assert client.get(reverse("wagtailadmin_home")).status_code == 200


def test_after_five_failures_even_the_right_password_gets_the_lockout_page(client, locked):
    response = sign_in(client, "phongvien")
    assert response.status_code == 429
    page = response.content.decode()
    assert "Tạm khóa đăng nhập" in page
    assert "Đăng nhập sai 5 lần liên tiếp" in page
    assert "30 phút" in page
    assert "_auth_user_id" not in client.session


def test_the_lockout_falls_on_the_user_name_from_any_address(client, locked):
    response = client.post(
        reverse("wagtailadmin_login"),
        {"username": "phongvien", "password": "mật-khẩu-đủ-dài-2024"},
        REMOTE_ADDR="203.0.113.9",
    )
    assert response.status_code == 429


def test_the_lockout_falls_on_the_address_whatever_the_user_name(client, reporter):
    for name in ["a", "b", "c", "d", "e"]:
        fail(client, name, 1, address="198.51.100.7")
    response = client.post(
        reverse("wagtailadmin_login"),
        {"username": "phongvien", "password": "mật-khẩu-đủ-dài-2024"},
        REMOTE_ADDR="198.51.100.7",
    )
    assert response.status_code == 429
    assert sign_in(client, "phongvien").status_code == 302  # another address is not locked


def test_the_lockout_ends_after_thirty_minutes(client, locked):
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=31)):
        assert sign_in(client, "phongvien").status_code == 302


def test_the_address_is_read_behind_the_configured_proxy(client, settings, reporter):
    settings.CONG_PROXY_COUNT = 1
    for _ in range(5):
        client.post(
            reverse("wagtailadmin_login"),
            {"username": f"x{_}", "password": "sai"},
            HTTP_X_FORWARDED_FOR="192.0.2.44",
        )
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"192.0.2.44"}
    assert [lockout.value for lockout in current_lockouts()] == ["192.0.2.44"]


def test_the_axes_reset_username_command_unlocks(client, locked):
    call_command("axes_reset_username", "phongvien")
    assert sign_in(client, "phongvien").status_code == 302


def test_failures_and_the_lockout_are_logged(client, locked):
    sign_in(client, "phongvien")
    kinds = list(LoginEvent.objects.filter(username="phongvien").values_list("kind", flat=True))
    # The right password during the lock-out counts as one more failure, refused.
    assert sorted(kinds) == ["failure"] * 6 + ["lockout"] * 2
    event = LoginEvent.objects.filter(kind="failure").first()
    assert (event.user, event.ip_address) == (locked, "127.0.0.1")
