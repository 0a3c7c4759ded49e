import datetime

import pytest
from wagtail.models import Page, Site

from cong.agency.models import Leader
from cong.schedule.models import ScheduleEntry, ScheduleIndexPage, ScheduleWeekPage

MONDAY = datetime.date(2026, 11, 23)  # ISO week 48 of 2026
WEDNESDAY_NOON = datetime.datetime(2026, 11, 25, 12, 0, tzinfo=datetime.UTC)  # 19:00 in Hà Nội


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


@pytest.fixture
def deputy(site):
    return Leader.objects.create(
        site=site, full_name="Trần Thị Bình", position="Phó Giám đốc Sở", sort_order=2
    )


def add_week(index: Page, monday: datetime.date, rows: list[dict], publish: bool = True):
    """A week under `index` with `rows` (dicts of ScheduleEntry fields), published."""
    week = ScheduleWeekPage(week_start=monday, live=publish)
    week.entries = [ScheduleEntry(**row) for row in rows]
    index.add_child(instance=week)
    if publish:
        week.save_revision().publish()
    return ScheduleWeekPage.objects.get(pk=week.pk)


@pytest.fixture
def week(schedule, director, deputy):
    return add_week(
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
                date=MONDAY + datetime.timedelta(days=2),
                session="chieu",
                content="Họp thẩm định hồ sơ chuyển đổi số cấp xã",
                chair=deputy,
                location="Hội trường A",
            ),
            dict(
                date=MONDAY + datetime.timedelta(days=3),
                session="toi",
                content="Dự chương trình nghệ thuật chào mừng Ngày Nhà giáo",
                chair_text="Chủ tịch UBND tỉnh",
                location="Nhà hát tỉnh",
            ),
        ],
    )


def other_site_index():
    """A second agency's site with its own schedule."""
    from tests.factories import HomePageFactory

    root = Page.get_first_root_node()
    home = HomePageFactory(parent=root, slug="so-khac", title="Sở khác")
    site = Site.objects.create(hostname="so-khac.example", root_page=home, site_name="Sở khác")
    index = ScheduleIndexPage(title="Lịch công tác", slug="lich-cong-tac")
    home.add_child(instance=index)
    index.save_revision().publish()
    return site, index


def row(n: int, **fields) -> dict:
    """The POST fields of the week form's row `n` (empty but for `fields`)."""
    data = {
        "id": "",
        "ORDER": str(n + 1),
        "DELETE": "",
        "date": "",
        "session": "sang",
        "start_time": "",
        "content": "",
        "chair": "",
        "chair_text": "",
        "participants": "",
        "location": "",
        "preparing_unit": "",
        "notes": "",
    }
    data.update(fields)
    return {f"entries-{n}-{key}": value for key, value in data.items()}


def week_post(rows: list[dict], **fields) -> dict:
    """What the week's add or edit form posts: `fields` (the week's own), its rows with their
    management form, and no comments."""
    data = {
        "entries-TOTAL_FORMS": str(len(rows)),
        "entries-INITIAL_FORMS": str(sum(1 for r in rows if r.get("id"))),
        "entries-MIN_NUM_FORMS": "0",
        "entries-MAX_NUM_FORMS": "1000",
        "comment_notifications": "",
        "comments-TOTAL_FORMS": "0",
        "comments-INITIAL_FORMS": "0",
        "comments-MIN_NUM_FORMS": "0",
        "comments-MAX_NUM_FORMS": "1000",
        **fields,
    }
    for n, fields_of_row in enumerate(rows):
        data.update(row(n, **fields_of_row))
    return data
