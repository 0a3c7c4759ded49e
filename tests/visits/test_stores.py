"""Both stores count the same way: visits, page views, online, per page, dropped hits."""

import datetime
from zoneinfo import ZoneInfo

import pytest

from cong.core.clients import local_day
from cong.visits.models import DailyStats, DroppedHits, FlushedBatch, PageDailyStats
from cong.visits.stores import Hit

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
FIVE_MINUTES = datetime.timedelta(minutes=5)


def at(hour, minute=0, second=0, day=18):
    return datetime.datetime(2023, 8, day, hour, minute, second, tzinfo=HCM)


def hit(site, visitor="a", moment=None, path="/tin-tuc/bai-1/", page_id=None):
    moment = moment or at(9)
    return Hit(
        site_id=site.pk,
        visitor=visitor,
        path=path,
        page_id=page_id,
        at=moment,
        day=local_day(moment),
    )


def summary(store, site, moment):
    store.flush()  # the Redis store must read the same before and after a flush
    return store.summary(site.pk, moment, FIVE_MINUTES)


def test_page_views_of_one_visitor_within_30_minutes_are_one_visit(store, site):
    for minute in (0, 10, 29):
        store.record(hit(site, moment=at(9, minute)))
    s = store.summary(site.pk, at(9, 30), FIVE_MINUTES)
    assert (s.today, s.total, s.pageviews_today, s.pageviews_total) == (1, 1, 3, 3)


def test_a_gap_of_30_minutes_starts_a_new_visit(store, site):
    assert store.record(hit(site, moment=at(9, 0))) is True
    assert store.record(hit(site, moment=at(9, 29, 59))) is False
    assert store.record(hit(site, moment=at(9, 59, 59))) is True  # exactly 30 min after 9:29:59
    assert store.summary(site.pk, at(10), FIVE_MINUTES).today == 2


def test_today_starts_at_local_midnight(store, site):
    # 23:50 and 00:05 local are 16:50 and 17:05 UTC of the same UTC day.
    store.record(hit(site, visitor="a-17", moment=at(23, 50, day=17)))
    store.record(hit(site, visitor="a-18", moment=at(0, 5, day=18)))
    s = summary(store, site, at(0, 6, day=18))
    assert (s.today, s.total) == (1, 2)
    assert local_day(at(0, 5, day=18)) == datetime.date(2023, 8, 18)


def test_online_counts_distinct_visitors_seen_in_the_window(store, site):
    store.record(hit(site, visitor="old", moment=at(9, 0)))
    store.record(hit(site, visitor="new", moment=at(9, 6)))
    store.record(hit(site, visitor="new", moment=at(9, 7)))
    store.record(hit(site, visitor="other", moment=at(9, 8)))
    assert store.summary(site.pk, at(9, 9), FIVE_MINUTES).online == 2


def test_views_are_kept_per_page(store, site, section):
    for visitor in "abc":
        store.record(hit(site, visitor=visitor, path=section.url, page_id=section.pk))
    store.record(hit(site, visitor="a", path="/tim-kiem/"))
    assert store.page_views(site.pk, section.pk) == 3
    store.flush()
    assert store.page_views(site.pk, section.pk) == 3
    assert PageDailyStats.objects.get(path=section.url).views == 3


def test_dropped_hits_are_counted_by_reason(store, site):
    day = datetime.date(2023, 8, 18)
    store.drop(site.pk, day, "crawler")
    store.drop(site.pk, day, "crawler")
    store.drop(site.pk, day, "rate")
    store.flush()
    counts = dict(DroppedHits.objects.values_list("reason", "count"))
    assert counts == {"crawler": 2, "rate": 1}


def test_figures_are_the_same_before_and_after_a_flush(store, site):
    for n in range(5):
        store.record(hit(site, visitor=f"v{n}", moment=at(9, n)))
    before = store.summary(site.pk, at(9, 6), FIVE_MINUTES)
    store.flush()
    store.flush()
    after = store.summary(site.pk, at(9, 6), FIVE_MINUTES)
    assert before == after
    assert DailyStats.objects.get().visits == 5


def test_a_flush_killed_after_its_sql_commit_adds_nothing_twice(redis_store, site, monkeypatch):
    store = redis_store
    for n in range(3):
        store.record(hit(site, visitor=f"v{n}"))
    real_delete = store.redis.pipeline

    class Killed(Exception):
        pass

    def die(*args, **kwargs):  # the process dies between the SQL commit and the cleanup
        raise Killed

    monkeypatch.setattr(store.redis, "pipeline", die)
    with pytest.raises(Killed):
        store.flush()
    monkeypatch.setattr(store.redis, "pipeline", real_delete)
    assert FlushedBatch.objects.count() == 1
    assert store.summary(site.pk, at(9, 1), FIVE_MINUTES).today == 3  # not 6
    store.flush()
    assert DailyStats.objects.get().visits == 3
    assert store.summary(site.pk, at(9, 1), FIVE_MINUTES).today == 3
