"""Phones (375 × 812): no sideways scrolling, and tap targets of at least 44 × 44 px."""

import pytest
from helpers import set_preferences
from site_pages import PUBLIC_PAGES

# Tap targets: every visible link and button in the reader tools, the search box, navigation
# (main menu, breadcrumb, sub-sections), pagination, the sidebar and the footer.
TAP_TARGET_AREAS = ".site-tools, .search-box, nav, .pagination, .sidebar, .site-footer"


@pytest.mark.parametrize(
    "preferences",
    [{}, {"size": "large"}, {"size": "large", "contrast": True}],
    ids=["default", "large-text", "large-text-contrast"],
)
@pytest.mark.parametrize("site_page", PUBLIC_PAGES, ids=str)
def test_no_horizontal_scrolling_at_375px(new_page, site_page, preferences):
    page = new_page("375px")
    page.goto(site_page.path)
    if preferences:
        set_preferences(page, **preferences)
    sizes = page.evaluate(
        """() => ({scroll: document.documentElement.scrollWidth, inner: innerWidth,
                   client: document.documentElement.clientWidth})"""
    )
    assert sizes["inner"] == 375 and sizes["client"] == 375
    wide = page.evaluate(
        """() => [...document.querySelectorAll("body *")]
            .filter((el) => el.getBoundingClientRect().right > innerWidth + 0.5)
            .filter((el) => !el.closest(".visually-hidden, .table-wrap"))
            .map((el) => el.outerHTML.slice(0, 100))"""
    )
    assert sizes["scroll"] <= sizes["inner"], f"wider than the screen: {wide[:5]}"


@pytest.mark.parametrize("site_page", PUBLIC_PAGES, ids=str)
def test_tap_targets_are_at_least_44px(new_page, site_page):
    page = new_page("375px")
    page.goto(site_page.path)
    page.wait_for_load_state("networkidle")
    targets = page.evaluate(
        """(areas) => [...document.querySelectorAll(areas)]
            .flatMap((area) => [...area.querySelectorAll("a[href], button")])
            .filter((el, i, all) => all.indexOf(el) === i)
            .filter((el) => el.getClientRects().length && !el.closest("[hidden]"))
            .map((el) => {
                const box = el.getBoundingClientRect();
                const block = el.parentElement.closest("p, li, dd, td, div");
                // WCAG 2.5.8's inline exception: a link inside a sentence (the footer's phone
                // number and e-mail address) is sized by the line of text it sits in.
                const inline = getComputedStyle(el).display === "inline" && block
                    && block.textContent.trim() !== el.textContent.trim();
                return {what: el.outerHTML.slice(0, 100), width: box.width,
                        height: box.height, inline};
            })""",
        TAP_TARGET_AREAS,
    )
    assert targets, "no tap targets found"
    small = [
        f"{t['width']:.0f}×{t['height']:.0f} {t['what']}"
        for t in targets
        if not t["inline"] and (t["width"] < 44 or t["height"] < 44)
    ]
    assert not small, "tap targets under 44 × 44 px:\n" + "\n".join(small)
