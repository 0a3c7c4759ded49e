"""ISO weeks as the schedule names them: Monday to Sunday, numbered as ISO 8601 does (a
week belongs to the year of its Thursday)."""

import datetime

from django.utils.translation import gettext

ONE_WEEK = datetime.timedelta(days=7)


def week_monday(day: datetime.date) -> datetime.date:
    """The Monday of the ISO week holding `day` (weeks run Monday to Sunday)."""
    return day - datetime.timedelta(days=day.weekday())


def week_title(monday: datetime.date) -> str:
    """ "Lịch công tác tuần 48 (23/11 – 29/11/2026)"; the year on both ends when the week
    spans two years ("tuần 53 (28/12/2026 – 03/01/2027)")."""
    sunday = monday + datetime.timedelta(days=6)
    start = f"{monday:%d/%m}" if monday.year == sunday.year else f"{monday:%d/%m/%Y}"
    return gettext("Lịch công tác tuần %(week)s (%(start)s – %(end)s)") % {
        "week": monday.isocalendar().week,
        "start": start,
        "end": f"{sunday:%d/%m/%Y}",
    }


def week_slug(monday: datetime.date) -> str:
    """ "2026-tuan-48": the ISO year (2027-01-01 belongs to 2026's week 53) and week."""
    iso = monday.isocalendar()
    return f"{iso.year}-tuan-{iso.week:02d}"
