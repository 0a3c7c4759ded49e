"""Fixtures of the browser suite: the site under gunicorn, Debian's Chromium, pages, axe.

Run with `make test-browser`. Chromium is Debian's (/usr/bin/chromium, or CONG_CHROMIUM):
Playwright never downloads a browser here, and axe-core comes inside axe-playwright-python.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from helpers import SCREENSHOTS
from livesite import CHROMIUM, CHROMIUM_ARGS, manage, start
from playwright.sync_api import Browser, Page, sync_playwright
from site_pages import WIDTHS


@dataclass
class LiveSite:
    url: str
    env: dict

    def manage(self, *args: str, **extra_env: str) -> str:
        """Run `manage.py` against the site's own database."""
        return manage({**self.env, **extra_env}, *args)


@pytest.fixture(scope="session")
def live_site(tmp_path_factory) -> Iterator[LiveSite]:
    server, env = start(tmp_path_factory.mktemp("cong-var"))
    try:
        yield LiveSite(server.url, env)
    finally:
        server.stop()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.exit(f"{CHROMIUM} is missing: `apt-get install chromium` (make test-browser does)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        yield browser
        browser.close()


@pytest.fixture(scope="session", autouse=True)
def _screenshot_folder() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for old in SCREENSHOTS.glob("*.png"):
        old.unlink()
    return SCREENSHOTS


@dataclass
class Pages:
    """Opens pages in fresh browser contexts (own storage, cookies and cache)."""

    browser: Browser
    base_url: str
    contexts: list = field(default_factory=list)
    errors: list = field(default_factory=list)

    def __call__(self, width: str = "1280px", user_agent: str | None = None) -> Page:
        w, h = WIDTHS[width]
        phone = w < 600
        context = self.browser.new_context(
            viewport={"width": w, "height": h},
            base_url=self.base_url,
            locale="vi-VN",
            timezone_id="Asia/Ho_Chi_Minh",
            is_mobile=phone,
            has_touch=phone,
            user_agent=user_agent,
        )
        context.set_default_timeout(15_000)
        self.contexts.append(context)
        page = context.new_page()
        page.on("pageerror", lambda exc: self.errors.append(f"{page.url}: {exc}"))
        return page

    def close(self) -> None:
        for context in self.contexts:
            context.close()


@pytest.fixture
def new_page(browser, live_site) -> Iterator[Callable[..., Page]]:
    """`new_page("375px")` is a page at 375 × 812 in a context of its own."""
    pages = Pages(browser, live_site.url)
    yield pages
    pages.close()
    assert not pages.errors, "JavaScript errors:\n" + "\n".join(pages.errors)


# The accessibility tests' last result, for the admin's self-check report (cong.selfcheck:
# var/selfcheck/accessibility.json, read by "Hỗ trợ người khuyết tật tiếp cận").
ACCESSIBILITY_TESTS = "test_accessibility.py"
ACCESSIBILITY_RESULT = (
    Path(__file__).resolve().parent.parent / "var" / "selfcheck" / "accessibility.json"
)
_accessibility = {"passed": 0, "failed": 0}


def pytest_runtest_logreport(report) -> None:
    if ACCESSIBILITY_TESTS not in report.nodeid:
        return
    if report.when == "call" and report.passed:
        _accessibility["passed"] += 1
    elif report.failed:  # a failed set-up counts as a failure too
        _accessibility["failed"] += 1


def pytest_sessionfinish(session, exitstatus) -> None:
    if not any(_accessibility.values()):
        return  # the accessibility tests did not run: keep the last result
    import datetime
    import json

    ACCESSIBILITY_RESULT.parent.mkdir(parents=True, exist_ok=True)
    record = {**_accessibility, "finished_at": datetime.datetime.now(datetime.UTC).isoformat()}
    ACCESSIBILITY_RESULT.write_text(json.dumps(record), encoding="utf-8")
