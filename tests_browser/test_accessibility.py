"""WCAG 2.1 A/AA with axe-core, keyboard use, language and images, on every page in PAGES."""

import pytest
from helpers import axe_violations, describe_violations, screenshot, set_preferences
from site_pages import PAGES, PUBLIC_PAGES, WIDTHS

SKIP_LINK = {"vi": "Chuyển đến nội dung chính", "en": "Skip to main content"}


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("site_page", PAGES, ids=str)
def test_axe_finds_no_wcag21_aa_violation(new_page, site_page, width):
    page = new_page(width)
    response = page.goto(site_page.path)
    assert response.status == site_page.status
    page.wait_for_load_state("networkidle")  # the visit widget has been filled in
    violations = axe_violations(page)
    screenshot(page, f"{site_page.name}-{width}")  # before asserting: failures get one too
    assert not violations, describe_violations(violations)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("site_page", PUBLIC_PAGES, ids=str)
def test_axe_finds_no_violation_in_high_contrast_with_large_text(new_page, site_page, width):
    page = new_page(width)
    page.goto(site_page.path)
    set_preferences(page, size="large", contrast=True)
    assert page.evaluate("document.documentElement.className").split() == ["fs-large", "hc"]
    violations = axe_violations(page)
    screenshot(page, f"{site_page.name}-contrast-large-{width}")
    assert not violations, describe_violations(violations)


@pytest.mark.parametrize("site_page", PAGES, ids=str)
def test_the_page_declares_its_language(new_page, site_page):
    """Vietnamese, but the English version's pages (`SitePage.lang`)."""
    page = new_page()
    page.goto(site_page.path)
    assert page.evaluate("document.documentElement.lang") == site_page.lang


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("site_page", PUBLIC_PAGES, ids=str)
def test_first_tab_reaches_the_skip_link_and_enter_moves_focus_to_main(new_page, site_page, width):
    page = new_page(width)
    page.goto(site_page.path)
    page.keyboard.press("Tab")
    link = page.evaluate(
        """() => {
            const el = document.activeElement, style = getComputedStyle(el);
            const box = el.getBoundingClientRect();
            return {cls: el.className, text: el.textContent.trim(), href: el.getAttribute("href"),
                    outline: style.outlineStyle, outlineWidth: parseFloat(style.outlineWidth),
                    top: box.top, bottom: box.bottom};
        }"""
    )
    assert link["cls"] == "skip-link"
    assert link["text"] == SKIP_LINK[site_page.lang]
    assert link["href"] == "#main"
    assert link["outline"] != "none" and link["outlineWidth"] >= 2, "focus must be visible"
    assert link["top"] >= 0 and link["bottom"] > 0, "the focused skip link must be on screen"
    if site_page.name == "home":
        screenshot(page, f"home-skip-link-{width}", full_page=False)

    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    # The next Tab continues inside the main content, not back in the header.
    page.keyboard.press("Tab")
    assert page.evaluate(
        """() => {
            const main = document.getElementById("main"), el = document.activeElement;
            return main.contains(el)
                || !!(main.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING);
        }"""
    )


@pytest.mark.parametrize("site_page", PUBLIC_PAGES, ids=str)
def test_every_focused_element_shows_a_visible_outline(new_page, site_page):
    page = new_page()
    page.goto(site_page.path)
    seen, invisible = [], []
    for _ in range(60):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            """() => {
                const el = document.activeElement;
                if (!el || el === document.body) return null;
                const style = getComputedStyle(el);
                return {what: el.outerHTML.slice(0, 120), outline: style.outlineStyle,
                        width: parseFloat(style.outlineWidth), shadow: style.boxShadow};
            }"""
        )
        if focused is None or focused["what"] in seen:
            break  # past the last focusable element, or wrapped around
        seen.append(focused["what"])
        if focused["outline"] == "none" or focused["width"] < 2:
            invisible.append(focused["what"])
    assert len(seen) >= 10, seen
    assert not invisible, "no visible focus on:\n" + "\n".join(invisible)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("site_page", PUBLIC_PAGES, ids=str)
def test_images_have_alt_text_srcset_modern_formats_and_lazy_loading_below_the_fold(
    new_page, site_page, width
):
    page = new_page(width)
    page.goto(site_page.path)
    images = page.evaluate(
        """() => [...document.images].map((img) => {
            const picture = img.parentElement.tagName === "PICTURE" ? img.parentElement : null;
            const sources = picture ? [...picture.querySelectorAll("source")] : [];
            return {
                src: img.getAttribute("src"), alt: img.getAttribute("alt"), loading: img.loading,
                top: img.getBoundingClientRect().top + scrollY, fold: innerHeight,
                vector: /\\.svg$/.test(img.getAttribute("src") || ""),
                srcset: !!img.srcset || sources.some((s) => s.srcset),
                modern: sources.some((s) => /image\\/(avif|webp)/.test(s.type)),
                content: !!img.closest(".article__body"),
                captcha: img.classList.contains("captcha__image"),
            };
        })"""
    )
    for img in images:
        assert img["alt"] is not None, f"{img['src']} has no alt attribute"
        if img["content"]:
            assert img["alt"].strip(), f"{img['src']} in the article needs a text alternative"
        if img["vector"]:
            continue  # the emblem: an SVG scales by itself
        if img["captcha"]:
            assert img["alt"].strip(), "the captcha needs a text alternative"
            continue  # made for one visitor on each request: one PNG, loaded with its form
        assert img["srcset"], f"{img['src']} has no srcset"
        assert img["modern"], f"{img['src']} offers no AVIF/WebP source"
        if img["top"] >= img["fold"]:
            assert img["loading"] == "lazy", f"{img['src']} is below the fold but not lazy"
