"""The home page's "Lịch công tác hôm nay" block, as a tag so that news needs not know the
schedule app (the home page template loads it)."""

from typing import Any

from django import template
from django.template import Context
from django.utils import timezone
from wagtail.models import Site

from cong.schedule.display import WEEKDAYS
from cong.schedule.models import ScheduleEntry, ScheduleIndexPage, week_monday

register = template.Library()


@register.inclusion_tag("schedule/includes/today.html", takes_context=True)
def today_schedule(context: Context) -> dict[str, Any]:
    """Today's rows of the site's live current week, and the link to that week (to the
    schedule page when today has no rows). Nothing when the site has no schedule page."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    index = ScheduleIndexPage.for_site(site)
    if index is None:
        return {"index": None}
    today = timezone.localdate()
    # One query for today's rows with their chairs and week (for the link).
    this_week = index.live_weeks().filter(week_start=week_monday(today))
    rows = ScheduleEntry.objects.filter(page__in=this_week, date=today)
    entries = sorted(rows.select_related("chair", "page"), key=lambda entry: entry.sort_key())
    week = entries[0].page if entries else None
    return {
        "index": index,
        "week": week,
        "entries": entries,
        "today": today,
        "day_name": WEEKDAYS[today.weekday()],
    }
