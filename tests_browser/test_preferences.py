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


# Installed before any script of the page runs. Timing-free: it records (1) the classes <html>
# had at the moment the parser inserted <body> (nothing of the page can be painted before it
# exists), from the ordered mutation records, and (2) the computed style of the first frame
# that has a <body>, read in requestAnimationFrame, which runs just before that frame paints.
FIRST_PAINT_PROBE = """
window.__atBody = undefined;
window.__firstFrame = undefined;
let bodyArrived = false, waiting = false;
new MutationObserver((records) => {
    for (const record of records) {
        if (!bodyArrived && record.type === "childList"
                && [...record.addedNodes].some((node) => node.nodeName === "BODY")) {
            bodyArrived = waiting = true;
        } else if (waiting && record.type === "attributes"
                && record.target === document.documentElement) {
            window.__atBody = record.oldValue || "";  // the value before this later change
            waiting = false;
        }
    }
    if (waiting) {  // no later change to <html class> is queued: its value now is that value
        window.__atBody = document.documentElement.className;
        waiting = false;
    }
}).observe(document, {
    childList: true, subtree: true, attributes: true, attributeOldValue: true,
    attributeFilter: ["class"],
});
const frame = () => {
    if (!document.body) return requestAnimationFrame(frame);
    window.__firstFrame = {
        classes: document.documentElement.className,
        fontSize: getComputedStyle(document.documentElement).fontSize,
        background: getComputedStyle(document.body).backgroundColor,
    };
};
requestAnimationFrame(frame);
"""


def test_saved_preferences_are_applied_before_the_first_paint(new_page):
    """No flash of the default style: the classes are on <html> before <body> is parsed, so
    the first frame is painted with them (checked by order of events, not by timing)."""
    page = new_page("375px")
    # A loaded machine may take long to render the article's photos the first time: these
    # are ceilings for slowness, not the timing the test depends on.
    page.set_default_timeout(60_000)
    page.goto(ARTICLE)
    set_preferences(page, size="large", contrast=True)
    page.add_init_script(FIRST_PAINT_PROBE)
    page.goto(ARTICLE, wait_until="commit")
    page.wait_for_function("window.__atBody !== undefined && window.__firstFrame !== undefined")

    assert set(page.evaluate("window.__atBody").split()) >= {"fs-large", "hc"}
    first_frame = page.evaluate("window.__firstFrame")
    assert set(first_frame["classes"].split()) >= {"fs-large", "hc"}
    assert first_frame["fontSize"] == "20px", first_frame
    assert first_frame["background"] == "rgb(0, 0, 0)", first_frame
