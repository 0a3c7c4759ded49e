"""The embedded store: every hit is one short SQL transaction of atomic increments.

A hit is committed before the beacon is answered, so a killed worker loses nothing. Counters
are per-day rows incremented with UPDATE ... SET n = n + 1 (no read-modify-write, so no lost
update between worker processes); a missing row is created, and a creation that loses the
race to another worker falls back to the increment.
"""

import datetime

from django.db import IntegrityError, transaction
from django.db.models import F, Sum

from cong.visits.models import DailyStats, DroppedHits, PageDailyStats, VisitorDay
from cong.visits.stores.base import VISIT_GAP, Hit, Summary


def add(model, lookup: dict, defaults: dict | None = None, **deltas) -> None:
    """Add `deltas` to the row matching `lookup`, creating it if needed; safe under concurrency."""
    increments = {field: F(field) + n for field, n in deltas.items()}
    if model.objects.filter(**lookup).update(**increments):
        return
    try:
        with transaction.atomic():
            model.objects.create(**lookup, **(defaults or {}), **deltas)
    except IntegrityError:  # another worker created the row first
        model.objects.filter(**lookup).update(**increments)


def sql_summary(site_id: int, day: datetime.date) -> tuple[int, int, int, int]:
    """(visits today, page views today, visits ever, page views ever) as stored in SQL."""
    today = DailyStats.objects.filter(site_id=site_id, day=day).values_list("visits", "pageviews")
    visits_today, pageviews_today = today.first() or (0, 0)
    totals = DailyStats.objects.filter(site_id=site_id).aggregate(
        v=Sum("visits"), p=Sum("pageviews")
    )
    return visits_today, pageviews_today, totals["v"] or 0, totals["p"] or 0


def sql_page_views(page_id: int) -> int:
    return PageDailyStats.objects.filter(page_id=page_id).aggregate(n=Sum("views"))["n"] or 0


class DatabaseStore:
    """Counters in the SQL database (SQLite or PostgreSQL)."""

    def record(self, hit: Hit) -> bool:
        with transaction.atomic():
            new_visit = self._touch_visitor(hit)
            add(
                DailyStats,
                {"site_id": hit.site_id, "day": hit.day},
                visits=int(new_visit),
                pageviews=1,
            )
            add(
                PageDailyStats,
                {"site_id": hit.site_id, "day": hit.day, "path": hit.path},
                defaults={"page_id": hit.page_id},
                views=1,
            )
        return new_visit

    def _touch_visitor(self, hit: Hit) -> bool:
        """Mark the visitor seen; True when this hit starts a new visit.

        Each step is one conditional UPDATE, so of two simultaneous hits by one visitor only
        one can start the visit: the other finds the row already touched.
        """
        visitor = VisitorDay.objects.filter(site_id=hit.site_id, visitor=hit.visitor)
        cutoff = hit.at - VISIT_GAP
        if visitor.filter(last_seen__gt=cutoff).update(last_seen=hit.at):
            return False
        if visitor.filter(last_seen__lte=cutoff).update(last_seen=hit.at):
            return True
        try:
            with transaction.atomic():
                VisitorDay.objects.create(
                    site_id=hit.site_id, visitor=hit.visitor, day=hit.day, last_seen=hit.at
                )
            return True
        except IntegrityError:  # the visitor's first hit arrived twice at once
            visitor.update(last_seen=hit.at)
            return False

    def drop(self, site_id: int, day: datetime.date, reason: str) -> None:
        add(DroppedHits, {"site_id": site_id, "day": day, "reason": reason}, count=1)

    def summary(self, site_id, now, online_window) -> Summary:
        from cong.visits.identity import local_day

        visits_today, pageviews_today, visits, pageviews = sql_summary(site_id, local_day(now))
        online = VisitorDay.objects.filter(site_id=site_id, last_seen__gt=now - online_window)
        return Summary(
            online=online.count(),
            today=visits_today,
            total=visits,
            pageviews_today=pageviews_today,
            pageviews_total=pageviews,
        )

    def page_views(self, site_id: int, page_id: int) -> int:
        return sql_page_views(page_id)

    def flush(self) -> int:
        return 0
