"""The client address is believed only from trusted proxies; visitors are anonymous daily hashes; the secrets behind them rotate and are deleted."""

import datetime

import pytest
import time_machine
from django.test import RequestFactory

from cong.core import clients as identity
from cong.core.clients import client_ip, local_day, salt_for, visitor_hash
from cong.core.models import DailySalt

UA = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:120.0) Gecko/20100101 Firefox/120.0"
D = datetime.date(2023, 8, 18)


@pytest.fixture(autouse=True)
def _fresh_salts():
    identity._salts.clear()
    yield
    identity._salts.clear()


def test_the_same_browser_is_the_same_visitor_all_day(db):
    assert visitor_hash(1, "203.113.1.1", UA, D) == visitor_hash(1, "203.113.1.1", UA, D)


def test_the_visitor_differs_by_site_address_and_browser(db):
    base = visitor_hash(1, "203.113.1.1", UA, D)
    assert base != visitor_hash(2, "203.113.1.1", UA, D)
    assert base != visitor_hash(1, "203.113.1.2", UA, D)
    assert base != visitor_hash(1, "203.113.1.1", UA + " Edg/120", D)


def test_the_salt_rotates_at_local_midnight(db):
    with time_machine.travel(datetime.datetime(2023, 8, 17, 16, 59, 59, tzinfo=datetime.UTC)):
        before = local_day(datetime.datetime.now(datetime.UTC))  # 23:59:59 in Hà Nội
    after = local_day(datetime.datetime(2023, 8, 17, 17, 0, 0, tzinfo=datetime.UTC))
    assert (before, after) == (datetime.date(2023, 8, 17), datetime.date(2023, 8, 18))
    assert visitor_hash(1, "1.2.3.4", UA, before) != visitor_hash(1, "1.2.3.4", UA, after)


def test_two_workers_share_one_salt_per_day(db):
    first = salt_for(D)
    identity._salts.clear()  # as a second process would start
    assert salt_for(D) == first
    assert DailySalt.objects.filter(day=D).count() == 1


def test_the_client_address_comes_from_the_trusted_proxy_only(settings):
    request = RequestFactory().get(
        "/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.113.1.1"
    )
    settings.CONG_PROXY_COUNT = 0
    assert client_ip(request) == "127.0.0.1"
    settings.CONG_PROXY_COUNT = 1
    assert client_ip(request) == "203.113.1.1"  # the spoofable first entry is ignored


def test_a_forwarded_address_from_an_untrusted_peer_is_ignored(settings):
    settings.CONG_PROXY_COUNT = 1
    request = RequestFactory().get(
        "/", REMOTE_ADDR="198.51.100.7", HTTP_X_FORWARDED_FOR="203.113.1.1"
    )
    assert client_ip(request) == "198.51.100.7"


def test_a_configured_proxy_network_is_trusted(settings):
    settings.CONG_PROXY_COUNT = 1
    settings.CONG_TRUSTED_PROXIES = ["10.0.0.0/24"]
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.9", HTTP_X_FORWARDED_FOR="203.113.1.1")
    assert client_ip(request) == "203.113.1.1"


def test_gunicorns_unix_socket_peer_is_trusted(settings):
    settings.CONG_PROXY_COUNT = 1
    request = RequestFactory().get("/", REMOTE_ADDR="", HTTP_X_FORWARDED_FOR="203.113.1.1")
    assert client_ip(request) == "203.113.1.1"


def test_a_malformed_forwarded_entry_falls_back_to_the_peer(settings, client, site):
    settings.CONG_PROXY_COUNT = 1
    for junk in ("not-an-address", "1.2.3.4:80", "<script>", "\x00"):
        request = RequestFactory().get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=junk)
        assert client_ip(request) == "127.0.0.1"
    # Through the whole stack: the visit beacon and a page answer, no 500.
    response = client.post(
        "/api/visits/hit",
        '{"path": "/"}',
        content_type="text/plain",
        HTTP_X_FORWARDED_FOR="%%%",
        HTTP_USER_AGENT=UA,
    )
    assert response.status_code == 204
    assert client.get("/", HTTP_X_FORWARDED_FOR="%%%").status_code == 200
