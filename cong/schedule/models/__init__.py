from cong.schedule.isoweeks import week_monday
from cong.schedule.models.pages import (
    ScheduleEntry,
    ScheduleIndexPage,
    ScheduleWeekPage,
    Session,
)

__all__ = ["ScheduleEntry", "ScheduleIndexPage", "ScheduleWeekPage", "Session", "week_monday"]
