"""The demo Sở's English version, as `load_demo` makes it."""

import re

import pytest
from wagtail.models import Site

from cong.core.models import AgencySettings
from tests import installs
from tests.i18n.test_chrome import untranslated_chrome
from tests.i18n.test_switch import links, switch


@pytest.fixture(scope="module")
def _demo_loaded(django_db_setup, django_db_blocker, tmp_path_factory):
    with installs.demo_in_test_database(django_db_blocker, tmp_path_factory, "demo-en") as folder:
        yield folder


@pytest.fixture
def demo(_demo_loaded, db, settings):
    settings.MEDIA_ROOT = _demo_loaded / "media"


def chrome(page_html):
    """The page's chrome, without the agency's Vietnamese records (leaders, units, documents,
    procedures: snippets not translated yet) that a page or the sidebar lists: the header,
    footer, navigation, headings of the sidebar's boxes, and form labels."""
    parts = re.findall(r"(?s)<header class=\"site-header\">.*?</header>", page_html)
    parts += re.findall(r"(?s)<footer class=\"site-footer\">.*?</footer>", page_html)
    aside = re.search(r"(?s)<aside class=\"sidebar\".*?</aside>", page_html)
    parts += re.findall(r"(?s)<h2[^>]*>.*?</h2>", aside.group(0) if aside else "")
    parts += re.findall(r"(?s)<label[^>]*>.*?</label>", page_html)
    parts += re.findall(r"(?s)<button[^>]*>.*?</button>", page_html)
    text = "\n".join(parts)
    agency = AgencySettings.for_site(Site.objects.get(is_default_site=True))
    for field in ("licence_issuer", "responsible_person", "responsible_title", "designed_by"):
        text = text.replace(getattr(agency, field), "")  # the agency's own words, as entered
    return text


ENGLISH_PAGES = {
    "/en/": "Department of Information and Communications",
    "/en/introduction/": "Introduction",
    "/en/introduction/functions-and-duties/": "Functions and duties",
    "/en/introduction/organisation/": "Organisation",
    "/en/introduction/leadership/": "Leadership",
    "/en/contact-us/": "Contact us",
    "/en/news/": "News and events",
    "/en/news/2023-digital-transformation-plan/": "2023 digital transformation plan",
    "/en/news/tho-xuan-community-digital-teams/": "community digital technology teams",
    "/en/news/postal-services-and-procedures/": "Public postal services",
}


@pytest.mark.parametrize("path", ENGLISH_PAGES)
def test_the_demo_has_its_english_pages(client, demo, path):
    response = client.get(path)
    assert response.status_code == 200
    html = response.text
    assert ENGLISH_PAGES[path] in html
    assert '<html lang="en">' in html
    assert "Department of Information and Communications of Thanh Hoa Province" in html
    assert untranslated_chrome(chrome(html)) == []


def test_the_english_home_lists_its_english_news_with_english_dates(client, demo):
    html = client.get("/en/").text
    assert "/en/news/2023-digital-transformation-plan/" in html
    assert "15 March 2023" in html or "March 2023" in html


def test_the_demo_switches_both_ways(client, demo):
    assert switch(client.get("/gioi-thieu/").text) == ("/en/introduction/", "en")
    assert switch(client.get("/en/introduction/").text) == ("/gioi-thieu/", "vi")
    assert links(client.get("/en/introduction/leadership/").text)["vi"] == (
        "http://localhost/gioi-thieu/lanh-dao-so/"
    )
