"""The spokesperson on the home page, and the official social accounts in every footer."""

import pytest

from cong.agency.models import AgencyContacts, Leader, SocialAccount


@pytest.fixture
def speaker(site):
    leader = Leader.objects.create(
        site=site, full_name="Đỗ Hữu Quyết", position="Giám đốc Sở", phone="0237 713 985"
    )
    contacts = AgencyContacts.for_site(site)
    contacts.spokesperson = leader
    contacts.spokesperson_email = "phatngon@example.gov.vn"
    contacts.save()
    return leader


def test_the_home_page_sidebar_names_the_spokesperson_and_how_to_reach_them(client, home, speaker):
    html = client.get(home.url).content.decode()
    box = html[html.index('class="box spokesperson"') :]
    box = box[: box.index("</section>")]
    assert "Đỗ Hữu Quyết" in box and "Giám đốc Sở" in box
    assert 'href="tel:0237713985"' in box and "mailto:phatngon@example.gov.vn" in box


def test_other_pages_keep_their_sidebar(client, section, speaker):
    assert 'class="box spokesperson"' not in client.get(section.url).content.decode()


def test_a_spokesperson_outside_the_leaders_can_be_named(client, home, site):
    contacts = AgencyContacts.for_site(site)
    contacts.spokesperson_name = "Lê Thị Lan"
    contacts.spokesperson_position = "Chánh Văn phòng"
    contacts.save()
    assert "Lê Thị Lan" in client.get(home.url).content.decode()


def test_no_spokesperson_no_box(client, home):
    assert 'class="box spokesperson"' not in client.get(home.url).content.decode()


def test_the_footer_lists_official_accounts_by_name_without_loading_anything(client, home, site):
    SocialAccount.objects.create(
        site=site, platform="zalo", name="Sở TT&TT", url="https://zalo.me/123"
    )
    html = client.get(home.url).content.decode()
    footer = html[html.index('<footer class="site-footer">') :]
    assert (
        'href="https://zalo.me/123" rel="external noopener noreferrer me">Zalo: Sở TT&amp;TT'
        in footer
    )
    assert "<script" not in footer and "<img" not in footer


def test_the_spokesperson_box_links_the_press_statements(client, home, site, speaker):
    from tests.factories import CategoryPageFactory

    press = CategoryPageFactory(
        parent=home, title="Thông cáo báo chí", slug="thong-cao-bao-chi", show_in_menus=False
    )
    contacts = AgencyContacts.for_site(site)
    contacts.press_releases = press
    contacts.save()
    html = client.get(home.url).content.decode()
    box = html[html.index('class="box spokesperson"') :]
    assert 'href="/thong-cao-bao-chi/">Thông cáo báo chí' in box[: box.index("</section>")]
