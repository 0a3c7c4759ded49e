"""Reports › Nhật ký đăng nhập: what is logged, who may read it, and unlocking from it."""

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from cong.accounts.models import LoginEvent
from tests.accounts.helpers import login_with_second_factor, sign_in

LOG = reverse("accounts_login_events")


def test_login_logout_and_failure_are_written(client, reporter):
    client.post(reverse("wagtailadmin_login"), {"username": "phongvien", "password": "sai"})
    sign_in(client, "phongvien")
    client.post(reverse("wagtailadmin_logout"))
    rows = list(LoginEvent.objects.order_by("pk").values_list("kind", "username", "user"))
    assert rows == [
        ("failure", "phongvien", reporter.pk),
        ("login", "phongvien", reporter.pk),
        ("logout", "phongvien", reporter.pk),
    ]
    assert set(LoginEvent.objects.values_list("ip_address", flat=True)) == {"127.0.0.1"}


def test_a_failure_for_an_unknown_name_is_written_without_an_account(client, db):
    client.post(reverse("wagtailadmin_login"), {"username": "khong-co", "password": "sai"})
    event = LoginEvent.objects.get()
    assert (event.kind, event.username, event.user) == ("failure", "khong-co", None)


def test_a_reporter_may_not_read_the_log(client, reporter):
    client.force_login(reporter)
    assert client.get(LOG).status_code == 403
    assert client.post(reverse("accounts_unlock"), {"username": "x"}).status_code == 403
    assert "Nhật ký đăng nhập" not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_the_administrators_group_reads_the_log(client, administrator, reporter):
    sign_in(client, "phongvien")
    login_with_second_factor(client, administrator)
    response = client.get(LOG)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Nhật ký đăng nhập" in page
    assert "phongvien" in page
    assert "127.0.0.1" in page
    assert "180 ngày" in page


def test_a_superuser_reads_the_log_and_filters_it(admin_client, reporter):
    LoginEvent.objects.create(kind="failure", username="ke-gian", ip_address="203.0.113.5")
    LoginEvent.objects.create(kind="login", username="phongvien", user=reporter)
    page = admin_client.get(LOG, {"kind": "failure"}).content.decode()
    assert "ke-gian" in page
    assert "203.0.113.5" in page
    assert ">phongvien<" not in page


def test_the_log_exports_to_csv(admin_client, db):
    LoginEvent.objects.create(kind="failure", username="ke-gian", ip_address="203.0.113.5")
    response = admin_client.get(LOG, {"export": "csv"})
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode()
    assert "Đăng nhập sai" in body
    assert "203.0.113.5" in body


@pytest.fixture
def locked_out(client, reporter):
    for _ in range(5):
        client.post(reverse("wagtailadmin_login"), {"username": "phongvien", "password": "sai"})
    assert sign_in(client, "phongvien").status_code == 429
    return reporter


def test_the_log_lists_the_lockouts_and_unlocks_them(client, locked_out, administrator):
    login_with_second_factor(client, administrator)
    page = client.get(LOG).content.decode()
    assert "Đang bị tạm khóa" in page
    assert 'name="username" value="phongvien"' in page
    assert 'name="ip_address" value="127.0.0.1"' in page

    response = client.post(reverse("accounts_unlock"), {"username": "phongvien"}, follow=True)
    assert "Đã mở khóa phongvien." in response.content.decode()
    unlock = LoginEvent.objects.get(kind="unlock")
    assert (unlock.username, unlock.user) == ("phongvien", locked_out)
    assert "quantri" in unlock.detail

    client.post(reverse("accounts_unlock"), {"ip_address": "127.0.0.1"})
    client.logout()
    assert sign_in(client, "phongvien").status_code == 302


def test_unlocking_needs_a_name_or_an_address(admin_client, db):
    response = admin_client.post(reverse("accounts_unlock"), {}, follow=True)
    assert "Nhập tên đăng nhập hoặc địa chỉ IP cần mở khóa." in response.content.decode()
    assert not LoginEvent.objects.filter(kind="unlock").exists()


def test_rows_older_than_the_retention_are_purged(db, settings):
    settings.CONG_LOGIN_EVENT_DAYS = 180
    old = LoginEvent.objects.create(kind="login", username="cu")
    LoginEvent.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=181)
    )
    recent = LoginEvent.objects.create(kind="login", username="moi")
    call_command("purge_login_events", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert list(LoginEvent.objects.all()) == [recent]


def test_each_login_purges_old_rows_too(client, reporter):
    old = LoginEvent.objects.create(kind="login", username="cu")
    LoginEvent.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=365)
    )
    sign_in(client, "phongvien")
    assert not LoginEvent.objects.filter(pk=old.pk).exists()


def test_the_administrators_role_is_given_the_log_permissions(django_user_model, db):
    from django.contrib.auth.models import Group

    codenames = set(
        Group.objects.get(name="Quản trị").permissions.values_list("codename", flat=True)
    )
    assert {"view_loginevent", "unlock_login"} <= codenames
