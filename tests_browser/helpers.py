"""Helpers of the browser suite: screenshots, axe-core, reader preferences."""

import re
from pathlib import Path

from axe_playwright_python.sync_playwright import Axe
from livesite import ROOT
from playwright.sync_api import Page

SCREENSHOTS = ROOT / "var" / "screenshots"
# Headless Chrome says "HeadlessChrome" and is not counted as a visitor (crawler filter), so
# tests that count visits use ordinary desktop browsers; two versions are two visitors.
DESKTOP_UA = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36"
)
OTHER_DESKTOP_UA = DESKTOP_UA.replace("Chrome/131.0.0.0", "Chrome/130.0.0.0")
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def load_lazy_images(page: Page) -> None:
    """Scroll through the page so lazy images load, then back to the top."""
    page.evaluate(
        """async () => {
            for (let y = 0; y < document.body.scrollHeight; y += innerHeight / 2) {
                scrollTo(0, y);
                await new Promise((r) => setTimeout(r, 50));
            }
            await Promise.all([...document.images].map((img) =>
                img.complete ? null : new Promise((r) => { img.onload = img.onerror = r; })));
            scrollTo(0, 0);
        }"""
    )


def render_skipped_parts(page: Page) -> None:
    """Render the parts with `content-visibility: auto` that lie off screen, as they are
    once the reader scrolls near them. Until then the browser lays each out at its
    placeholder size (30rem), so what follows it sits higher than it will: axe, which
    measures the page once, would see the footer behind the last section's text."""
    page.evaluate(
        """() => { for (const el of document.querySelectorAll("body *"))
            if (getComputedStyle(el).contentVisibility === "auto")
                el.style.contentVisibility = "visible"; }"""
    )


def screenshot(page: Page, name: str, full_page: bool = True) -> Path:
    """Write var/screenshots/NAME.png (the whole page, lazy images loaded).

    A full-page capture takes what lies below the screen without scrolling to it, so parts
    with `content-visibility: auto` (rendered as the reader scrolls near) are made visible
    for the picture, as the reader would see them.
    """
    if full_page:
        load_lazy_images(page)
        render_skipped_parts(page)
    path = SCREENSHOTS / f"{re.sub(r'[^a-z0-9.-]+', '-', name.lower())}.png"
    page.screenshot(path=path, full_page=full_page)
    return path


_axe = Axe()


def axe_violations(page: Page) -> list[dict]:
    """axe-core's WCAG 2.0/2.1 A and AA violations on the page as the reader sees it, every
    part rendered."""
    render_skipped_parts(page)
    results = _axe.run(
        page,
        options={
            "runOnly": {"type": "tag", "values": AXE_TAGS},
            "resultTypes": ["violations"],
        },
    )
    return results.response["violations"]


def describe_violations(violations: list[dict]) -> str:
    """One readable paragraph per violation: rule, impact, help, and each element."""
    lines = [f"{len(violations)} axe violation(s) of {', '.join(AXE_TAGS)}:"]
    for v in violations:
        lines.append(f"\n- {v['id']} ({v['impact']}): {v['help']}\n  {v['helpUrl']}")
        for node in v["nodes"]:
            lines.append(f"    at {' '.join(map(str, node['target']))}")
            lines.append(f"       {node['html'][:200]}")
            for summary in (node.get("failureSummary") or "").splitlines():
                lines.append(f"       {summary.strip()}")
    return "\n".join(lines)


def answer_the_captcha_if_asked(page: Page) -> None:
    """The live site asks the captcha on every form (livesite.py); "PASSED" answers it."""
    box = page.get_by_label("Mã xác nhận")
    if box.count():
        box.fill("PASSED")


def set_preferences(page: Page, size: str | None = None, contrast: bool = False) -> None:
    """Store reader preferences as site.js does, and reload the page to apply them."""
    page.evaluate(
        """([size, contrast]) => {
            size ? localStorage.setItem("cong:font-size", size) : localStorage.removeItem("cong:font-size");
            contrast ? localStorage.setItem("cong:contrast", "high") : localStorage.removeItem("cong:contrast");
        }""",
        [size, contrast],
    )
    page.reload()
