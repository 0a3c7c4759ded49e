"""Printing an article gives the article: no navigation, sidebar or reader tools."""

from helpers import screenshot, set_preferences
from livesite import ARTICLE

HIDDEN_IN_PRINT = [
    ".main-nav",
    ".site-tools",
    ".search-box",
    ".breadcrumb",
    ".sidebar",
    ".print-button",
    ".related",
]


def displayed(page, selector: str) -> bool:
    return page.evaluate(
        "(s) => [...document.querySelectorAll(s)].some((el) => getComputedStyle(el).display !== 'none')",
        selector,
    )


def test_print_stylesheet_hides_navigation_and_sidebar_on_the_article(new_page):
    page = new_page()
    page.goto(ARTICLE)
    assert displayed(page, ".main-nav") and displayed(page, ".sidebar")
    page.emulate_media(media="print")
    for selector in HIDDEN_IN_PRINT:
        assert not displayed(page, selector), f"{selector} is printed"
    assert page.locator(".article h1").is_visible()
    assert page.locator(".article__body").is_visible()
    assert page.locator(".site-footer").is_visible()  # the legally required footer stays
    screenshot(page, "article-print")


def test_print_is_black_on_white_even_in_high_contrast(new_page):
    page = new_page()
    page.goto(ARTICLE)
    set_preferences(page, size="large", contrast=True)
    page.emulate_media(media="print")
    colours = page.evaluate(
        """() => ({body: getComputedStyle(document.body).backgroundColor,
                   text: getComputedStyle(document.querySelector(".article h1")).color,
                   size: getComputedStyle(document.documentElement).fontSize})"""
    )
    assert colours["body"] in ("rgba(0, 0, 0, 0)", "rgb(255, 255, 255)")
    assert colours["text"] == "rgb(0, 0, 0)"
    assert colours["size"] == "16px"
