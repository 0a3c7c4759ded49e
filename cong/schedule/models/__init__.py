from cong.schedule.models.pages import (
    ScheduleEntry,
    ScheduleIndexPage,
    ScheduleWeekPage,
    Session,
    week_monday,
)

__all__ = ["ScheduleEntry", "ScheduleIndexPage", "ScheduleWeekPage", "Session", "week_monday"]
