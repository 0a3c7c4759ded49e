"""Two-factor sign-in: leaders and administrators give a code from their phone."""

import datetime
from urllib.parse import urlsplit

import pytest
import time_machine
from django.core.management import call_command
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from cong.accounts import enrolment
from cong.accounts.middleware import TwoFactorMiddleware
from cong.accounts.models import LoginEvent
from tests.accounts.helpers import current_code, sign_in

ADMIN = reverse("wagtailadmin_home")
VERIFY = reverse("accounts_2fa")
SETUP = reverse("accounts_2fa_setup")


def link_path(user) -> str:
    """A fresh enrolment link of `user`, as the path the test client can open."""
    return urlsplit(enrolment.issue(user, channel="test")).path


def later(seconds=31):
    """A moment past django-otp's throttle and into the next 30-second code."""
    return time_machine.travel(timezone.now() + datetime.timedelta(seconds=seconds))


@pytest.fixture
def leader_device(leader):
    return TOTPDevice.objects.create(user=leader, name="Điện thoại", confirmed=True)


def test_a_reporter_reaches_the_admin_with_a_password_alone(client, reporter):
    sign_in(client, "phongvien")
    assert client.get(ADMIN).status_code == 200


def test_a_leader_without_a_device_is_sent_to_set_one_up(client, leader):
    sign_in(client, "lanhdao")
    response = client.get(ADMIN)
    assert response.status_code == 302
    assert response["Location"] == f"{VERIFY}?next=%2Fadmin%2F"
    response = client.get(response["Location"])
    assert response["Location"] == f"{SETUP}?next=%2Fadmin%2F"

    client.get(link_path(leader))
    page = client.get(SETUP).content.decode()
    assert "Bật xác thực hai bước" in page
    assert (
        '<svg width="240" height="240" style="max-width:100%;height:auto" role="img"' in page
    )  # the QR code, made here
    assert "<code>" in page  # the secret, for apps that cannot scan
    assert "http" not in page.split("<svg", 1)[1].split("</svg>", 1)[0].replace(
        "http://www.w3.org/2000/svg", ""
    )


def test_a_leader_sets_up_the_app_and_then_reaches_the_admin(client, leader):
    sign_in(client, "lanhdao")
    assert client.get(link_path(leader))["Location"] == SETUP
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=leader)
    assert device.confirmed is False

    response = client.post(SETUP, {"code": current_code(device), "next": ADMIN})
    assert response.status_code == 302
    assert response["Location"] == ADMIN
    assert client.get(ADMIN).status_code == 200
    device.refresh_from_db()
    assert device.confirmed is True
    assert LoginEvent.objects.filter(kind="otp_enabled", user=leader).exists()


def test_a_leader_cannot_reach_any_admin_page_before_the_code(client, leader_device):
    sign_in(client, "lanhdao")
    for url in [ADMIN, reverse("wagtailadmin_explore_root"), reverse("wagtailadmin_account")]:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(VERIFY)
    # Not only the admin: nothing that needs a signed-in user before the code.
    assert client.get("/").status_code == 302


def test_a_leader_enters_the_code_and_reaches_the_admin(client, leader, leader_device):
    sign_in(client, "lanhdao")
    page = client.get(f"{VERIFY}?next=/admin/pages/").content.decode()
    assert "nhập mã 6 chữ số của tài khoản <strong>lanhdao</strong>" in page

    response = client.post(VERIFY, {"code": current_code(leader_device), "next": "/admin/pages/"})
    assert response["Location"] == "/admin/pages/"
    assert client.get(ADMIN).status_code == 200
    assert LoginEvent.objects.filter(kind="otp_verified", user=leader).exists()


def test_a_wrong_code_is_refused(client, leader, leader_device):
    sign_in(client, "lanhdao")
    right = current_code(leader_device)
    wrong = f"{(int(right) + 1) % 1_000_000:06d}"
    response = client.post(VERIFY, {"code": wrong})
    assert response.status_code == 200
    assert "Mã không đúng hoặc đã hết hạn." in response.content.decode()
    assert client.get(ADMIN).status_code == 302
    assert LoginEvent.objects.filter(kind="otp_failed", user=leader).exists()


def test_a_code_that_is_not_six_digits_is_refused(client, leader_device):
    sign_in(client, "lanhdao")
    response = client.post(VERIFY, {"code": "12ab56"})
    assert "Nhập đúng 6 chữ số." in response.content.decode()


def test_after_a_wrong_code_even_the_right_one_waits(client, leader_device):
    sign_in(client, "lanhdao")
    client.post(VERIFY, {"code": "000000" if current_code(leader_device) != "000000" else "1"})
    response = client.post(VERIFY, {"code": current_code(leader_device)})
    assert "Vui lòng đợi vài giây" in response.content.decode()
    assert client.get(ADMIN).status_code == 302
    with later():
        leader_device.refresh_from_db()
        client.post(VERIFY, {"code": current_code(leader_device)})
        assert client.get(ADMIN).status_code == 200


def test_setting_up_a_new_device_needs_the_old_code_first(client, leader_device):
    sign_in(client, "lanhdao")
    response = client.get(SETUP)
    assert response["Location"].startswith(VERIFY)
    assert TOTPDevice.objects.count() == 1


def test_the_next_address_never_leaves_the_site(client, leader_device):
    sign_in(client, "lanhdao")
    response = client.post(
        VERIFY, {"code": current_code(leader_device), "next": "https://ke-gian.example/"}
    )
    assert response["Location"] == ADMIN


def test_a_reporter_may_turn_it_on_and_then_must_give_codes(client, reporter):
    sign_in(client, "phongvien")
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=reporter)
    client.post(SETUP, {"code": current_code(device)})
    client.post(reverse("wagtailadmin_logout"))

    with later():
        sign_in(client, "phongvien")
        assert client.get(ADMIN)["Location"].startswith(VERIFY)
        device.refresh_from_db()
        client.post(VERIFY, {"code": current_code(device)})
        assert client.get(ADMIN).status_code == 200

        response = client.post(SETUP, {"action": "disable"})
        assert response["Location"] == reverse("wagtailadmin_account")
        assert not TOTPDevice.objects.filter(user=reporter).exists()


def test_a_leader_may_change_phones_but_not_turn_it_off(client, leader, leader_device):
    sign_in(client, "lanhdao")
    client.post(VERIFY, {"code": current_code(leader_device)})
    page = client.get(SETUP).content.decode()
    assert "không thể tắt xác thực hai bước" in page
    client.post(SETUP, {"action": "disable"})
    assert TOTPDevice.objects.filter(user=leader, confirmed=True).exists()

    response = client.post(SETUP, {"action": "reset"})
    assert response["Location"] == SETUP
    assert not TOTPDevice.objects.filter(user=leader, confirmed=True).exists()
    assert client.get(ADMIN)["Location"].startswith(VERIFY)
    # A code was given in this session: the new phone is set up without a link.
    assert "<code>" in client.get(SETUP).content.decode()


def test_the_account_page_links_to_two_factor(client, reporter):
    client.force_login(reporter)
    page = client.get(reverse("wagtailadmin_account")).content.decode()
    assert SETUP in page
    assert "Xác thực hai bước" in page


@pytest.mark.parametrize("required", [True, False])
def test_superusers_follow_the_setting(client, settings, django_user_model, required):
    settings.CONG_2FA_FOR_SUPERUSERS = required
    django_user_model.objects.create_superuser(
        "quantrivien", "qt@example.vn", "mật-khẩu-đủ-dài-2024"
    )
    sign_in(client, "quantrivien")
    response = client.get(ADMIN)
    assert (response.status_code == 302) is required


def test_the_groups_that_need_it_come_from_the_setting(client, settings, make_user):
    settings.CONG_2FA_GROUPS = ["Biên tập viên"]
    make_user("Biên tập viên")
    sign_in(client, "bientapvien")
    assert client.get(ADMIN)["Location"].startswith(VERIFY)


def test_reset_2fa_removes_a_lost_phone(client, leader, leader_device):
    call_command("reset_2fa", "lanhdao", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert not TOTPDevice.objects.filter(user=leader).exists()
    sign_in(client, "lanhdao")
    client.get(ADMIN)
    assert client.get(VERIFY)["Location"].startswith(SETUP)


def test_visitors_without_a_session_are_not_looked_at(rf):
    """No session read for them: public pages stay cacheable whole."""

    class Untouchable:
        def __getattr__(self, name):
            raise AssertionError(f"request.user.{name} was read")

    request = rf.get("/tin-tuc/")
    request.user = Untouchable()
    response = TwoFactorMiddleware(lambda request: HttpResponse("trang"))(request)
    assert response.content == b"trang"
