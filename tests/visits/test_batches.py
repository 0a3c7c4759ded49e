"""A batch stored at once (`apply_batch`) counts exactly what its hits count one by one."""

import datetime
import random

import pytest
from django.conf import settings as django_settings

from cong.visits import filters
from cong.visits.models import (
    AddressDay,
    DailyStats,
    DroppedHits,
    PageDailyStats,
    VisitorDay,
)
from cong.visits.stores.base import Drop, Hit, LogPosition
from tests.visits.conftest import REDIS_URL, clean_redis

START = datetime.datetime(2026, 6, 1, 16, 40, tzinfo=datetime.UTC)


def verdicts(site_id: int, seed: int) -> list[Hit | Drop]:
    """Few visitors and addresses over 50 minutes and two days: visits restart after 30
    quiet minutes, addresses go over their caps and come back under them next minute."""
    rng = random.Random(seed)  # noqa: S311 (a fixed sample, not a secret)
    found: list[Hit | Drop] = []
    at = START
    for _ in range(400):
        at += datetime.timedelta(seconds=rng.choice([0, 0, 0, 0, 0, 0, 1, 2, 60, 1900]))
        day = (at + datetime.timedelta(hours=7)).date()
        if rng.random() < 0.1:
            found.append(Drop(site_id, day, rng.choice([filters.CRAWLER, filters.RATE])))
            continue
        found.append(
            Hit(
                site_id=site_id,
                visitor=f"v{rng.randrange(25)}-{day}",
                path=f"/p{rng.randrange(4)}/",
                page_id=None,
                at=at,
                day=day,
                address=rng.choice(["", "a1", "a2"]),
            )
        )
    return found


def everything(store) -> dict:
    store.flush()
    found = {
        "days": sorted(DailyStats.objects.values_list("day", "visits", "pageviews")),
        "pages": sorted(PageDailyStats.objects.values_list("day", "path", "page_id", "views")),
        "dropped": sorted(DroppedHits.objects.values_list("day", "reason", "count")),
    }
    if not hasattr(store, "redis"):
        found["visitors"] = sorted(
            VisitorDay.objects.values_list("day", "visitor", "last_seen", "new_visit")
        )
        found["addresses"] = sorted(
            AddressDay.objects.values_list(
                "day", "address", "minute", "minute_new", "minute_views", "day_new", "fresh"
            )
        )
    return found


def forget(store) -> None:
    for model in (DailyStats, PageDailyStats, DroppedHits, VisitorDay, AddressDay):
        model.objects.all().delete()
    if hasattr(store, "redis"):
        clean_redis(REDIS_URL)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_batch_counts_what_its_hits_count_one_by_one(store, site, settings, seed):
    settings.CONG_VISITS_ADDRESS_NEW_PER_MINUTE = 2
    settings.CONG_VISITS_ADDRESS_NEW_PER_DAY = 8
    settings.CONG_VISITS_ADDRESS_VIEWS_PER_MINUTE = 4
    batch = verdicts(site.pk, seed)
    for verdict in batch:
        if isinstance(verdict, Drop):
            store.drop(verdict.site_id, verdict.day, verdict.reason)
        else:
            store.record(verdict)
    one_by_one = everything(store)
    forget(store)
    for start in range(0, len(batch), 150):  # rows left by a batch before are read back
        store.apply_batch(batch[start : start + 150], "test", LogPosition(1, start))
    assert everything(store) == one_by_one
    # The scenario does what it says: caps reached, visits restarted, two days.
    reasons = {reason for _day, reason, _n in one_by_one["dropped"]}
    assert {filters.ADDRESS_RATE, filters.ADDRESS_NEW_VISITORS} <= reasons
    assert len(one_by_one["days"]) == 2
    visits = sum(v for _d, v, _p in one_by_one["days"])
    assert visits > len({v.visitor for v in batch if isinstance(v, Hit)})
    assert django_settings.CONG_VISITS_ADDRESS_VIEWS_PER_MINUTE == 4


def test_a_batch_of_more_rows_than_one_statement_takes(store, site, monkeypatch):
    from cong.visits.stores import database

    monkeypatch.setattr(database, "ROWS_PER_STATEMENT", 7)
    day = datetime.date(2026, 6, 1)
    hits = [
        Hit(site.pk, f"v{i}", f"/p{i % 30}/", None, START, day, address=f"a{i}") for i in range(50)
    ]
    store.apply_batch(hits, "test", LogPosition(1, 50))
    found = everything(store)
    assert found["days"] == [(day, 50, 50)]
    assert len(found["pages"]) == 30
    assert store.log_position("test") == LogPosition(1, 50)
