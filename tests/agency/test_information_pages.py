"""Information pages, links to other portals in the menu, and the HTML site map."""

import json

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from cong.agency.models import InformationPage, SitemapPage, site_tree
from tests.factories import (
    ArticlePageFactory,
    InformationPageFactory,
    MenuLinkPageFactory,
)

TIMELINE = {
    "type": "timeline",
    "value": {
        "heading": "Quá trình phát triển",
        "events": [
            {
                "when": "2008",
                "title": "Thành lập Sở",
                "text": "Theo quyết định của UBND tỉnh.",
            },
            {"when": "2025", "title": "Hợp nhất", "text": ""},
        ],
    },
}
TABLE = {
    "type": "table",
    "value": {
        "data": [["Phòng", "Điện thoại"], ["Văn phòng", "0237 000 000"]],
        "first_row_is_table_header": True,
        "first_col_is_header": False,
        "table_caption": "Danh bạ",
    },
}


@pytest.fixture
def intro(home):
    return InformationPageFactory(
        parent=home,
        title="Giới thiệu",
        slug="gioi-thieu",
        body=json.dumps(
            [
                {"type": "paragraph", "value": "<p>Sở là cơ quan chuyên môn thuộc UBND tỉnh.</p>"},
                TIMELINE,
                TABLE,
            ]
        ),
    )


def test_an_information_page_shows_its_body_timeline_table_and_last_update(client, intro):
    intro.save_revision().publish()
    html = client.get(intro.url).content.decode()
    assert "<h1>Giới thiệu</h1>" in html
    assert "Sở là cơ quan chuyên môn thuộc UBND tỉnh." in html
    assert '<ol class="timeline__list">' in html and "Thành lập Sở" in html
    assert (
        "0237 000 000" in html and "<caption>" in html.lower().replace(" ", "") or "Danh bạ" in html
    )
    assert "Cập nhật lần cuối:" in html


def test_an_information_page_renders_in_a_bounded_number_of_queries(client, intro, section):
    intro.save_revision().publish()
    client.get(intro.url)  # warm the fragment caches as a second reader finds them
    with CaptureQueriesContext(connection) as queries:
        assert client.get(intro.url).status_code == 200
    assert len(queries) <= 12


def test_information_pages_may_nest_and_sit_in_a_news_section(intro, section):
    assert InformationPage in intro.specific_class.allowed_subpage_models()
    assert InformationPage in section.specific_class.allowed_subpage_models()


def test_an_information_page_is_found_by_search(client, intro):
    intro.save_revision().publish()
    html = client.get("/tim-kiem/", {"q": "co quan chuyen mon"}).content.decode()
    assert "Giới thiệu" in html and "Thông tin" in html


def test_a_menu_link_goes_straight_to_the_other_portal(client, home, intro):
    MenuLinkPageFactory(parent=home, slug="dich-vu-cong", opens_in_new_window=True)
    html = client.get(intro.url).content.decode()
    menu = html[html.index('class="main-nav"') :]
    menu = menu[: menu.index("</nav>")]
    assert (
        'href="https://dichvucong.gov.vn/" rel="external noopener noreferrer" target="_blank"'
        in menu
    )
    assert "(mở trong cửa sổ mới)" in menu
    assert 'href="/gioi-thieu/"' in menu


def test_a_menu_links_own_address_redirects_and_is_not_in_the_xml_sitemap(client, home):
    link = MenuLinkPageFactory(parent=home, slug="dich-vu-cong")
    response = client.get(link.url)
    assert response.status_code == 302 and response["Location"] == "https://dichvucong.gov.vn/"
    assert "dich-vu-cong" not in client.get("/sitemap.xml").content.decode()


def test_a_menu_link_must_be_a_web_address(home):
    from django.core.exceptions import ValidationError

    link = MenuLinkPageFactory.build(link_url="javascript:alert(1)")
    with pytest.raises(ValidationError):
        link.clean()


@pytest.fixture
def sitemap(home):
    page = SitemapPage(title="Sơ đồ website", slug="so-do-website", show_in_menus=False)
    home.add_child(instance=page)
    return page


def test_the_html_sitemap_nests_sections_and_pages_but_not_each_article(
    client, home, section, intro, sitemap
):
    InformationPageFactory(parent=intro, title="Chức năng nhiệm vụ", slug="chuc-nang")
    ArticlePageFactory(parent=section, title="Một bài viết", slug="mot-bai")
    MenuLinkPageFactory(parent=home, slug="dich-vu-cong")
    html = client.get(sitemap.url).content.decode()
    nav = html[html.index('class="html-sitemap"') :]
    nav = nav[: nav.index("</nav>")]
    assert nav.index("Giới thiệu") < nav.index("Chức năng nhiệm vụ")
    assert nav.count("<ul>") == 2  # the home's children, and one level below "Giới thiệu"
    assert "Một bài viết" not in nav and section.title in nav
    assert "https://dichvucong.gov.vn/" in nav


def test_the_site_tree_costs_the_same_queries_whatever_the_size(home, section, intro):
    root = Page.objects.get(pk=home.pk)
    site_tree(root)  # content types cached, as in a running site
    counts = []
    for size in (2, 8):
        while InformationPage.objects.child_of(intro).count() < size:
            InformationPageFactory(parent=intro)
        with CaptureQueriesContext(connection) as queries:
            tree = site_tree(root)
        counts.append(len(queries))
        assert len(dict((node.title, kids) for node, kids in tree)["Giới thiệu"]) == size
    assert counts[0] == counts[1] <= 3  # restrictions, pages, menu links


def test_the_footer_links_the_html_sitemap_when_there_is_one(
    client, home, section, django_capture_on_commit_callbacks
):
    assert 'href="/sitemap.xml">Sơ đồ website' in client.get(section.url).content.decode()
    page = SitemapPage(title="Sơ đồ website", slug="so-do-website")
    with django_capture_on_commit_callbacks(execute=True):
        home.add_child(instance=page)
        page.save_revision().publish()
    assert f'href="{page.url}">Sơ đồ website' in client.get(section.url).content.decode()


def test_an_information_page_leads_to_its_sub_pages(client, intro):
    InformationPageFactory(parent=intro, title="Chức năng, nhiệm vụ", slug="chuc-nang")
    html = client.get(intro.url).content.decode()
    nav = html[html.index('class="info-page__subpages"') :]
    assert 'href="/gioi-thieu/chuc-nang/">Chức năng, nhiệm vụ' in nav[: nav.index("</nav>")]


@pytest.mark.parametrize(
    "model",
    [
        "informationpage",
        "menulinkpage",
        "organisationpage",
        "leaderspage",
        "sitemappage",
    ],
)
def test_an_editor_creates_each_agency_page_from_the_admin(client, home, model, django_user_model):
    from django.urls import reverse

    editor = django_user_model.objects.create_user("bientap", password="x")
    editor.groups.add(Group.objects.get(name="Biên tập viên"))
    client.force_login(editor)
    url = reverse("wagtailadmin_pages:add", args=("agency", model, home.pk))
    assert client.get(url).status_code == 200
