"""The demo schedule: the page, this week and next published, the demo leaders as chairs,
nothing on a public holiday, and a second run adds nothing."""

import datetime

from cong.schedule.demo import ensure_schedule
from cong.schedule.models import ScheduleEntry, ScheduleWeekPage
from tests.schedule.conftest import MONDAY


def test_the_demo_has_this_week_and_next_with_the_leaders_as_chairs(home, site, director, deputy):
    index = ensure_schedule(home, site, today=MONDAY + datetime.timedelta(days=2))
    assert index.live and index.url == "/lich-cong-tac/"
    weeks = ScheduleWeekPage.objects.child_of(index).live().order_by("week_start")
    assert [w.week_start for w in weeks] == [MONDAY, MONDAY + datetime.timedelta(days=7)]
    rows = ScheduleEntry.objects.filter(page__in=weeks)
    assert {row.chair for row in rows if row.chair} == {director, deputy}
    assert rows.filter(chair__isnull=True).exclude(chair_text="").exists()
    # 24/11/2026 is a public holiday (Ngày Văn hóa Việt Nam): no meeting on it.
    assert not rows.filter(date=datetime.date(2026, 11, 24)).exists()
    assert rows.filter(date=datetime.date(2026, 12, 1)).exists()

    count = rows.count()
    ensure_schedule(home, site, today=MONDAY)
    assert ScheduleEntry.objects.count() == count and ScheduleWeekPage.objects.count() == 2
