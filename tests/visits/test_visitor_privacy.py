"""Visitor rows go with the daily secrets; no address or browser is ever stored."""

import datetime

from cong.core import clients as identity
from cong.core.clients import visitor_hash
from cong.core.models import DailySalt
from cong.visits.models import VisitorDay
from cong.visits.stores.database import DatabaseStore

UA = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:120.0) Gecko/20100101 Firefox/120.0"
D = datetime.date(2023, 8, 18)


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
