"""Reader preferences: text size (A− A A+) and high contrast, kept from page to page."""

from helpers import screenshot, set_preferences
from livesite import ARTICLE

SMALL, NORMAL, LARGE = "A− (chữ nhỏ)", "A (chữ thường)", "A+ (chữ lớn)"
CONTRAST = "Tương phản cao"


def root_font_size(page) -> float:
    return page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")


def pressed(page, name: str) -> str:
    return page.get_by_role("button", name=name, exact=True).get_attribute("aria-pressed")


def test_the_controls_have_vietnamese_names_and_state(new_page):
    page = new_page("375px")
    page.goto("/")
    group = page.get_by_role("group", name="Cỡ chữ và độ tương phản")
    for name in (SMALL, NORMAL, LARGE, CONTRAST):
        assert group.get_by_role("button", name=name, exact=True).is_visible()
    assert [pressed(page, n) for n in (SMALL, NORMAL, LARGE, CONTRAST)] == [
        "false",
        "true",
        "false",
        "false",
    ]
    screenshot(page, "tools-375px", full_page=False)


def test_text_size_changes_and_persists_across_pages(new_page):
    page = new_page()
    page.goto("/")
    assert root_font_size(page) == 16
    heading = page.locator(".section-title").first
    normal_heading = heading.bounding_box()["height"]

    page.get_by_role("button", name=LARGE, exact=True).click()
    assert root_font_size(page) == 20
    assert heading.bounding_box()["height"] > normal_heading
    assert (pressed(page, LARGE), pressed(page, NORMAL)) == ("true", "false")
    assert page.evaluate("localStorage.getItem('cong:font-size')") == "large"

    page.get_by_role("navigation", name="Menu chính").get_by_role("link", name="Thông báo").click()
    page.wait_for_url("**/thong-bao/")
    assert root_font_size(page) == 20
    assert pressed(page, LARGE) == "true"
    screenshot(page, "section-large-text-1280px", full_page=False)

    # By keyboard as well: Tab to A−, Space.
    small = page.get_by_role("button", name=SMALL, exact=True)
    small.focus()
    page.keyboard.press("Space")
    assert root_font_size(page) == 14
    page.goto(ARTICLE)
    assert root_font_size(page) == 14
    assert pressed(page, SMALL) == "true"

    page.get_by_role("button", name=NORMAL, exact=True).click()
    assert root_font_size(page) == 16
    assert page.evaluate("localStorage.getItem('cong:font-size')") is None
    page.reload()
    assert root_font_size(page) == 16 and pressed(page, NORMAL) == "true"


def test_high_contrast_switches_on_persists_and_switches_off(new_page):
    page = new_page("375px")
    page.goto("/")
    background = "getComputedStyle(document.body).backgroundColor"
    assert page.evaluate(background) == "rgb(255, 255, 255)"

    page.get_by_role("button", name=CONTRAST, exact=True).click()
    assert pressed(page, CONTRAST) == "true"
    assert page.evaluate(background) == "rgb(0, 0, 0)"
    page.goto(ARTICLE)
    assert page.evaluate(background) == "rgb(0, 0, 0)"
    assert pressed(page, CONTRAST) == "true"
    screenshot(page, "article-contrast-375px", full_page=False)

    page.get_by_role("button", name=CONTRAST, exact=True).click()
    assert pressed(page, CONTRAST) == "false"
    page.reload()
    assert page.evaluate(background) == "rgb(255, 255, 255)"
    assert pressed(page, CONTRAST) == "false"


def test_saved_preferences_are_applied_before_the_first_paint(new_page):
    """No flash of the default style: the classes are on <html> before anything is painted."""
    page = new_page("375px")
    page.goto("/")
    page.add_init_script(
        """window.__applied = null;
        new MutationObserver(() => {
            if (window.__applied === null && document.documentElement.classList.contains("hc"))
                window.__applied = performance.now();
        }).observe(document, {attributes: true, attributeFilter: ["class"], subtree: true});"""
    )
    set_preferences(page, size="large", contrast=True)
    page.goto(ARTICLE)
    page.wait_for_load_state("load")
    timing = page.evaluate(
        """() => new Promise((resolve) => {
            const done = (paint) => resolve({applied: window.__applied, paint});
            new PerformanceObserver((list) => done(list.getEntries()[0].startTime))
                .observe({type: "paint", buffered: true});
            setTimeout(() => done(null), 5000);
        })"""
    )
    assert timing["applied"] is not None
    assert timing["paint"] is not None
    assert timing["applied"] <= timing["paint"], timing
