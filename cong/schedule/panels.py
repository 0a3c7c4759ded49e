"""The editors' dashboard: today's schedule of the user's site, as the home page shows it."""

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cong.core.admin import DashboardPanel, DashboardRow
from cong.core.tenancy import site_for_new
from cong.schedule.display import sorted_entries
from cong.schedule.models import ScheduleIndexPage, week_monday


def schedule_index(request: HttpRequest) -> ScheduleIndexPage | None:
    """The schedule of a site the user works for: the admin address's site when it is one of
    theirs, else their first (in province mode an agency's editor never sees another's)."""
    site = site_for_new(request)
    return ScheduleIndexPage.for_site(site) if site is not None else None


class TodaySchedulePanel(DashboardPanel):
    """Today's rows of the live current week: time or session, what, who chairs, where."""

    name = "schedule-today"
    heading = _("Lịch công tác hôm nay")
    empty_text = _("Hôm nay không có lịch công tác.")
    more_label = _("Mở lịch công tác")
    limit = 8
    order = 150

    def __init__(self, index: ScheduleIndexPage) -> None:
        self.index = index

    def rows(self, request: HttpRequest) -> list[DashboardRow]:
        today = timezone.localdate()
        week = self.index.live_weeks().filter(week_start=week_monday(today)).first()
        if week is None:
            return []
        url = reverse("wagtailadmin_pages:edit", args=[week.pk])
        rows = []
        for entry in sorted_entries(week):
            if entry.date != today:
                continue
            when = (
                entry.start_time.strftime("%H:%M")
                if entry.start_time
                else entry.get_session_display()
            )
            detail = " · ".join(part for part in (entry.chair_name, entry.location) if part)
            rows.append(DashboardRow(f"{when} – {entry.content}", url, detail))
        return rows[: self.limit]

    def more_url(self, request: HttpRequest) -> str | None:
        return reverse("wagtailadmin_explore", args=[self.index.pk])


def construct_panels(request: HttpRequest, panels: list) -> None:
    index = schedule_index(request)
    if index is not None:
        panels.append(TodaySchedulePanel(index))
