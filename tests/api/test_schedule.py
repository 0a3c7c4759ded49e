"""/api/v2/schedule/: the rows of the site's published weeks of the leaders' schedule."""

import datetime

import pytest
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction, Site

from cong.agency.models import Leader
from cong.schedule.models import ScheduleEntry, ScheduleIndexPage, ScheduleWeekPage
from tests.factories import HomePageFactory

MONDAY = datetime.date(2026, 11, 23)
SCHEDULE = "/api/v2/schedule/"


def add_week(index, monday, rows, publish=True):
    week = ScheduleWeekPage(week_start=monday, live=False)
    week.entries = [ScheduleEntry(**row) for row in rows]
    index.add_child(instance=week)
    if publish:
        week.save_revision().publish()
    return ScheduleWeekPage.objects.get(pk=week.pk)


@pytest.fixture
def schedule(home):
    page = ScheduleIndexPage(title="Lịch công tác", slug="lich-cong-tac")
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def director(site):
    return Leader.objects.create(
        site=site, full_name="Nguyễn Văn An", position="Giám đốc Sở", sort_order=1
    )


def day(n):
    return MONDAY + datetime.timedelta(days=n)


def contents(client, **params):
    response = client.get(SCHEDULE, params)
    assert response.status_code == 200, response.content
    return [row["content"] for row in response.json()["results"]]


def test_a_row_has_its_day_session_time_content_chair_place_and_week(client, schedule, director):
    week = add_week(
        schedule,
        MONDAY,
        [
            dict(
                date=MONDAY,
                session="sang",
                start_time=datetime.time(8, 0),
                content="Giao ban lãnh đạo Sở",
                chair=director,
                participants="Lãnh đạo Sở, Trưởng các phòng",
                location="Phòng họp tầng 3",
                preparing_unit="Văn phòng Sở",
            ),
            dict(
                date=day(3),
                session="toi",
                content="Dự chương trình nghệ thuật",
                chair_text="Chủ tịch UBND tỉnh",
                location="Nhà hát tỉnh",
            ),
        ],
    )

    rows = client.get(SCHEDULE).json()["results"]

    assert [r["content"] for r in rows] == ["Dự chương trình nghệ thuật", "Giao ban lãnh đạo Sở"]
    evening, morning = rows
    assert morning["date"] == "2026-11-23"
    assert morning["session"] == {"code": "sang", "label": "Sáng"}
    assert morning["start_time"] == "08:00"
    assert morning["chair"] == {
        "id": director.pk,
        "name": "Nguyễn Văn An",
        "position": "Giám đốc Sở",
    }
    assert morning["participants"] == "Lãnh đạo Sở, Trưởng các phòng"
    assert morning["location"] == "Phòng họp tầng 3"
    assert morning["preparing_unit"] == "Văn phòng Sở"
    assert morning["week"]["id"] == week.pk
    assert morning["week"]["week_start"] == "2026-11-23"
    assert morning["week"]["url"] == f"http://localhost/lich-cong-tac/{week.slug}/"
    assert evening["chair"] == {"id": None, "name": "Chủ tịch UBND tỉnh", "position": ""}
    assert evening["session"]["label"] == "Tối" and evening["start_time"] is None


def test_a_day_lists_in_its_own_order_newest_day_first(client, schedule):
    add_week(
        schedule,
        MONDAY,
        [
            dict(date=day(0), session="chieu", content="Thứ Hai chiều"),
            dict(date=day(0), session="sang", start_time=datetime.time(9, 30), content="9 giờ 30"),
            dict(date=day(0), session="sang", start_time=datetime.time(7, 30), content="7 giờ 30"),
            dict(date=day(1), session="sang", content="Thứ Ba sáng"),
            dict(date=day(2), session="sang", content=""),  # a row left empty: not a row
        ],
    )
    assert contents(client) == ["Thứ Ba sáng", "7 giờ 30", "9 giờ 30", "Thứ Hai chiều"]


def test_draft_and_private_weeks_and_other_sites_stay_out_filters_apply(
    client, schedule, director, home, settings
):
    add_week(schedule, MONDAY, [dict(date=day(0), content="Tuần này", chair=director)])
    add_week(
        schedule,
        MONDAY + datetime.timedelta(days=7),
        [dict(date=day(7), content="Tuần sau, bản nháp")],
        publish=False,
    )
    settings.ALLOWED_HOSTS = ["*"]
    other_home = HomePageFactory(parent=Page.get_first_root_node(), slug="xa", title="Xã")
    Site.objects.create(hostname="xa.example.vn", root_page=other_home)
    other = ScheduleIndexPage(title="Lịch công tác", slug="lich-cong-tac")
    other_home.add_child(instance=other)
    other.save_revision().publish()
    add_week(other, MONDAY, [dict(date=day(1), content="Lịch của xã")])
    hidden = ScheduleIndexPage(title="Lịch nội bộ", slug="lich-noi-bo")
    home.add_child(instance=hidden)
    hidden.save_revision().publish()
    add_week(hidden, MONDAY, [dict(date=day(2), content="Lịch nội bộ")])
    PageViewRestriction.objects.create(page=hidden, restriction_type=PageViewRestriction.LOGIN)

    assert contents(client) == ["Tuần này"]
    assert [
        r["content"] for r in client.get(SCHEDULE, HTTP_HOST="xa.example.vn").json()["results"]
    ] == ["Lịch của xã"]
    assert contents(client, leader=director.pk) == ["Tuần này"]
    assert contents(client, leader=director.pk + 1) == []
    assert contents(client, **{"from": "2026-11-24"}) == []
    assert contents(client, to="2026-11-23") == ["Tuần này"]


def test_modified_since_is_the_weeks_last_publish(client, schedule, time_machine):
    time_machine.move_to(timezone.make_aware(datetime.datetime(2026, 11, 20, 10, 0)))
    week = add_week(schedule, MONDAY, [dict(date=day(0), content="Giao ban")])
    time_machine.move_to(timezone.make_aware(datetime.datetime(2026, 11, 29, 16, 0)))
    add_week(schedule, MONDAY + datetime.timedelta(days=7), [dict(date=day(7), content="Tuần mới")])
    assert contents(client, modified_since="2026-11-29T09:00:00+07:00") == ["Tuần mới"]
    time_machine.move_to(timezone.make_aware(datetime.datetime(2026, 11, 30, 8, 0)))
    week.save_revision().publish()  # a week republished (a row adjusted) is pulled again
    assert contents(client, modified_since="2026-11-30T07:00:00+07:00") == ["Giao ban"]
