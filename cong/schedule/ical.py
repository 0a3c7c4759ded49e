"""iCalendar feeds (RFC 5545) of the published schedule: the whole site's and each leader's,
which a phone calendar subscribes to.

Each row is a VEVENT whose UID is stable (the row's id and the site's host), with DTSTART in
Asia/Ho_Chi_Minh (a VTIMEZONE is included). A row without a time starts when its session
usually does (morning 08:00, afternoon 14:00, evening 19:00); every event lasts
`DEFAULT_DURATION`, since the office systems give no end time. Only live, public weeks of the
feed's own schedule are included, from `WEEKS_BACK` weeks ago on.
"""

import datetime
import zoneinfo

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext
from icalendar import Calendar, Event

from cong.schedule.models import ScheduleEntry, ScheduleIndexPage, Session, week_monday

SESSION_START = {
    Session.MORNING: datetime.time(8, 0),
    Session.AFTERNOON: datetime.time(14, 0),
    Session.EVENING: datetime.time(19, 0),
}
DEFAULT_DURATION = datetime.timedelta(hours=2)
WEEKS_BACK = 8


def feed_entries(index: ScheduleIndexPage, leader_id: int | None = None) -> list[ScheduleEntry]:
    """The rows of the live weeks under `index` (recent and coming), of one leader if given."""
    since = week_monday(timezone.localdate()) - datetime.timedelta(weeks=WEEKS_BACK)
    weeks = index.live_weeks().filter(week_start__gte=since)
    entries = ScheduleEntry.objects.filter(page__in=weeks).select_related("chair", "page")
    if leader_id is not None:
        entries = entries.filter(chair_id=leader_id)
    return sorted(entries, key=ScheduleEntry.sort_key)


def entry_start(entry: ScheduleEntry) -> datetime.datetime:
    start = entry.start_time or SESSION_START.get(entry.session, SESSION_START[Session.MORNING])
    return datetime.datetime.combine(entry.date, start, zoneinfo.ZoneInfo(settings.TIME_ZONE))


def entry_event(entry: ScheduleEntry, host: str, url: str, stamp: datetime.datetime) -> Event:
    event = Event()
    event.add("uid", f"lich-cong-tac-{entry.pk}@{host}")
    event.add("dtstamp", stamp)
    start = entry_start(entry)
    event.add("dtstart", start)
    event.add("dtend", start + DEFAULT_DURATION)
    event.add("summary", entry.content)
    if entry.location:
        event.add("location", entry.location)
    event.add("description", entry_description(entry))
    event.add("url", url)
    if entry.adjusted_at:
        event.add("last-modified", entry.adjusted_at)
    return event


def entry_description(entry: ScheduleEntry) -> str:
    lines = [
        (gettext("Chủ trì"), entry.chair_name),
        (gettext("Thành phần"), entry.participants),
        (gettext("Đơn vị chuẩn bị"), entry.preparing_unit),
        (gettext("Ghi chú"), entry.notes),
    ]
    return "\n".join(f"{label}: {value}" for label, value in lines if value)


def build_calendar(
    index: ScheduleIndexPage, request: HttpRequest, leader: object | None = None
) -> Calendar:
    site = index.get_site()
    owner = leader.full_name if leader is not None else (site.site_name or site.hostname)
    name = gettext("Lịch công tác – %(owner)s") % {"owner": owner}
    calendar = Calendar()
    calendar.add("prodid", "-//Cong//Lich cong tac//VI")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    stamp = timezone.now().replace(microsecond=0)
    entries = feed_entries(index, leader.pk if leader is not None else None)
    for entry in entries:
        url = entry.page.get_full_url(request)
        calendar.add_component(entry_event(entry, site.hostname, url, stamp))
    calendar.add_missing_timezones()
    return calendar


def calendar_response(
    index: ScheduleIndexPage, request: HttpRequest, leader_id: int | None = None
) -> HttpResponse:
    leader = None
    if leader_id is not None:
        leader = ScheduleEntry.leaders_of(index.get_site()).filter(pk=leader_id).first()
        if leader is None:
            raise Http404
    calendar = build_calendar(index, request, leader)
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="lich-cong-tac.ics"'
    return response
