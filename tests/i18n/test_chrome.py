"""English pages carry English chrome: no string of the catalogue left in Vietnamese."""

import html
import re
from pathlib import Path

import polib
import pytest
from django.utils import formats, translation

from cong.agency.models import InformationPage, LeadersPage
from tests.i18n.conftest import translate

CATALOGUE = Path(__file__).resolve().parents[2] / "locale" / "en" / "LC_MESSAGES" / "django.po"
VIETNAMESE = re.compile("[àáâãèéêìíòóôõùúýăđĩũơưÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝĂĐĨŨƠƯ\u1ea0-\u1ef9]")


def visible_text(page_html):
    """The text a reader sees or hears: element text plus alt, title, aria-label, placeholder."""
    body = re.sub(r"(?s)<(script|style)\b.*?</\1>", " ", page_html)
    attributes = re.findall(r'(?:alt|title|aria-label|placeholder)="([^"]*)"', body)
    text = re.sub(r"(?s)<[^>]+>", " ", body)
    return html.unescape(" ".join([text, *attributes]))


def catalogue_strings():
    """Each Vietnamese msgid as it would show: placeholders stood for by a pattern."""
    found = []
    for entry in polib.pofile(str(CATALOGUE)):
        if entry.msgstr == entry.msgid:
            continue  # the same in both languages (the product name, "Fax:")
        for msgid in filter(None, (entry.msgid, entry.msgid_plural)):
            if VIETNAMESE.search(msgid) and len(msgid) > 3:
                parts = re.split(r"%\(\w+\)[sd]|<[^>]+>", msgid)
                pattern = r".{0,200}?".join(re.escape(p.strip()) for p in parts if p.strip())
                found.append((msgid, re.compile(r"(?<!\w)" + pattern + r"(?!\w)")))
    return found


def untranslated_chrome(page_html):
    text = " ".join(visible_text(page_html).split())
    return [msgid for msgid, pattern in catalogue_strings() if pattern.search(text)]


@pytest.fixture
def english_pages(english_on, english_home, home):
    intro = InformationPage(title="Giới thiệu", slug="gioi-thieu", summary="Chức năng")
    home.add_child(instance=intro)
    leaders = LeadersPage(title="Lãnh đạo Sở", slug="lanh-dao-so", intro="Ban lãnh đạo")
    intro.add_child(instance=leaders)
    english_intro = translate(intro, title="Introduction", slug="introduction", summary="Duties")
    english_leaders = translate(
        leaders, title="Leadership", slug="leadership", intro="The department's leaders"
    )
    return english_intro, english_leaders


def test_the_english_catalogue_is_compiled_and_covers_the_chrome():
    assert CATALOGUE.with_suffix(".mo").exists()
    with translation.override("en"):
        assert translation.gettext("Trang chủ") == "Home"
        assert translation.gettext("Chuyển đến nội dung chính") == "Skip to main content"


@pytest.mark.parametrize("path", ["/en/", "/en/introduction/", "/en/introduction/leadership/"])
def test_english_pages_show_no_vietnamese_chrome(client, english_pages, path):
    response = client.get(path)
    assert response.status_code == 200
    assert '<html lang="en">' in response.text
    assert untranslated_chrome(response.text) == []
    assert "Skip to main content" in response.text


def test_the_scan_finds_vietnamese_chrome(client, english_pages):
    """The check above would fail on a Vietnamese page: it sees the chrome's msgids."""
    left = untranslated_chrome(client.get("/gioi-thieu/").text)
    assert "Chuyển đến nội dung chính" in left and "Trang chủ" in left


def test_english_404_page(client, english_on, english_home):
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.text
    assert untranslated_chrome(response.text) == []


def test_dates_and_numbers_per_language():
    import datetime

    day = datetime.date(2026, 11, 24)
    with translation.override("en"):
        assert formats.date_format(day) == "24 November 2026"
        assert formats.number_format(5689426, force_grouping=True) == "5,689,426"
    with translation.override("vi"):
        assert formats.date_format(day) == "24/11/2026"
        assert formats.number_format(5689426, force_grouping=True) == "5.689.426"
