"""The home page's "Lịch công tác hôm nay" block, as a tag so that news needs not know the
schedule app (the home page template loads it)."""

from typing import Any

from django import template
from django.template import Context
from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe
from wagtail.models import Site

from cong.core import listings
from cong.core.cache import content_version
from cong.core.fragments import render_included
from cong.schedule.display import WEEKDAYS
from cong.schedule.models import ScheduleEntry, ScheduleIndexPage, week_monday

register = template.Library()

TEMPLATE = "schedule/includes/today.html"


@register.simple_tag(takes_context=True)
def today_schedule(context: Context) -> SafeString:
    """Today's rows of the site's live current week, and the link to that week (to the
    schedule page when today has no rows). Nothing when the site has no schedule page.

    Rendered once per site, language, day and content version (a week published or
    unpublished bumps it), with the surrogate keys of what it read (`listings.cached`); a
    preview renders it afresh. As an inclusion tag would: its own context, not the page's."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    today = timezone.localdate()

    def render() -> str:
        return render_included(context, TEMPLATE, today_context(site, today))

    key = (
        f"schedule:today:{site.pk if site else 0}:{translation.get_language()}:"
        f"{today.isoformat()}:{content_version()}"
    )
    return mark_safe(listings.cached(request, key, render))  # noqa: S308 (a template's output)


def today_context(site: Site | None, today: Any) -> dict[str, Any]:
    index = ScheduleIndexPage.for_site(site)
    if index is None:
        return {"index": None}
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
