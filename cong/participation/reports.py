"""The ratings report: average, count and distribution per page and per section."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Avg, Count, Max, Q
from django.utils import timezone
from wagtail.models import Page

from cong.participation.models import Rating

PERIODS = [7, 30, 90, 365, 0]  # days; 0: since the beginning


@dataclass
class Row:
    title: str
    path: str
    count: int
    average: float
    distribution: list[int] = field(default_factory=list)  # stars 1..5

    @property
    def shares(self) -> list[tuple[int, int, int]]:
        """(stars, count, percent) from 5 stars down to 1."""
        return [
            (stars, n, round(100 * n / self.count) if self.count else 0)
            for stars, n in reversed(list(enumerate(self.distribution, start=1)))
        ]


def _aggregate(ratings, by: str):
    star_counts = {f"s{n}": Count("pk", filter=Q(stars=n)) for n in range(1, 6)}
    return (
        ratings.values(by)
        .annotate(count=Count("pk"), average=Avg("stars"), label=Max("title"), **star_counts)
        .order_by("-count", by)
    )


def _row(values, title: str, path: str) -> Row:
    return Row(
        title=title,
        path=path,
        count=values["count"],
        average=round(values["average"] or 0, 2),
        distribution=[values[f"s{n}"] for n in range(1, 6)],
    )


def rating_report(period: int, site=None, today: datetime.date | None = None) -> dict:
    ratings = Rating.objects.all()
    if site is not None:
        ratings = ratings.filter(site=site)
    if period:
        today = today or timezone.localdate()
        ratings = ratings.filter(day__gt=today - datetime.timedelta(days=period))
    pages = [_row(v, v["label"], v["path"]) for v in _aggregate(ratings, "path")]
    section_values = list(_aggregate(ratings, "section_id"))
    titles = dict(
        Page.objects.filter(pk__in=[v["section_id"] for v in section_values]).values_list(
            "pk", "title"
        )
    )
    sections = [_row(v, titles.get(v["section_id"], "—"), "") for v in section_values]
    total = ratings.aggregate(count=Count("pk"), average=Avg("stars"))
    comments = ratings.exclude(comment="").order_by("-updated_at")[:50]
    return {
        "pages": pages,
        "sections": sections,
        "count": total["count"],
        "average": round(total["average"] or 0, 2),
        "comments": list(comments),
    }
