"""The home page's "Lịch công tác hôm nay" block, as a tag so that news needs not know the
schedule app (the home page template loads it)."""

from typing import Any

from django import template
from django.template import Context
from django.utils import timezone
from wagtail.models import Site

from cong.schedule.display import WEEKDAYS, sorted_entries
from cong.schedule.models import ScheduleIndexPage, week_monday

register = template.Library()


@register.inclusion_tag("schedule/includes/today.html", takes_context=True)
def today_schedule(context: Context) -> dict[str, Any]:
    """Today's rows of the site's live current week, and the link to that week. Nothing when
    the site has no schedule page; "no meetings" when today has none."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    index = ScheduleIndexPage.for_site(site)
    if index is None:
        return {"index": None}
    today = timezone.localdate()
    week = index.live_weeks().filter(week_start=week_monday(today)).first()
    entries = [e for e in sorted_entries(week) if e.date == today] if week else []
    return {
        "index": index,
        "week": week,
        "entries": entries,
        "today": today,
        "day_name": WEEKDAYS[today.weekday()],
    }
