"""Visitors are anonymous daily hashes; the secrets behind them rotate and are deleted."""

import datetime

import time_machine
from django.test import RequestFactory

from cong.visits import identity
from cong.visits.identity import client_ip, local_day, salt_for, visitor_hash
from cong.visits.models import DailySalt, VisitorDay
from cong.visits.stores.database import DatabaseStore

UA = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:120.0) Gecko/20100101 Firefox/120.0"
D = datetime.date(2023, 8, 18)


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


def test_salts_and_visitor_rows_are_deleted_after_48_hours(db, site):
    store = DatabaseStore()
    from cong.visits.stores import Hit

    for offset in range(4):
        day = D + datetime.timedelta(days=offset)
        moment = datetime.datetime.combine(day, datetime.time(9), tzinfo=datetime.UTC)
        identity._salts.clear()
        store.record(
            Hit(site.pk, visitor_hash(site.pk, "1.1.1.1", UA, day), "/", None, moment, day)
        )
    assert sorted(DailySalt.objects.values_list("day", flat=True)) == [
        D + datetime.timedelta(days=2),
        D + datetime.timedelta(days=3),
    ]
    assert sorted(VisitorDay.objects.values_list("day", flat=True)) == [
        D + datetime.timedelta(days=2),
        D + datetime.timedelta(days=3),
    ]


def test_no_address_or_browser_is_stored(store, site, client):
    client.post(
        "/api/visits/hit",
        '{"path": "/"}',
        content_type="text/plain",
        HTTP_USER_AGENT=UA,
        REMOTE_ADDR="203.113.77.66",
    )
    if isinstance(store, DatabaseStore):
        row = VisitorDay.objects.values().get()
        stored = str(row)
        assert len(row["visitor"]) == 32
    else:
        keys = list(store.redis.scan_iter("cong:visits:*"))
        assert any(":v:" in key for key in keys)  # the visitor's last-seen time is there
        stored = " ".join(keys) + " ".join(str(store.redis.dump(key)) for key in keys)
    assert "203.113.77.66" not in stored
    assert "firefox" not in stored.lower()


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
