"""The agency pages: the organisation chart by keyboard, the contact form's consent box."""

import re

import pytest
from helpers import answer_the_captcha_if_asked, screenshot
from site_pages import WIDTHS

ORG_CHART = "/gioi-thieu/co-cau-to-chuc/"
CONTACT = "/lien-he/"
CONSENT_ERROR = "Vui lòng đánh dấu đồng ý xử lý dữ liệu cá nhân để gửi biểu mẫu."

# What the focused element looks like, and whether its outline is drawn inside what the
# reader can see (not clipped by the chart's scrolling box, not off the screen).
FOCUSED = """() => {
    const el = document.activeElement, style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    const reach = parseFloat(style.outlineWidth) + parseFloat(style.outlineOffset);
    const chart = el.closest(".org-chart");
    const frame = chart ? chart.getBoundingClientRect()
                        : {left: 0, right: innerWidth, top: 0, bottom: innerHeight};
    return {
        href: el.getAttribute("href"), id: el.id, inChart: !!chart,
        outline: style.outlineStyle, outlineWidth: parseFloat(style.outlineWidth),
        outlineShown: box.left - reach >= frame.left - 0.5 && box.right + reach <= frame.right + 0.5
            && box.top - reach >= frame.top - 0.5 && box.bottom + reach <= frame.bottom + 0.5
            && box.top >= 0 && box.bottom <= innerHeight,
    };
}"""


def chart_links(page) -> list[str]:
    return page.locator(".org-chart a.org-chart__box").evaluate_all(
        "(links) => links.map((a) => a.getAttribute('href'))"
    )


@pytest.mark.parametrize("width", WIDTHS)
def test_tab_reaches_every_unit_of_the_org_chart_in_order_with_a_visible_outline(new_page, width):
    page = new_page(width)
    page.goto(ORG_CHART)
    expected = chart_links(page)
    assert len(expected) >= 6, expected
    assert all(re.fullmatch(r"#don-vi-\d+", href) for href in expected), expected

    page.keyboard.press("Tab")  # the skip link
    page.keyboard.press("Enter")  # into the main content
    reached, hidden_outline = [], []
    for _ in range(len(expected) + 30):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if not focused["inChart"]:
            if reached:
                break  # past the chart
            continue
        if focused["href"] is None:
            continue  # the chart's scrolling region itself (focusable for scrolling by keys)
        reached.append(focused["href"])
        if focused["outline"] == "none" or focused["outlineWidth"] < 2:
            hidden_outline.append(f"{focused['href']}: no outline")
        elif not focused["outlineShown"]:
            hidden_outline.append(f"{focused['href']}: outline clipped or off screen")
        if len(reached) == 1:
            screenshot(page, f"org-chart-focus-{width}", full_page=False)
    assert reached == expected, "Tab must reach every unit of the chart, in the chart's order"
    assert not hidden_outline, hidden_outline


@pytest.mark.parametrize("width", WIDTHS)
def test_enter_on_a_unit_of_the_org_chart_moves_to_its_entry_in_the_directory(new_page, width):
    page = new_page(width)
    page.goto(ORG_CHART)
    for href in chart_links(page):
        box = page.locator(f'.org-chart a[href="{href}"]')
        name = box.locator(".org-chart__name").inner_text()
        box.focus()
        page.keyboard.press("Enter")
        page.wait_for_function("(hash) => location.hash === hash", arg=href)
        entry = page.evaluate(
            """() => {
                const target = document.querySelector(":target");
                const box = target && target.getBoundingClientRect();
                return target && {id: target.id, focused: document.activeElement === target,
                    heading: target.querySelector("h3").textContent.trim(),
                    top: box.top, visible: box.top > -1 && box.top < innerHeight};
            }"""
        )
        assert entry, f"{href}: no :target after Enter"
        assert "#" + entry["id"] == href
        assert entry["heading"] == name, "the entry is the unit's own"
        assert entry["focused"], f"{href}: the entry must receive the focus"
        assert entry["visible"], f"{href}: the entry is not scrolled into view ({entry['top']})"
    screenshot(page, f"org-chart-unit-entry-{width}", full_page=False)


def test_the_org_chart_shows_nesting_by_indent_on_a_phone_and_by_rows_on_a_wide_screen(
    new_page,
):
    for width in WIDTHS:
        page = new_page(width)
        page.goto(ORG_CHART)
        boxes = page.evaluate(
            """() => [...document.querySelectorAll(".org-chart__box")].map((a) => {
                const box = a.getBoundingClientRect();
                const parent = a.parentElement.parentElement.closest(".org-chart__node");
                return {href: a.getAttribute("href"), left: box.left, top: box.top,
                        bottom: box.bottom, centre: (box.left + box.right) / 2,
                        parent: parent && parent.querySelector(":scope > a").getAttribute("href")};
            })"""
        )
        where = {box["href"]: box for box in boxes}
        children = [box for box in boxes if box["parent"]]
        assert children, "the demo's units sit under the head of the agency"
        for child in children:
            parent = where[child["parent"]]
            if width == "375px":
                assert child["left"] >= parent["left"] + 16, f"{child['href']} is not indented"
            else:
                assert child["top"] >= parent["bottom"] + 8, f"{child['href']} is not below"
        if width == "1280px":
            chart = page.locator(".org-chart").bounding_box()
            root = next(box for box in boxes if not box["parent"])
            assert abs(root["centre"] - (chart["x"] + chart["width"] / 2)) < 2, "head centred"


def fill_contact_form(page) -> None:
    page.get_by_label("Họ và tên").fill("Lê Thị Hoa")
    page.get_by_label("Thư điện tử").fill("hoa.le@example.vn")
    page.get_by_label("Tiêu đề").fill("Hỏi về giờ tiếp công dân")
    page.get_by_role("textbox", name="Nội dung", exact=True).fill(
        "Xin cho biết Sở tiếp công dân vào những ngày nào trong tuần."
    )
    answer_the_captcha_if_asked(page)


def test_the_contact_form_refuses_a_message_without_consent_and_accepts_it_with_consent(
    new_page,
):
    page = new_page("375px")
    page.goto(CONTACT)
    fill_contact_form(page)
    page.get_by_role("button", name="Gửi thư").click()
    page.wait_for_load_state()

    assert "da-gui" not in page.url
    consent = page.get_by_label(re.compile("^Tôi đồng ý"))
    assert not consent.is_checked()
    assert consent.get_attribute("aria-invalid") == "true"
    # The error sits next to the box, in its field, and is read out with it.
    field = page.locator(".form-field--check", has=consent)
    error = field.locator(".form-error")
    assert error.inner_text() == CONSENT_ERROR
    assert error.get_attribute("id") in consent.get_attribute("aria-describedby").split()
    error_box, consent_box = error.bounding_box(), consent.bounding_box()
    assert 0 <= consent_box["y"] - (error_box["y"] + error_box["height"]) < 24
    # The summary at the top links the box by its error alone (its label is two lines long).
    summary_link = page.get_by_role("alert").get_by_role("link", name=CONSENT_ERROR, exact=True)
    assert summary_link.get_attribute("href") == "#" + consent.get_attribute("id")
    assert page.get_by_label("Họ và tên").input_value() == "Lê Thị Hoa", "what was typed stays"
    screenshot(page, "contact-consent-refused-375px")

    consent.check()
    answer_the_captcha_if_asked(page)
    page.get_by_role("button", name="Gửi thư").click()
    page.wait_for_url(re.compile(r".*/lien-he/\?da-gui=1#lien-he-form$"))
    assert page.get_by_role("status").get_by_text("Cảm ơn bạn.").is_visible()
    assert not page.locator(".form-error").count()
