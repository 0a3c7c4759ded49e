import pytest
from django.core.management import call_command
from wagtail.images import get_image_model
from wagtail.models import Site

from cong.core.models import AgencySettings
from cong.links.models import Link, LinkGroup
from cong.news.models import ArticlePage, CategoryPage, HomePage
from tests import installs

SEED_ARTICLE = (
    "/hoat-dong-cua-so/hoi-nghi-tap-huan-thong-tin-doi-ngoai-ve-quyen-con-nguoi-nam-2023/"
)


def counts():
    return (
        HomePage.objects.count(),
        CategoryPage.objects.count(),
        ArticlePage.objects.count(),
        LinkGroup.objects.count(),
        Link.objects.count(),
        get_image_model().objects.count(),
    )


@pytest.fixture(scope="module")
def _demo_loaded(django_db_setup, django_db_blocker, tmp_path_factory):
    """`load_demo` once for the module, in this process (the other modules copy the demo
    built once per run: tests/installs.py), rolled back after its last test."""
    folder = tmp_path_factory.mktemp("demo")
    with installs.loaded_demo(django_db_blocker, folder):
        yield folder


@pytest.fixture
def demo(_demo_loaded, db, settings):
    """The demo site, as `load_demo` leaves it; each test's changes are rolled back."""
    settings.MEDIA_ROOT = _demo_loaded / "media"
    settings.CONG_PARTICIPATION_UPLOAD_ROOT = _demo_loaded / "private"


def test_it_builds_the_site_of_the_seed_page(demo):
    site = Site.objects.get(is_default_site=True)
    assert isinstance(site.root_page.specific, HomePage)
    agency = AgencySettings.for_site(site)
    assert agency.agency_name == "Sở Thông tin và Truyền thông Thanh Hóa"
    assert agency.licence_number == "12/GP-TTĐT"
    assert agency.responsible_person == "Ông Đỗ Hữu Quyết"
    assert CategoryPage.objects.live().count() >= 3
    assert ArticlePage.objects.live().count() >= 12


def test_running_it_again_changes_nothing(demo):
    before = counts()
    call_command("load_demo", verbosity=0)
    call_command("load_demo", "--if-empty", verbosity=0)
    assert counts() == before


def test_the_seed_shaped_article_has_three_captioned_photos_and_the_byline(client, demo):
    html = client.get(SEED_ARTICLE).content.decode()
    assert html.count('<figure class="figure">') == 3
    assert html.count('<span class="credit">Ảnh minh họa</span>') == 3  # rendered, not shot
    assert html.count("<figcaption>") >= 3
    assert "Đỗ Hữu Quyết" in html and "Đinh Tiến Dũng" in html
    assert '<p class="byline">Nguyễn Hiền - Phòng QLTTBCXB</p>' in html


def test_a_reader_sees_every_element_of_the_seed_page(client, demo):
    html = client.get("/").content.decode()
    for text in (
        "Sở Thông tin và Truyền thông Thanh Hóa",
        "Liên kết website",
        "Thống kê truy cập",
        "Đang online:",
        "Hôm nay:",
        "Đã truy cập:",
        "5.689.426",
        "Giấy phép số 12/GP-TTĐT do Cục Quản lý Phát thanh, Truyền hình và Thông tin điện tử "
        "cấp ngày 11/04/2014",
        "Chịu trách nhiệm:</span> Ông Đỗ Hữu Quyết - Giám đốc",
        "Tòa nhà Trung tâm Công nghệ thông tin tỉnh Thanh Hóa, Đại lộ Nam Sông Mã",
        "(02373) 713.985",
        "Website được thiết kế bởi Trung tâm Công nghệ thông tin và truyền thông Thanh Hóa",
    ):
        assert text in html, text


def test_the_demo_has_legal_documents_with_files_linked_from_the_seed_article(client, demo):
    from cong.documents.models import LegalDocument

    assert LegalDocument.objects.live().count() >= 14
    assert all(d.files.exists() for d in LegalDocument.objects.all())
    listing = client.get("/van-ban/").content.decode()
    assert "21/KH-UBND" in listing and "1079/QĐ-TTg" in listing
    article = client.get(SEED_ARTICLE).content.decode()
    assert 'class="doc-link" href="/van-ban/' in article and ">21/KH-UBND</a>" in article
