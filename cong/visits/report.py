"""The figures of the admin report: daily series, top pages, filtered hits."""

import datetime
from dataclasses import dataclass

from django.db.models import Sum
from django.utils import timezone
from wagtail.models import Site

from cong.core.clients import local_day
from cong.visits.filters import REASON_LABELS
from cong.visits.models import DailyStats, DroppedHits, PageDailyStats

PERIODS = (30, 90, 365)


@dataclass(frozen=True)
class Day:
    day: datetime.date
    visits: int
    pageviews: int


@dataclass(frozen=True)
class Report:
    days: list[Day]
    top_pages: list[dict]
    dropped: list[tuple[str, str, int]]  # (reason, label, count)

    @property
    def visits(self) -> int:
        return sum(d.visits for d in self.days)

    @property
    def pageviews(self) -> int:
        return sum(d.pageviews for d in self.days)


def build_report(site: Site, period: int, top: int = 20) -> Report:
    """The last `period` local days of `site`, today included, with a row for every day."""
    end = local_day(timezone.now())
    start = end - datetime.timedelta(days=period - 1)
    rows = DailyStats.objects.filter(site=site, day__gte=start, day__lte=end)
    by_day = {r.day: r for r in rows}
    days = []
    for offset in range(period):
        day = start + datetime.timedelta(days=offset)
        row = by_day.get(day)
        days.append(Day(day, row.visits if row else 0, row.pageviews if row else 0))
    top_pages = list(
        PageDailyStats.objects.filter(site=site, day__gte=start)
        .values("path", "page_id", "page__title")
        .annotate(views=Sum("views"))
        .order_by("-views", "path")[:top]
    )
    dropped = (
        DroppedHits.objects.filter(site=site, day__gte=start)
        .values_list("reason")
        .annotate(n=Sum("count"))
        .order_by("-n")
    )
    return Report(
        days=days,
        top_pages=top_pages,
        dropped=[(reason, REASON_LABELS.get(reason, reason), n) for reason, n in dropped],
    )
