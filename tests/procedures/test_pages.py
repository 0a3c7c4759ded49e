"""The procedures list and pages: filters, accentless search, the detail page, one site's
records only, a bounded number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, Site

from cong.procedures.models import Procedure, ProcedureIndexPage
from tests.factories import ProcedureFactory, ProcedureFieldFactory


@pytest.fixture
def procedures_page(home):
    page = ProcedureIndexPage(
        title="Thủ tục hành chính", slug="thu-tuc-hanh-chinh", show_in_menus=True
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def press(site):
    return ProcedureFactory(
        site=site,
        name="Cấp giấy phép xuất bản bản tin",
        code="1.004321",
        field=ProcedureFieldFactory(name="Báo chí"),
        level="province",
        online_level="full",
        national_url="https://dichvucong.gov.vn/p/home/chi-tiet.html?ma_thu_tuc=1.004321",
        processing_time="10 ngày làm việc",
        fees="Không",
        documents="<ul><li>Tờ khai đề nghị cấp giấy phép</li></ul>",
        agency="Sở Thông tin và Truyền thông",
        legal_basis="Luật Báo chí năm 2016",
    )


@pytest.fixture
def games(site):
    return ProcedureFactory(
        site=site,
        name="Cấp giấy chứng nhận điểm cung cấp dịch vụ trò chơi điện tử công cộng",
        field=ProcedureFieldFactory(name="Phát thanh, truyền hình và thông tin điện tử"),
        level="commune",
        online_level="partial",
    )


def listed(client, page, **params) -> str:
    return client.get(page.url, params).content.decode()


def test_the_list_filters_by_field_and_level(client, procedures_page, press, games):
    html = listed(client, procedures_page)
    assert press.name in html and games.name in html
    html = listed(client, procedures_page, field=press.field_id)
    assert press.name in html and games.name not in html
    html = listed(client, procedures_page, level="commune")
    assert press.name not in html and games.name in html
    html = listed(client, procedures_page, online_level="full")
    assert press.name in html and games.name not in html


def test_the_filters_are_real_selects_in_a_get_form(client, procedures_page, press):
    html = listed(client, procedures_page)
    assert 'method="get"' in html
    assert '<select name="field"' in html and '<select name="level"' in html
    assert '<option value="commune">Cấp xã</option>' in html


def test_the_text_box_matches_without_accents_and_by_code(client, procedures_page, press, games):
    html = listed(client, procedures_page, q="giay phep xuat ban")
    assert press.name in html and games.name not in html
    html = listed(client, procedures_page, q="1.004321")
    assert press.name in html and games.name not in html


def test_a_bad_filter_value_is_ignored_not_an_error(client, procedures_page, press):
    response = client.get(procedures_page.url, {"field": "abc", "level": "<x>"})
    assert response.status_code == 200


def test_the_list_paginates(client, procedures_page, site):
    ProcedureFactory.create_batch(21, site=site)
    html = listed(client, procedures_page)
    assert 'rel="next"' in html
    assert "Trang 1/2" in html


def test_drafts_are_not_listed(client, procedures_page, site):
    ProcedureFactory(site=site, name="Thủ tục còn nháp", live=False)
    assert "Thủ tục còn nháp" not in listed(client, procedures_page)


def test_the_detail_page_shows_every_field_and_the_portal_link(client, procedures_page, press):
    url = procedures_page.procedure_url(press)
    assert url.endswith(f"/thu-tuc-hanh-chinh/{press.pk}-cap-giay-phep-xuat-ban-ban-tin/")
    html = client.get(url).content.decode()
    for text in (
        press.name,
        "1.004321",
        "Báo chí",
        "Cấp tỉnh",
        "Toàn trình",
        "10 ngày làm việc",
        "Tờ khai đề nghị cấp giấy phép",
        "Sở Thông tin và Truyền thông",
        "Luật Báo chí năm 2016",
        "Cập nhật lần cuối:",
    ):
        assert text in html, text
    assert f'href="{press.national_url}" rel="external noopener"' in html


def test_a_wrong_slug_redirects_and_an_unknown_procedure_is_404(client, procedures_page, press):
    response = client.get(f"{procedures_page.url}{press.pk}-sai-ten/")
    assert response.status_code == 301
    assert response["Location"] == procedures_page.procedure_url(press)
    assert client.get(f"{procedures_page.url}999999-khong-co/").status_code == 404


def test_another_sites_procedures_are_not_shown(client, procedures_page, press):
    other = Site.objects.create(hostname="xa.example.vn", root_page=Page.get_first_root_node())
    theirs = ProcedureFactory(site=other, name="Thủ tục của website khác")
    assert theirs.name not in listed(client, procedures_page)
    assert client.get(f"{procedures_page.url}{theirs.pk}-{theirs.slug}/").status_code == 404
    html = client.get("/tim-kiem/", {"q": "thu tuc cua website khac"}).content.decode()
    assert theirs.name not in html


@pytest.mark.parametrize("detail", [False, True])
def test_the_pages_render_within_a_bounded_number_of_queries(client, procedures_page, site, detail):
    ProcedureFactory.create_batch(20, site=site)
    procedure = Procedure.objects.first()
    url = procedures_page.procedure_url(procedure) if detail else procedures_page.url
    client.get(url)  # warm-up: menus, settings and the site's pages are cached
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    assert len(queries) <= 12, [q["sql"] for q in queries]


def test_a_procedure_is_found_by_an_accentless_search(client, procedures_page, press):
    html = client.get("/tim-kiem/", {"q": "giay phep xuat ban ban tin"}).content.decode()
    assert procedures_page.procedure_url(press) in html
    assert "Thủ tục hành chính" in html
    html = client.get("/tim-kiem/", {"q": "xuat ban", "kind": "procedures"}).content.decode()
    assert procedures_page.procedure_url(press) in html


def test_a_change_purges_the_cached_pages(press, django_capture_on_commit_callbacks):
    from cong.core.cache import content_version

    before = content_version()
    with django_capture_on_commit_callbacks(execute=True):
        press.processing_time = "5 ngày làm việc"
        press.save()
    assert content_version() != before


def test_each_procedure_is_in_the_xml_sitemap(client, procedures_page, press):
    xml = client.get("/sitemap.xml").content.decode()
    assert f"/thu-tuc-hanh-chinh/{press.pk}-{press.slug}/</loc>" in xml


def test_each_procedure_is_listed_once_in_the_readers_language(site, press, games):
    """A translated procedure shows as its translation on English pages, an untranslated
    one as itself; Vietnamese pages never list the translations (cong.core.i18n)."""
    from django.utils import translation
    from wagtail.models import Locale

    from cong.procedures.models.pages import site_procedures

    english = press.copy_for_translation(Locale.objects.get(language_code="en"))
    english.name = "Licence to publish a newsletter"
    english.save()
    with translation.override("en"):
        names = sorted(procedure.name for procedure in site_procedures(site))
        assert site_procedures(site).count() == 2
    assert names == sorted([english.name, games.name])
    with translation.override("vi"):
        names = sorted(procedure.name for procedure in site_procedures(site))
    assert names == sorted([press.name, games.name])
