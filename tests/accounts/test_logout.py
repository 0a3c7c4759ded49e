"""Signing out takes a POST: a link or an <img> elsewhere cannot end an editor's session."""

from django.conf import settings
from django.urls import reverse

from tests.accounts.helpers import sign_in

ADMIN = reverse("wagtailadmin_home")
LOGOUT = reverse("wagtailadmin_logout")


def test_a_get_to_logout_only_asks_and_keeps_the_session(client, reporter):
    sign_in(client, "phongvien")
    response = client.get(LOGOUT)
    assert response.status_code == 200
    assert "Bấm nút dưới đây để đăng xuất" in response.content.decode()
    assert settings.SESSION_COOKIE_NAME not in response.cookies  # not deleted, not replaced
    assert client.get(ADMIN).status_code == 200


def test_a_post_signs_out(client, reporter):
    sign_in(client, "phongvien")
    response = client.post(LOGOUT)
    assert response.status_code == 302
    assert client.get(ADMIN).status_code == 302


def test_other_methods_are_refused(client, reporter):
    sign_in(client, "phongvien")
    assert client.put(LOGOUT).status_code == 405
    assert client.get(ADMIN).status_code == 200
