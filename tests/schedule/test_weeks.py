"""Weeks: ISO week boundaries, the derived title and slug, validation, the "Điều chỉnh" mark
on republication (previous version kept), copying last week, pre-filled new weeks."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from cong.schedule.isoweeks import week_slug, week_title
from cong.schedule.models import ScheduleWeekPage, week_monday
from cong.schedule.weeks import copy_last_week
from tests.schedule.conftest import MONDAY, WEDNESDAY_NOON, add_week


@pytest.mark.parametrize(
    "day, monday",
    [
        (datetime.date(2026, 11, 23), datetime.date(2026, 11, 23)),  # a Monday
        (datetime.date(2026, 11, 29), datetime.date(2026, 11, 23)),  # its Sunday
        (datetime.date(2027, 1, 1), datetime.date(2026, 12, 28)),  # year change
        (datetime.date(2027, 1, 3), datetime.date(2026, 12, 28)),
        (datetime.date(2027, 1, 4), datetime.date(2027, 1, 4)),
    ],
)
def test_a_week_starts_on_monday(day, monday):
    assert week_monday(day) == monday


def test_title_and_slug_follow_the_iso_week():
    assert week_title(MONDAY) == "Lịch công tác tuần 48 (23/11 – 29/11/2026)"
    assert week_slug(MONDAY) == "2026-tuan-48"
    # 28/12/2026 begins ISO week 53 of 2026, which ends in 2027.
    monday = datetime.date(2026, 12, 28)
    assert week_title(monday) == "Lịch công tác tuần 53 (28/12/2026 – 03/01/2027)"
    assert week_slug(monday) == "2026-tuan-53"
    assert week_slug(datetime.date(2027, 1, 4)) == "2027-tuan-01"


def test_a_week_gets_its_title_and_slug_when_left_empty(schedule):
    week = add_week(schedule, datetime.date(2026, 12, 28), [], publish=False)
    assert week.title == "Lịch công tác tuần 53 (28/12/2026 – 03/01/2027)"
    assert week.slug == "2026-tuan-53"
    assert week.url_path.endswith("/lich-cong-tac/2026-tuan-53/")


def test_a_week_must_start_on_monday_once_per_schedule(schedule):
    with pytest.raises(ValidationError) as error:
        add_week(schedule, datetime.date(2026, 11, 24), [])
    assert "thứ Hai" in str(error.value)
    first = add_week(schedule, MONDAY, [])
    assert first.week_start == MONDAY
    with pytest.raises(ValidationError) as error:
        add_week(schedule, MONDAY, [])  # created in code (an import), not in the admin
    assert "đã có lịch" in str(error.value)
    second = add_week(schedule, MONDAY + datetime.timedelta(days=7), [])
    second.week_start = MONDAY
    with pytest.raises(ValidationError) as error:
        second.full_clean()
    assert "đã có lịch" in str(error.value)


def test_a_row_outside_the_week_is_refused(schedule):
    week = add_week(schedule, MONDAY, [], publish=False)
    week.entries = [
        ScheduleWeekPage.entries.rel.related_model(
            date=MONDAY + datetime.timedelta(days=7), session="sang", content="Họp"
        )
    ]
    with pytest.raises(ValidationError) as error:
        week.full_clean()
    assert "không thuộc tuần" in str(error.value)


def test_first_publication_marks_nothing(week):
    assert [entry.adjusted_at for entry in week.entries.all()] == [None, None, None]


def test_republishing_marks_changed_and_new_rows_and_keeps_the_old_version(week, time_machine):
    time_machine.move_to(WEDNESDAY_NOON, tick=False)
    first_revision = week.live_revision
    draft = week.get_latest_revision_as_object()
    rows = sorted(draft.entries.all(), key=lambda e: e.date)
    rows[1].location = "Phòng họp trực tuyến"  # changed
    new = type(rows[0])(
        date=MONDAY + datetime.timedelta(days=4), session="sang", content="Tiếp dân"
    )
    draft.entries = [*rows, new]
    draft.save_revision().publish()

    entries = {e.content: e for e in ScheduleWeekPage.objects.get(pk=week.pk).entries.all()}
    assert entries["Giao ban lãnh đạo Sở"].adjusted_at is None
    assert entries["Họp thẩm định hồ sơ chuyển đổi số cấp xã"].adjusted_at == WEDNESDAY_NOON
    assert entries["Tiếp dân"].adjusted_at == WEDNESDAY_NOON
    # The version published first stays in the history, with the old place.
    old = first_revision.as_object()
    assert {e.location for e in old.entries.all()} >= {"Hội trường A"}
    assert week.revisions.count() == 2

    # A later publication keeps the mark of an unchanged adjusted row.
    time_machine.move_to(WEDNESDAY_NOON + datetime.timedelta(hours=3), tick=False)
    draft = ScheduleWeekPage.objects.get(pk=week.pk).get_latest_revision_as_object()
    draft.note = "Lịch có thể thay đổi."
    draft.save_revision().publish()
    entries = {e.content: e for e in ScheduleWeekPage.objects.get(pk=week.pk).entries.all()}
    assert entries["Tiếp dân"].adjusted_at == WEDNESDAY_NOON
    assert entries["Giao ban lãnh đạo Sở"].adjusted_at is None


def test_the_adjusted_mark_is_shown(client, week, time_machine):
    time_machine.move_to(WEDNESDAY_NOON, tick=False)
    draft = week.get_latest_revision_as_object()
    rows = list(draft.entries.all())
    next(e for e in rows if e.chair_text).start_time = datetime.time(19, 30)
    draft.entries = rows
    draft.save_revision().publish()
    html = client.get(week.url).content.decode()
    assert "Điều chỉnh lúc" in html and "19:00 25/11" in html  # in Hà Nội time


def test_copy_last_week_makes_a_draft_of_the_next_week(week):
    copy = copy_last_week(week.get_parent().specific)
    assert copy.week_start == MONDAY + datetime.timedelta(days=7)
    assert copy.title == "Lịch công tác tuần 49 (30/11 – 06/12/2026)"
    assert not copy.live and copy.get_parent().pk == week.get_parent().pk
    old = sorted((e.date, e.content, e.chair_id) for e in week.entries.all())
    new = sorted((e.date, e.content, e.chair_id) for e in copy.entries.all())
    assert [(d + datetime.timedelta(days=7), c, ch) for d, c, ch in old] == new
    assert all(e.adjusted_at is None for e in copy.entries.all())
    assert copy.get_latest_revision() is not None


def test_a_new_week_has_a_morning_row_per_working_day(schedule, week):
    new = ScheduleWeekPage()
    new.prefill(schedule)
    assert new.week_start == MONDAY + datetime.timedelta(days=7)
    assert [e.date.day for e in new.entries.all()] == [30, 1, 2, 3, 4]
    assert {e.session for e in new.entries.all()} == {"sang"}
    assert all(e.is_blank() for e in new.entries.all())


def test_holidays_are_not_prefilled(schedule):
    # 31/8/2026 is a day off in lieu, 1–2/9 Quốc khánh.
    new = ScheduleWeekPage(week_start=datetime.date(2026, 8, 31))
    new.prefill(schedule)
    assert [e.date.day for e in new.entries.all()] == [3, 4]
