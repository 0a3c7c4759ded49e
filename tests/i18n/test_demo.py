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


# Leaders, units and link groups: translatable records (cong.core.i18n).


def test_the_english_leaders_page_shows_the_leaders_translations(client, demo):
    english = client.get("/en/introduction/leadership/").text
    assert "Director of the Department" in english and "Le Van Minh (sample)" in english
    assert "Giám đốc Sở" not in english and "Phó Giám đốc" not in english
    assert "Former Deputy Director of the Department" in english
    vietnamese = client.get("/gioi-thieu/lanh-dao-so/").text
    assert "Giám đốc Sở" in vietnamese and "Director of the Department" not in vietnamese
    assert vietnamese.count("Lê Văn Minh (minh họa)") >= 1


def test_an_untranslated_leader_shows_in_vietnamese_on_the_english_page(client, demo):
    from cong.agency.models import Leader

    Leader.objects.get(full_name="Tran Thi Hoa (sample)").delete()
    english = client.get("/en/introduction/leadership/").text
    assert "Tran Thi Hoa" not in english
    assert english.count("Trần Thị Hoa (minh họa)") >= 1
    assert "Le Van Minh (sample)" in english  # the others still in English


def test_the_english_organisation_chart_keeps_the_tree_of_the_originals(client, demo):
    from django.utils import translation

    from cong.agency.models import OrgUnit
    from cong.agency.models.organisation import unit_tree

    site = Site.objects.get(is_default_site=True)
    with translation.override("en"):
        tree = unit_tree(site)
    [(board, children)] = tree
    assert board.name == "Board of Directors" and board.head.position == (
        "Director of the Department"
    )
    assert [unit.name for unit, _sub in children][:2] == [
        "Department Office",
        "Department Inspectorate",
    ]
    # A unit left untranslated keeps its place in Vietnamese.
    OrgUnit.objects.get(name="Department Inspectorate").delete()
    with translation.override("en"):
        [(_board, children)] = unit_tree(site)
    assert [unit.name for unit, _sub in children][:2] == ["Department Office", "Thanh tra Sở"]
    html = client.get("/en/introduction/organisation/").text
    assert "Planning and Finance Division" in html and "Phòng Kế hoạch" not in html


def test_the_english_sidebar_lists_the_link_groups_translated_with_their_links(client, demo):
    english = client.get("/en/").text
    assert "Central agencies" in english and "Cơ quan Trung ương" not in english
    vietnamese = client.get("/").text
    assert "Cơ quan Trung ương" in vietnamese and "Central agencies" not in vietnamese
    from cong.links.models import LinkGroup

    group = LinkGroup.objects.get(title="Central agencies")
    original = LinkGroup.objects.get(title="Cơ quan Trung ương")
    assert original.translation_key == group.translation_key
    assert [link.url for link in group.links.all()] == [link.url for link in original.links.all()]


def test_counts_and_choices_are_of_the_originals(demo):
    from cong.agency.duties import leaders_biographies
    from cong.schedule.models import ScheduleEntry

    site = Site.objects.get(is_default_site=True)
    assert "3 lãnh đạo" in leaders_biographies(site).detail
    names = [leader.full_name for leader in ScheduleEntry.leaders_of(site)]
    assert "Le Van Minh (sample)" not in names and "Lê Văn Minh (minh họa)" in names


def test_the_english_footer_gives_the_legal_lines_in_english(client, demo):
    footer = client.get("/en/").text.split('<footer class="site-footer">')[1]
    assert "Mr Do Huu Quyet - Director" in footer
    assert "the Authority of Broadcasting and Electronic Information" in footer
    assert "the Thanh Hoa Information Technology and Communications Centre" in footer
    assert 'href="/en/rss/"' in footer
    vietnamese = client.get("/").text.split('<footer class="site-footer">')[1]
    assert "Ông Đỗ Hữu Quyết - Giám đốc" in vietnamese and 'href="/rss/"' in vietnamese
