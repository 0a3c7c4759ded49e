"""Copying the latest week to the next one ("Sao chép tuần trước")."""

from typing import Any

from django.db import transaction

from cong.schedule.isoweeks import ONE_WEEK
from cong.schedule.models import ScheduleEntry, ScheduleIndexPage, ScheduleWeekPage


@transaction.atomic
def copy_last_week(index: ScheduleIndexPage, user: Any = None) -> ScheduleWeekPage:
    """A draft of the week after the latest one, with the latest week's rows (its newest
    revision) moved 7 days later, their "Điều chỉnh" marks dropped. Raises
    ScheduleWeekPage.DoesNotExist if `index` has no week yet."""
    source = index.latest_week()
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
