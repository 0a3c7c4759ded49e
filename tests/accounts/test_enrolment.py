"""Setting up two-factor sign-in needs a second channel: a one-time link, not the password."""

import datetime
import hashlib
import io
import re
from urllib.parse import urlsplit

import pytest
import time_machine
from django.contrib.auth.models import Permission
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from cong.accounts import enrolment
from cong.accounts.models import EnrolmentLink, LoginEvent
from tests.accounts.helpers import current_code, login_with_second_factor, sign_in

ADMIN = reverse("wagtailadmin_home")
SETUP = reverse("accounts_2fa_setup")
USERS = reverse("wagtailusers_users:index")


def path_of(url: str) -> str:
    return urlsplit(url).path


def link_in(text: str) -> str:
    return path_of(re.search(r"https?://[^\s<]+/2fa/lien-ket/[\w-]+/", text).group(0))


@pytest.fixture(autouse=True)
def _fresh_rate_counts():
    cache.clear()  # the e-mailed link allowance is counted in the cache, per user


@pytest.fixture
def leader_with_email(leader):
    leader.email = "lanhdao@example.vn"
    leader.save()
    return leader


def test_a_leader_with_a_password_alone_never_sees_the_secret(client, leader):
    sign_in(client, "lanhdao")
    response = client.get(SETUP)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Cần liên kết để bật xác thực hai bước" in page
    assert "<code>" not in page and "<svg" not in page
    assert not TOTPDevice.objects.filter(user=leader).exists()  # no secret was even made
    # Posting a guessed code does not enrol anything either.
    client.post(SETUP, {"code": "123456"})
    assert not TOTPDevice.objects.filter(user=leader).exists()


def test_a_leader_has_a_link_emailed_and_sets_up_the_phone_with_it(client, leader_with_email):
    sign_in(client, "lanhdao")
    response = client.post(SETUP, {"action": "email"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["lanhdao@example.vn"]
    assert message.subject == "Liên kết bật xác thực hai bước"
    assert "Đã gửi liên kết" in client.get(response["Location"]).content.decode()

    assert client.get(link_in(message.body))["Location"] == SETUP
    page = client.get(SETUP).content.decode()
    assert "<code>" in page  # now the secret, for this session
    device = TOTPDevice.objects.get(user=leader_with_email)
    client.post(SETUP, {"code": current_code(device), "next": ADMIN})
    assert client.get(ADMIN).status_code == 200
    assert LoginEvent.objects.filter(kind="enrol_used", user=leader_with_email).exists()


def test_a_link_works_only_once(client, leader):
    path = path_of(enrolment.issue(leader, channel="test"))
    sign_in(client, "lanhdao")
    client.get(path)
    other = client.__class__()
    sign_in(other, "lanhdao")
    response = other.get(path)
    assert response.status_code == 400
    assert "Liên kết này đã được dùng" in response.content.decode()
    assert "<code>" not in other.get(SETUP).content.decode()


def test_an_expired_link_is_refused_with_a_clear_message(client, leader, settings):
    settings.CONG_2FA_ENROLMENT_HOURS = 24
    path = path_of(enrolment.issue(leader, channel="test"))
    with time_machine.travel(timezone.now() + datetime.timedelta(hours=24, minutes=1)):
        sign_in(client, "lanhdao")
        response = client.get(path)
    assert response.status_code == 400
    assert "Liên kết đã hết hạn (chỉ dùng được trong 24 giờ)" in response.content.decode()


def test_a_newer_link_cancels_the_older_one(client, leader):
    old = path_of(enrolment.issue(leader, channel="test"))
    enrolment.issue(leader, channel="test")
    sign_in(client, "lanhdao")
    assert "Liên kết không đúng" in client.get(old).content.decode()


def test_a_link_opened_by_another_account_is_refused_and_not_used_up(client, leader, administrator):
    path = path_of(enrolment.issue(leader, channel="test"))
    sign_in(client, "quantri")
    response = client.get(path)
    assert "dành cho một tài khoản khác" in response.content.decode()
    assert EnrolmentLink.objects.get().used_at is None


def test_a_link_needs_the_password_first(client, leader):
    path = path_of(enrolment.issue(leader, channel="test"))
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))
    assert EnrolmentLink.objects.get().used_at is None  # a mail scanner's visit costs nothing


def test_only_a_hash_of_the_token_is_stored(leader):
    url = enrolment.issue(leader, channel="test")
    token = path_of(url).rstrip("/").rsplit("/", 1)[1]
    stored = EnrolmentLink.objects.get()
    assert stored.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in str(EnrolmentLink.objects.values().get())


def test_emailed_links_are_rate_limited(client, leader_with_email):
    sign_in(client, "lanhdao")
    for _ in range(5):
        client.post(SETUP, {"action": "email"})
    assert len(mail.outbox) == 3
    page = client.get(SETUP).content.decode()
    assert "Bạn đã xin liên kết nhiều lần" in page


def test_a_user_without_an_address_is_told_to_ask_an_administrator(client, leader):
    sign_in(client, "lanhdao")
    page = client.get(SETUP).content.decode()
    assert "Tài khoản chưa có địa chỉ thư điện tử" in page


def test_the_command_prints_a_link_the_user_can_open(client, leader):
    out = io.StringIO()
    call_command("issue_2fa_enrolment", "lanhdao", stdout=out)
    sign_in(client, "lanhdao")
    assert client.get(link_in(out.getvalue()))["Location"] == SETUP
    assert "<code>" in client.get(SETUP).content.decode()


def test_the_command_can_email_the_link(leader_with_email):
    call_command("issue_2fa_enrolment", "lanhdao", "--email", stdout=io.StringIO())
    assert mail.outbox[0].to == ["lanhdao@example.vn"]


def test_reset_2fa_cancels_old_links_and_prints_a_new_one(client, leader):
    TOTPDevice.objects.create(user=leader, name="Điện thoại", confirmed=True)
    old = path_of(enrolment.issue(leader, channel="test"))
    out = io.StringIO()
    call_command("reset_2fa", "lanhdao", stdout=out)
    assert not TOTPDevice.objects.filter(user=leader).exists()
    sign_in(client, "lanhdao")
    assert client.get(old).status_code == 400
    assert client.get(link_in(out.getvalue()))["Location"] == SETUP


def test_an_administrator_issues_a_link_from_the_user_listing(client, django_user_model, leader):
    admin = django_user_model.objects.create_superuser("sieuquantri", "s@example.vn", "x")
    login_with_second_factor(client, admin)
    issue = reverse("accounts_2fa_issue", kwargs={"user_id": leader.pk})
    assert issue in client.get(USERS).content.decode()
    page = client.post(issue, {"action": "show"}).content.decode()
    assert EnrolmentLink.objects.get(user=leader).issued_by == admin

    other = client.__class__()
    sign_in(other, "lanhdao")
    assert other.get(link_in(page))["Location"] == SETUP


def test_users_who_cannot_manage_users_cannot_issue_links(client, reporter, leader):
    client.force_login(reporter)
    assert "cap-lien-ket" not in client.get(ADMIN).content.decode()
    issue = reverse("accounts_2fa_issue", kwargs={"user_id": leader.pk})
    assert client.post(issue, {"action": "show"}).status_code in (302, 403)  # Wagtail: 302
    assert not EnrolmentLink.objects.exists()


def test_user_managers_see_the_button_but_not_for_superusers(client, make_user, django_user_model):
    manager = make_user(username="nhansu")
    manager.user_permissions.add(Permission.objects.get(codename="change_user"))
    boss = django_user_model.objects.create_superuser("sep", "sep@example.vn", "x")
    client.force_login(manager)
    page = client.get(USERS).content.decode()
    assert reverse("accounts_2fa_issue", kwargs={"user_id": boss.pk}) not in page
    issue = reverse("accounts_2fa_issue", kwargs={"user_id": boss.pk})
    assert client.post(issue, {"action": "show"}).status_code in (302, 403)  # Wagtail: 302
    assert not EnrolmentLink.objects.exists()
