"""Editing a week of Lịch công tác in the admin (issue 15): "Thêm dòng <day>" adds a row with
that day's date, placed after the day's rows; the buttons follow the week's start; the rows
are a compact grid at 1280 px and Wagtail's stacked fields at 375 px (nothing scrolls
sideways). cong/schedule/rows_panel.py, static/js/admin-schedule-rows.js."""

import json

import pytest
from helpers import screenshot
from livesite import ADMIN_PATH
from playwright.sync_api import expect
from test_flows import admin_login, create_user

pytestmark = pytest.mark.flow

# A draft week of the test's own, far from the demo's weeks: Monday 07/01/2030, with rows on
# Monday, Wednesday and Friday.
MAKE_WEEK = """
import datetime
from cong.schedule.models import ScheduleEntry, ScheduleIndexPage, ScheduleWeekPage
monday = datetime.date(2030, 1, 7)
for old in ScheduleWeekPage.objects.filter(week_start=monday):
    old.delete()
index = ScheduleIndexPage.objects.order_by("pk").first()
week = ScheduleWeekPage(week_start=monday, live=False)
week.entries = [
    ScheduleEntry(date=monday, session="sang", content="Giao ban lãnh đạo Sở", sort_order=0),
    ScheduleEntry(date=monday + datetime.timedelta(days=2), session="chieu",
                  content="Họp thẩm định dự án", sort_order=1),
    ScheduleEntry(date=monday + datetime.timedelta(days=4), session="sang",
                  content="Tiếp công dân định kỳ", sort_order=2),
]
index.add_child(instance=week)
week.save_revision()
print(week.pk)
"""

DRAFT_ROWS = """
import json, os
from cong.schedule.models import ScheduleWeekPage
week = ScheduleWeekPage.objects.get(pk=int(os.environ["CONG_TEST_WEEK"]))
week = week.get_latest_revision_as_object()
rows = sorted(week.entries.all(), key=lambda e: e.sort_order or 0)
print(json.dumps([[str(e.date), e.session, e.content] for e in rows]))
"""


def rows(page) -> list[dict]:
    """The rows on screen, in their order: date, session, content (deleted rows left out)."""
    return page.evaluate(
        """() => [...document.querySelectorAll("#id_entries-FORMS > [data-inline-panel-child]")]
            .filter((row) => !row.classList.contains("deleted"))
            .map((row) => ({
                date: row.querySelector("input[name$='-date']").value,
                session: row.querySelector("select[name$='-session']").value,
                content: row.querySelector("textarea[name$='-content']").value,
            }))"""
    )


def open_week(new_page, live_site, width: str):
    password, _ = create_user(live_site, "lichtuan", "Xuất bản (thử)")
    week_id = int(live_site.manage("shell", "-c", MAKE_WEEK).strip().splitlines()[-1])
    page = new_page(width)
    admin_login(page, "lichtuan", password)
    page.goto(f"{ADMIN_PATH}pages/{week_id}/edit/")
    return page, week_id


def test_a_row_is_added_for_a_day_with_its_date(new_page, live_site):
    page, week_id = open_week(new_page, live_site, "1280px")
    days = page.locator("[data-schedule-rows] [data-schedule-day]")
    expect(days).to_have_text(
        [
            "Thêm dòng Thứ Hai 07/01",
            "Thêm dòng Thứ Ba 08/01",
            "Thêm dòng Thứ Tư 09/01",
            "Thêm dòng Thứ Năm 10/01",
            "Thêm dòng Thứ Sáu 11/01",
            "Thêm dòng Thứ Bảy 12/01",
            "Thêm dòng Chủ nhật 13/01",
        ]
    )
    assert len(rows(page)) == 3

    page.get_by_role("button", name="Thêm dòng Thứ Tư 09/01").click()
    # A fourth row, dated Wednesday, in the morning, after Wednesday's row and before Friday's.
    assert [(r["date"], r["session"]) for r in rows(page)] == [
        ("2030-01-07", "sang"),
        ("2030-01-09", "chieu"),
        ("2030-01-09", "sang"),
        ("2030-01-11", "sang"),
    ]
    new_row = page.locator("#id_entries-FORMS > [data-inline-panel-child]").nth(2)
    expect(new_row.locator("textarea[name$='-content']")).to_be_focused()
    new_row.locator("textarea[name$='-content']").fill("Làm việc với Đoàn kiểm tra")
    # The panel's own controls follow: the rows are numbered in their new order.
    expect(new_row.locator("[data-inline-panel-child-count]")).to_have_text(" 3")

    # A day with no row yet goes between the days around it; Sunday at the end.
    page.get_by_role("button", name="Thêm dòng Thứ Ba 08/01").click()
    page.get_by_role("button", name="Thêm dòng Chủ nhật 13/01").click()
    assert [r["date"] for r in rows(page)] == [
        "2030-01-07",
        "2030-01-08",
        "2030-01-09",
        "2030-01-09",
        "2030-01-11",
        "2030-01-13",
    ]
    new_row.scroll_into_view_if_needed()
    screenshot(page, "schedule-admin-added-1280px", full_page=False)

    # Saved as a draft: the rows in the order shown (the empty Tuesday and Sunday rows are
    # dropped, as the pre-filled rows are).
    page.locator("#page-edit-form").evaluate(
        "(form) => form.requestSubmit(form.querySelector('button.action-save'))"
    )
    page.wait_for_load_state("load")
    expect(page.locator(".messages")).to_contain_text("đã được cập nhật")
    saved = json.loads(
        live_site.manage("shell", "-c", DRAFT_ROWS, CONG_TEST_WEEK=str(week_id))
        .strip()
        .splitlines()[-1]
    )
    assert saved == [
        ["2030-01-07", "sang", "Giao ban lãnh đạo Sở"],
        ["2030-01-09", "chieu", "Họp thẩm định dự án"],
        ["2030-01-09", "sang", "Làm việc với Đoàn kiểm tra"],
        ["2030-01-11", "sang", "Tiếp công dân định kỳ"],
    ]


def test_the_day_buttons_follow_the_weeks_start(new_page, live_site):
    page, _ = open_week(new_page, live_site, "1280px")
    page.locator("[data-schedule-rows]").scroll_into_view_if_needed()
    screenshot(page, "schedule-admin-days-1280px", full_page=False)
    start = page.locator("#id_week_start")
    start.fill("2030-01-14")
    start.dispatch_event("change")
    expect(page.locator("[data-schedule-day]").first).to_have_text("Thêm dòng Thứ Hai 14/01")
    expect(page.locator("[data-schedule-day]").last).to_have_text("Thêm dòng Chủ nhật 20/01")
    page.get_by_role("button", name="Thêm dòng Thứ Năm 17/01").click()
    assert rows(page)[-1]["date"] == "2030-01-17"
    start.fill("không phải ngày")
    start.dispatch_event("change")
    expect(page.locator("[data-schedule-rows]")).to_be_hidden()


def test_the_rows_are_a_compact_grid_wide_and_stacked_on_a_phone(new_page, live_site):
    wide, _ = open_week(new_page, live_site, "1280px")
    first = wide.locator("#id_entries-FORMS > [data-inline-panel-child]").first

    def top(page, row, name: str) -> float:
        return row.locator(f"[name$='-{name}']").bounding_box()["y"]

    # Date, session, time, content, chair and location on one line.
    line = [top(wide, first, n) for n in ("date", "session", "start_time", "content", "location")]
    assert max(line) - min(line) < 10, line  # inputs and text areas differ by a few px
    wide.locator("#id_entries-FORMS").scroll_into_view_if_needed()
    screenshot(wide, "schedule-admin-rows-1280px", full_page=False)

    phone, _ = open_week(new_page, live_site, "375px")
    row = phone.locator("#id_entries-FORMS > [data-inline-panel-child]").first
    assert top(phone, row, "content") > top(phone, row, "date")  # stacked
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    buttons = phone.locator("[data-schedule-day]")
    for n in range(buttons.count()):
        box = buttons.nth(n).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 375
    buttons.nth(2).scroll_into_view_if_needed()
    screenshot(phone, "schedule-admin-375px", full_page=False)
    phone.get_by_role("button", name="Thêm dòng Thứ Tư 09/01").click()
    assert [r["date"] for r in rows(phone)][2] == "2030-01-09"
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
