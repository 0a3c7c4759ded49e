"""Lịch công tác in a browser: the week prints on one A4 landscape page without the site's
navigation, and the leader filter keeps one leader's rows."""

from helpers import screenshot

SCHEDULE = "/lich-cong-tac/"


def displayed(page, selector: str) -> bool:
    return page.evaluate(
        "(s) => [...document.querySelectorAll(s)].some((e) => getComputedStyle(e).display !== 'none')",
        selector,
    )


def test_the_week_prints_on_one_a4_landscape_page(new_page, tmp_path):
    page = new_page()
    page.goto(SCHEDULE)
    page.emulate_media(media="print")
    for selector in (".main-nav", ".search-box", ".week-nav", ".week-tools", ".sidebar"):
        assert not displayed(page, selector), f"{selector} is printed"
    assert page.locator(".schedule-table").first.is_visible()
    pdf = page.pdf(prefer_css_page_size=True)
    pages = pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages")
    assert pages == 1, f"the week prints on {pages} pages"
    # A4 landscape: 297 × 210 mm is 842 × 595 points.
    assert b"/MediaBox [0 0 842" in pdf or b"/MediaBox [0 0 841" in pdf
    screenshot(page, "schedule-print")


def test_the_leader_filter_keeps_one_leaders_rows(new_page):
    page = new_page("375px")
    page.goto(SCHEDULE)
    everyone = page.locator(".schedule-table tbody tr").count()
    select = page.locator("#week-leader")
    name = select.locator("option").nth(1).inner_text().split(" – ")[0]
    select.select_option(index=1)
    page.get_by_role("button", name="Xem").click()
    page.wait_for_url("**lanh-dao=*")
    rows = page.locator(".schedule-table tbody tr")
    assert 0 < rows.count() < everyone
    for n in range(rows.count()):
        assert name in rows.nth(n).inner_text()
    assert (
        page.locator('a[href$=".ics"]')
        .first.get_attribute("href")
        .startswith("/lich-cong-tac/lanh-dao/")
    )
    screenshot(page, "schedule-filtered-375px")
