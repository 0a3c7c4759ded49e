"""The admin's "forgot password" mails are capped per typed e-mail and per client address."""

import pytest
from django.core import mail
from django.core.cache import cache
from django.urls import reverse

RESET = reverse("wagtailadmin_password_reset")
REFUSED = "Đã có quá nhiều yêu cầu đặt lại mật khẩu"


@pytest.fixture(autouse=True)
def _fresh_counts(settings):
    settings.CONG_PASSWORD_RESET_RATE = "3/h"
    settings.CONG_PASSWORD_RESET_IP_RATE = "10/h"
    cache.clear()


def test_it_stops_mailing_one_account_after_three_requests_an_hour(client, reporter):
    reporter.email = "phongvien@example.vn"
    reporter.save()
    responses = [client.post(RESET, {"email": "PhongVien@example.vn "}) for _ in range(5)]
    assert [r.status_code for r in responses] == [302, 302, 302, 429, 429]
    assert len(mail.outbox) == 3
    assert REFUSED in responses[-1].content.decode()


def test_an_unknown_address_is_refused_the_same_way(client, db):
    responses = [client.post(RESET, {"email": "khongco@example.vn"}) for _ in range(4)]
    assert [r.status_code for r in responses] == [302, 302, 302, 429]
    assert REFUSED in responses[-1].content.decode()
    assert not mail.outbox


def test_one_client_cannot_cycle_through_addresses(client, db):
    statuses = [
        client.post(RESET, {"email": f"nguoi{n}@example.vn"}).status_code for n in range(11)
    ]
    assert statuses == [302] * 10 + [429]
