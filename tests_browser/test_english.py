"""The English version in a browser (docs/english.md): figures in English formats, the
language switch there and back. Axe at both widths: the en-* pages of site_pages.PAGES."""

import re

from playwright.sync_api import expect


def test_the_visit_widget_writes_english_numbers_on_english_pages(new_page):
    page = new_page()
    page.goto("/en/")
    total = page.locator("[data-visits-total]").first
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(1200)  # visits.js asks for the figures 600 ms after loading
    expect(total).to_have_text(re.compile(r"^\d{1,3}(,\d{3})+$"))
    vietnamese = new_page()
    vietnamese.goto("/")
    vietnamese.wait_for_load_state("networkidle")
    vietnamese.wait_for_timeout(1200)
    expect(vietnamese.locator("[data-visits-total]").first).to_have_text(
        re.compile(r"^\d{1,3}(\.\d{3})+$")
    )


def test_the_switch_leads_to_english_and_back(new_page):
    page = new_page("375px")
    page.goto("/gioi-thieu/")
    page.locator("a.language-switch").click()
    page.wait_for_url("**/en/introduction/")
    assert page.evaluate("document.documentElement.lang") == "en"
    page.locator("a.language-switch").click()
    page.wait_for_url("**/gioi-thieu/")
    assert page.evaluate("document.documentElement.lang") == "vi"
