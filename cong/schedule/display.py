"""How a week is shown: its days (today, past, holidays), rows sorted by session and time,
the leader filter, and the links to the weeks before and after."""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cong.core.workdays import holidays_between
from cong.schedule.isoweeks import week_monday

WEEKDAYS = (
    _("Thứ Hai"),
    _("Thứ Ba"),
    _("Thứ Tư"),
    _("Thứ Năm"),
    _("Thứ Sáu"),
    _("Thứ Bảy"),
    _("Chủ nhật"),
)
LEADER_PARAM = "lanh-dao"


@dataclass
class Day:
    date: datetime.date
    today: datetime.date
    holiday: str | None = None
    entries: list[Any] = field(default_factory=list)

    @property
    def name(self) -> str:
        return str(WEEKDAYS[self.date.weekday()])

    @property
    def is_today(self) -> bool:
        return self.date == self.today

    @property
    def is_past(self) -> bool:
        return self.date < self.today

    @property
    def is_weekend(self) -> bool:
        return self.date.weekday() >= 5


def sorted_entries(week: Any) -> list[Any]:
    """The week's rows by day, session and time, with their chairs loaded in one query (the
    rows may be in memory: a preview of a draft)."""
    entries = sorted(week.entries.all(), key=lambda entry: entry.sort_key())
    chair_ids = {entry.chair_id for entry in entries if entry.chair_id}
    if chair_ids:
        leader = week.entries.model._meta.get_field("chair").related_model
        chairs = leader.objects.in_bulk(chair_ids)
        for entry in entries:
            if entry.chair_id:
                entry.chair = chairs.get(entry.chair_id)
    return entries


def week_days(
    week: Any,
    entries: list[Any],
    today: datetime.date,
    leader_id: int | None = None,
) -> list[Day]:
    """The days of `week` with their rows (only `leader_id`'s when given): Monday to Friday
    always, Saturday and Sunday when they have rows or a holiday."""
    holidays = holidays_between(week.week_start, week.week_end)
    days = {}
    for n in range(7):
        date = week.week_start + datetime.timedelta(days=n)
        days[date] = Day(date=date, today=today, holiday=holidays.get(date))
    for entry in entries:
        if entry.date in days and (not leader_id or entry.chair_id == leader_id):
            days[entry.date].entries.append(entry)
    return [day for day in days.values() if not day.is_weekend or day.entries or day.holiday]


def chosen_leader(request: HttpRequest, leaders: list[Any]) -> Any:
    value = request.GET.get(LEADER_PARAM, "")
    if not value.isdigit():
        return None
    return next((leader for leader in leaders if leader.pk == int(value)), None)


def week_leaders(entries: list[Any]) -> list[Any]:
    """The leaders who chair a row of the week, in the agency's order."""
    found = {entry.chair.pk: entry.chair for entry in entries if entry.chair_id and entry.chair}
    return sorted(found.values(), key=lambda leader: (leader.sort_order, leader.full_name))


def week_context(
    index: Any,
    week: Any,
    request: HttpRequest,
    today: datetime.date | None = None,
) -> dict[str, Any]:
    """What the index (current week) and a week page show."""
    today = today or timezone.localdate()
    context: dict[str, Any] = {"index": index, "week": week, "today": today}
    if week is None:
        weeks = index.live_weeks()
        monday = week_monday(today)
        context.update(
            previous_week=weeks.filter(week_start__lt=monday).order_by("-week_start").first(),
            next_week=weeks.filter(week_start__gt=monday).order_by("week_start").first(),
        )
        return context
    entries = sorted_entries(week)
    leaders = week_leaders(entries)
    leader = chosen_leader(request, leaders)
    context.update(
        days=week_days(week, entries, today, leader.pk if leader else None),
        leaders=leaders,
        leader=leader,
        leader_param=LEADER_PARAM,
        previous_week=week.previous_week() if week.pk else None,
        next_week=week.next_week() if week.pk else None,
        is_current=week.week_start == week_monday(today),
    )
    return context
