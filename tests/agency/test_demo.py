"""The demo department's agency pages (`manage.py load_demo`; loaded once for the module)."""

import pytest

from cong.agency.models import InformationPage, SitemapPage
from tests import installs


@pytest.fixture(scope="module")
def _demo_loaded(django_db_setup, django_db_blocker, tmp_path_factory):
    with installs.demo_in_test_database(django_db_blocker, tmp_path_factory) as folder:
        yield folder


@pytest.fixture
def demo(_demo_loaded, db, settings):
    settings.MEDIA_ROOT = _demo_loaded / "media"
    settings.CONG_PARTICIPATION_UPLOAD_ROOT = _demo_loaded / "private"


def test_the_demo_has_an_introduction_first_in_the_menu_a_portal_link_and_a_site_map(demo):
    from cong.agency.models import Leader, MenuLinkPage, OrgUnit
    from cong.news.models import HomePage

    home = HomePage.objects.get(locale__language_code="vi")  # not its English translation
    menu = [page.title for page in home.get_children().live().in_menu()]
    assert menu[0] == "Giới thiệu" and "Dịch vụ công" in menu
    intro = InformationPage.objects.get(slug="gioi-thieu")
    assert [p.title for p in intro.get_children()] == [
        "Chức năng, nhiệm vụ",
        "Quá trình phát triển",
        "Cơ cấu tổ chức",
        "Lãnh đạo Sở",
    ]
    vietnamese = {"locale__language_code": "vi"}  # each also has its English translation
    assert Leader.objects.filter(**vietnamese).current().count() == 3
    assert OrgUnit.objects.filter(**vietnamese).count() == 7
    history = InformationPage.objects.get(slug="qua-trinh-phat-trien")
    assert [block.block_type for block in history.body] == ["paragraph", "timeline"]
    assert MenuLinkPage.objects.count() == 1 and SitemapPage.objects.count() == 1
