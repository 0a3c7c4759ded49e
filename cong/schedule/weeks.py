"""Making weeks quickly: a new week pre-filled with a row per working day, and a copy of the
latest week moved to the next one ("Sao chép tuần trước")."""

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from cong.core.workdays import is_working_day
from cong.schedule.models import ScheduleEntry, ScheduleIndexPage, ScheduleWeekPage, week_monday
from cong.schedule.models.pages import ONE_WEEK, Session


def latest_week(index: Any) -> ScheduleWeekPage | None:
    """The week of `index` that starts last, published or not."""
    return ScheduleWeekPage.objects.child_of(index).order_by("-week_start").first()


def next_monday(index: Any, today: datetime.date | None = None) -> datetime.date:
    """The Monday after the latest week of `index`, or this week's Monday if it has none
    (a week is usually typed on Friday for the week after)."""
    latest = latest_week(index) if index is not None and index.pk else None
    if latest is not None:
        return latest.week_start + ONE_WEEK
    return week_monday(today or timezone.localdate())


def prefill_new_week(week: ScheduleWeekPage, parent: Any) -> None:
    """Fill a new week's form: its Monday, and one empty morning row per working day (the
    rows the editor leaves empty are dropped when saving)."""
    if not isinstance(getattr(parent, "specific", parent), ScheduleIndexPage):
        return
    week.week_start = week.week_start or next_monday(parent)
    days = (week.week_start + datetime.timedelta(days=n) for n in range(7))
    week.entries = [
        ScheduleEntry(date=day, session=Session.MORNING) for day in days if is_working_day(day)
    ]


@transaction.atomic
def copy_last_week(index: ScheduleIndexPage, user: Any = None) -> ScheduleWeekPage:
    """A draft of the week after the latest one, with the latest week's rows moved 7 days
    later (their "Điều chỉnh" marks dropped). Raises ScheduleWeekPage.DoesNotExist if
    `index` has no week yet."""
    source = latest_week(index)
    if source is None:
        raise ScheduleWeekPage.DoesNotExist
    source = source.get_latest_revision_as_object()
    week = ScheduleWeekPage(
        week_start=source.week_start + ONE_WEEK, note=source.note, live=False, owner=user
    )
    week.entries = [copy_entry(entry) for entry in source.entries.all()]
    index.add_child(instance=week)
    week.save_revision(user=user, log_action=True)
    return week


def copy_entry(entry: ScheduleEntry) -> ScheduleEntry:
    fields = {name: getattr(entry, name) for name in ScheduleEntry.KEY_FIELDS}
    fields["date"] = entry.date + ONE_WEEK
    fields["sort_order"] = entry.sort_order
    return ScheduleEntry(**fields)
