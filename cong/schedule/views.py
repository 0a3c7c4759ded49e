"""The iCalendar feeds' views (cong/schedule/urls.py)."""

from django.http import Http404, HttpRequest, HttpResponse
from wagtail.models import Site

from cong.schedule.ical import calendar_response
from cong.schedule.models import ScheduleIndexPage


def schedule_at(request: HttpRequest, prefix: str) -> ScheduleIndexPage:
    """The site's live schedule page, if its address is "/<prefix>"; else 404."""
    site = Site.find_for_request(request)
    index = ScheduleIndexPage.for_site(site)
    if index is None or index.get_url(request) != f"/{prefix}":
        raise Http404
    return index


def site_calendar(request: HttpRequest, prefix: str) -> HttpResponse:
    return calendar_response(schedule_at(request, prefix), request)


def leader_calendar(request: HttpRequest, prefix: str, leader_id: str) -> HttpResponse:
    return calendar_response(schedule_at(request, prefix), request, leader_id=int(leader_id))
