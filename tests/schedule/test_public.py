"""The public schedule: the current week at /lich-cong-tac/, today and past days marked,
holidays, the leader filter, week navigation, the home page block, the .ics feeds, sitemap,
search and the page-cache purge on publication."""

import datetime
from pathlib import Path

import pytest
from icalendar import Calendar
from wagtail.models import Site

from cong.schedule.models import ScheduleWeekPage
from tests.schedule.conftest import MONDAY, add_week, other_site_index

WEDNESDAY = datetime.datetime(2026, 11, 25, 9, 0, tzinfo=datetime.UTC)  # 16:00 in Hà Nội


@pytest.fixture
def wednesday(time_machine):
    time_machine.move_to(WEDNESDAY, tick=False)


def main(html: str) -> str:
    return html[html.index('<main id="main"') : html.index("</main>")]


def get(client, url, **params) -> str:
    response = client.get(url, params)
    assert response.status_code == 200
    return main(response.content.decode())


def day_section(html: str, iso_date: str) -> str:
    start = html.rindex("<section", 0, html.index(f'aria-labelledby="day-{iso_date}"'))
    end = html.find("<section", start + 1)
    return html[start : end if end != -1 else len(html)]


def test_the_index_shows_the_current_week_with_today_and_past_days_marked(client, week, wednesday):
    html = get(client, "/lich-cong-tac/")
    assert week.title in html
    monday, wednesday_, thursday = (
        day_section(html, "2026-11-23"),
        day_section(html, "2026-11-25"),
        day_section(html, "2026-11-26"),
    )
    assert "schedule-day--past" in monday and "Đã qua" in monday
    assert "schedule-day--today" in wednesday_ and "Hôm nay" in wednesday_
    assert "Đã qua" not in thursday and "Hôm nay" not in thursday
    assert '<time datetime="2026-11-23T08:00">08:00</time>' in monday
    assert "Giao ban lãnh đạo Sở" in monday and "Nguyễn Văn An – Giám đốc Sở" in monday
    assert "Chủ tịch UBND tỉnh" in thursday and "Tối" in thursday
    assert '<th scope="col"' in html and '<th scope="row"' in html


def test_the_index_says_when_this_weeks_schedule_is_not_published(client, week, time_machine):
    time_machine.move_to(WEDNESDAY + datetime.timedelta(days=14), tick=False)
    html = get(client, "/lich-cong-tac/")
    assert "Chưa công bố lịch công tác của tuần này." in html
    assert f'href="{week.url}"' in html  # the latest week before, to go back to


def test_a_draft_week_is_not_shown(client, schedule, wednesday):
    add_week(schedule, MONDAY, [dict(date=MONDAY, content="Họp kín chưa duyệt")], publish=False)
    html = get(client, "/lich-cong-tac/")
    assert "Họp kín chưa duyệt" not in html and "Chưa công bố" in html


def test_previous_and_next_weeks_are_linked(client, schedule, week, wednesday):
    before = add_week(schedule, MONDAY - datetime.timedelta(days=7), [])
    after = add_week(schedule, MONDAY + datetime.timedelta(days=7), [])
    html = get(client, "/lich-cong-tac/")
    assert f'href="{before.url}" rel="prev"' in html and f'href="{after.url}" rel="next"' in html
    html = get(client, after.url)
    assert after.title in html and f'href="{week.url}" rel="prev"' in html
    assert 'href="/lich-cong-tac/">Tuần này' in html
    assert "schedule-day--past" not in html and "schedule-day--today" not in html


def test_the_leader_filter_keeps_only_that_leaders_rows(client, week, director, wednesday):
    html = get(client, "/lich-cong-tac/", **{"lanh-dao": director.pk})
    assert "Giao ban lãnh đạo Sở" in html
    assert "Họp thẩm định" not in html and "Nhà hát tỉnh" not in html
    assert f'<option value="{director.pk}" selected>' in html
    assert f'href="/lich-cong-tac/lanh-dao/{director.pk}.ics"' in html
    # An unknown or foreign leader id shows the whole week.
    html = get(client, "/lich-cong-tac/", **{"lanh-dao": "9999"})
    assert "Họp thẩm định" in html


def test_public_holidays_are_shown_on_their_day(client, schedule, time_machine):
    time_machine.move_to(datetime.datetime(2026, 8, 31, 2, tzinfo=datetime.UTC), tick=False)
    add_week(schedule, datetime.date(2026, 8, 31), [])
    html = get(client, "/lich-cong-tac/")
    holiday = day_section(html, "2026-09-02")
    assert "Nghỉ lễ: Quốc khánh" in holiday


def test_the_home_page_shows_todays_rows(client, week, schedule, time_machine):
    time_machine.move_to(datetime.datetime(2026, 11, 23, 1, tzinfo=datetime.UTC), tick=False)
    html = get(client, "/")
    assert "Lịch công tác hôm nay" in html
    assert "Giao ban lãnh đạo Sở" in html and "Họp thẩm định" not in html
    assert f'href="{week.url}"' in html
    time_machine.move_to(datetime.datetime(2026, 11, 24, 1, tzinfo=datetime.UTC), tick=False)
    html = get(client, "/")
    assert "Hôm nay không có lịch công tác." in html


def test_the_home_page_has_no_block_without_a_schedule(client, home):
    assert "Lịch công tác hôm nay" not in get(client, "/")


def parse(response) -> Calendar:
    """The feed parsed back with `icalendar`, after the RFC 5545 checks a strict client makes:
    CRLF line ends, lines folded at 75 octets, the calendar's and each event's required
    properties, no property the parser could not read, each end after its start."""
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    body = response.content
    assert body.endswith(b"\r\n") and b"\n" not in body.replace(b"\r\n", b"")
    assert all(len(line) <= 75 for line in body.split(b"\r\n")), "an unfolded line"
    calendar = Calendar.from_ical(body)
    calendar.validate()  # PRODID, VERSION and at least one component
    assert str(calendar["VERSION"]) == "2.0"
    for component in calendar.walk():
        assert not component.errors, (component.name, component.errors)
    for event in calendar.walk("VEVENT"):
        assert all(name in event for name in ("UID", "DTSTAMP", "DTSTART", "DTEND"))
        assert event.decoded("DTEND") > event.decoded("DTSTART")
        tzid = event["DTSTART"].params.get("TZID")
        assert tzid is None or tzid in {str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")}
    return calendar


def events(calendar: Calendar) -> dict[str, object]:
    return {str(event["SUMMARY"]): event for event in calendar.walk("VEVENT")}


def test_the_site_calendar_is_valid_icalendar_of_live_weeks_only(client, settings, week, wednesday):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "so-khac.example"]
    other_site, other_index = other_site_index()
    add_week(other_index, MONDAY, [dict(date=MONDAY, content="Họp của sở khác")])
    calendar = parse(client.get("/lich-cong-tac/lich.ics"))
    found = events(calendar)
    assert set(found) == {
        "Giao ban lãnh đạo Sở",
        "Họp thẩm định hồ sơ chuyển đổi số cấp xã",
        "Dự chương trình nghệ thuật chào mừng Ngày Nhà giáo",
    }
    meeting = found["Giao ban lãnh đạo Sở"]
    start = meeting.decoded("DTSTART")
    assert start == datetime.datetime(2026, 11, 23, 8, 0, tzinfo=start.tzinfo)
    assert meeting["DTSTART"].params["TZID"] == "Asia/Ho_Chi_Minh"
    assert str(meeting["LOCATION"]) == "Phòng họp tầng 3"
    assert "Chủ trì: Nguyễn Văn An" in str(meeting["DESCRIPTION"])
    assert meeting.get("DTSTAMP") is not None and str(meeting["UID"]).startswith("lich-cong-tac-")
    assert calendar.walk("VTIMEZONE")  # the time zone the starts refer to
    # Without a time: the afternoon starts at 14:00, the evening at 19:00.
    afternoon = found["Họp thẩm định hồ sơ chuyển đổi số cấp xã"].decoded("DTSTART")
    evening = found["Dự chương trình nghệ thuật chào mừng Ngày Nhà giáo"].decoded("DTSTART")
    assert (afternoon.hour, evening.hour) == (14, 19)
    # UIDs stay the same from one download to the next.
    again = events(parse(client.get("/lich-cong-tac/lich.ics")))
    assert {str(e["UID"]) for e in again.values()} == {str(e["UID"]) for e in found.values()}
    # The other site's feed has only its own row.
    other = parse(client.get("/lich-cong-tac/lich.ics", HTTP_HOST=other_site.hostname))
    assert set(events(other)) == {"Họp của sở khác"}


def test_a_leaders_calendar_has_only_their_rows(client, week, director, deputy, wednesday):
    found = events(parse(client.get(f"/lich-cong-tac/lanh-dao/{deputy.pk}.ics")))
    assert set(found) == {"Họp thẩm định hồ sơ chuyển đổi số cấp xã"}
    assert client.get("/lich-cong-tac/lanh-dao/9999.ics").status_code == 404


def test_a_leader_of_another_site_has_no_feed_here(client, week, wednesday):
    from cong.agency.models import Leader

    other_site, _index = other_site_index()
    stranger = Leader.objects.create(site=other_site, full_name="Lê Văn C", position="Giám đốc")
    assert client.get(f"/lich-cong-tac/lanh-dao/{stranger.pk}.ics").status_code == 404


def test_draft_rows_are_not_in_the_feed(client, week, wednesday):
    draft = week.get_latest_revision_as_object()
    draft.entries = [
        *draft.entries.all(),
        type(draft.entries.first())(date=MONDAY, session="chieu", content="Dòng còn nháp"),
    ]
    draft.save_revision()
    assert "Dòng còn nháp" not in events(parse(client.get("/lich-cong-tac/lich.ics")))


def test_live_weeks_are_in_the_sitemap(client, schedule, week):
    draft = add_week(schedule, MONDAY + datetime.timedelta(days=7), [], publish=False)
    body = client.get("/sitemap.xml").content.decode()
    assert f"{week.url}</loc>" in body and "/lich-cong-tac/</loc>" in body
    assert f"{draft.url_path}" not in body and "2026-tuan-49" not in body


def test_search_finds_the_week_by_a_meeting(client, week):
    html = client.get("/tim-kiem/", {"q": "tham dinh ho so chuyen doi so"}).content.decode()
    assert f'href="{week.url}"' in html
    assert "Lịch công tác" in html


def test_publishing_a_week_purges_it_the_index_and_the_home_page(
    client, settings, tmp_path, schedule, week, django_capture_on_commit_callbacks, wednesday
):
    site = Site.objects.get(is_default_site=True)
    site.hostname = "testserver"
    site.save()
    settings.CONG_PAGE_CACHE_DIR = str(tmp_path)

    def cached(url: str) -> Path:
        return tmp_path.joinpath("testserver", *[p for p in url.split("/") if p], "index.html")

    for url in ("/", "/lich-cong-tac/", week.url):
        assert client.get(url).status_code == 200
        assert cached(url).exists(), url
    draft = ScheduleWeekPage.objects.get(pk=week.pk)
    draft.note = "Lịch có thể thay đổi."
    with django_capture_on_commit_callbacks(execute=True):
        draft.save_revision().publish()
    for url in ("/", "/lich-cong-tac/", week.url):
        assert not cached(url).exists(), url
    assert "Lịch có thể thay đổi." in client.get("/lich-cong-tac/").content.decode()


def test_the_home_block_costs_three_queries(rf, week, wednesday):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from cong.schedule.templatetags.schedule_tags import today_context

    site = Site.objects.get(is_default_site=True)
    today_context(site, timezone.localdate())  # the schedule page's lookup is cached from then on
    with CaptureQueriesContext(connection) as queries:
        block = today_context(site, timezone.localdate())
    assert [e.content for e in block["entries"]] == ["Họp thẩm định hồ sơ chuyển đổi số cấp xã"]
    assert len(queries) <= 3, "\n".join(q["sql"][:90] for q in queries.captured_queries)


def test_the_home_block_is_read_once_a_day_and_content_version(
    client, week, schedule, time_machine, django_capture_on_commit_callbacks
):
    """Kept per site, language, day and content version, with its keys (issue 20)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from cong.core import surrogate

    time_machine.move_to(datetime.datetime(2026, 11, 23, 1, tzinfo=datetime.UTC), tick=False)
    first = get(client, "/")
    with CaptureQueriesContext(connection) as queries, surrogate.collect() as keys:
        assert get(client, "/", bench="1") == first
    assert not [q for q in queries if "schedule_" in q["sql"]]
    assert {f"p{week.pk}", f"p{schedule.pk}", "schedule.scheduleentry"} <= keys
    # the next day: its own rows, without a change of content
    time_machine.move_to(datetime.datetime(2026, 11, 24, 1, tzinfo=datetime.UTC), tick=False)
    assert "Hôm nay không có lịch công tác." in get(client, "/")
    # a week unpublished: gone at once
    with django_capture_on_commit_callbacks(execute=True):
        ScheduleWeekPage.objects.get(pk=week.pk).unpublish()
    time_machine.move_to(datetime.datetime(2026, 11, 23, 1, tzinfo=datetime.UTC), tick=False)
    html = get(client, "/")
    assert "Giao ban lãnh đạo Sở" not in html and "Hôm nay không có lịch công tác." in html
