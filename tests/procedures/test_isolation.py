"""Province mode: each agency's procedures stay its own in the admin (listing, export, every
view of one procedure, the import) and on its public pages; the fields are one shared list
that only install-wide users may rename or delete."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cong.editorial.roles import BIEN_TAP_VIEN, LANH_DAO_DUYET
from cong.procedures.models import Procedure, ProcedureField, ProcedureIndexPage
from tests.accounts.helpers import login_with_second_factor
from tests.factories import ProcedureFactory, ProcedureFieldFactory
from tests.procedures.test_import import GOOD, xlsx
from tests.tenancy import OTHER_HOST

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def both_hosts(settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, OTHER_HOST]


@pytest.fixture
def procedures(site, other_site):
    """(site A's, site B's), in fields of their own."""
    return (
        ProcedureFactory(
            site=site,
            name="Cấp phép họp báo của An",
            code="1.000001",
            field=ProcedureFieldFactory(name="Báo chí"),
        ),
        ProcedureFactory(
            site=other_site,
            name="Đăng ký khai sinh của Bình",
            code="1.000002",
            field=ProcedureFieldFactory(name="Hộ tịch"),
        ),
    )


def url(name, *args):
    return reverse(Procedure.snippet_viewset.get_url_name(name), args=args)


def test_the_listing_and_its_export_show_only_the_editors_site(
    client, site, site_editor, procedures
):
    own, other = procedures
    login_with_second_factor(client, site_editor(site))
    listing = client.get(url("list"))
    assert listing.status_code == 200
    assert own.name in listing.text and other.name not in listing.text
    export = client.get(url("list"), {"export": "csv"})
    assert export.status_code == 200
    body = b"".join(export.streaming_content).decode()
    assert own.name in body and other.name not in body


def test_another_sites_procedure_is_404_whatever_the_url(client, site, site_editor, procedures):
    own, other = procedures
    login_with_second_factor(client, site_editor(site, LANH_DAO_DUYET))  # may publish and delete
    assert client.get(url("edit", own.pk)).status_code == 200
    for name in ("edit", "delete", "history", "usage", "unpublish"):
        assert client.get(url(name, other.pk)).status_code == 404, name
    assert client.post(url("delete", other.pk)).status_code == 404
    assert client.post(url("unpublish", other.pk)).status_code == 404
    answer = client.post(
        url("edit", other.pk),
        {
            "site": other.site_id,
            "name": "Đổi chen ngang",
            "field": other.field_id,
            "level": "province",
            "sort_order": 0,
            "action-publish": "publish",
        },
    )
    assert answer.status_code == 404
    other.refresh_from_db()
    assert other.name == "Đăng ký khai sinh của Bình" and other.live


def test_a_new_procedure_goes_to_the_editors_site_and_no_other(
    client, site, other_site, site_editor, procedures
):
    login_with_second_factor(client, site_editor(site))
    form = client.get(url("add"))
    assert list(form.context["form"].fields["site"].queryset) == [site]
    data = {
        "name": "Thủ tục mới",
        "field": procedures[0].field_id,
        "level": "province",
        "sort_order": 0,
    }
    client.post(url("add"), {**data, "site": other_site.pk})
    assert not Procedure.objects.filter(name="Thủ tục mới").exists()
    assert client.post(url("add"), {**data, "site": site.pk}).status_code == 302
    assert Procedure.objects.get(name="Thủ tục mới").site == site


def test_the_import_offers_and_accepts_only_the_users_sites(client, site, other_site, site_editor):
    login_with_second_factor(client, site_editor(site, LANH_DAO_DUYET))
    page = client.get("/admin/thu-tuc/nhap/")
    assert page.status_code == 200
    assert list(page.context["form"].fields["site"].queryset) == [site]
    assert page.context["form"].initial["site"] == site
    refused = client.post(
        "/admin/thu-tuc/nhap/",
        {"site": other_site.pk, "sheet": SimpleUploadedFile("thu-tuc.xlsx", xlsx(GOOD))},
    )
    assert refused.status_code == 200 and "site" in refused.context["form"].errors
    assert not Procedure.objects.exists()
    client.post(
        "/admin/thu-tuc/nhap/",
        {"site": site.pk, "sheet": SimpleUploadedFile("thu-tuc.xlsx", xlsx(GOOD))},
    )
    assert set(Procedure.objects.values_list("site", flat=True)) == {site.pk}
    assert Procedure.objects.count() == 2


def field_url(name, *args):
    return reverse(ProcedureField.snippet_viewset.get_url_name(name), args=args)


def test_a_site_editor_adds_fields_but_renames_or_deletes_none(client, site, site_editor):
    shared = ProcedureFieldFactory(name="Báo chí")
    login_with_second_factor(client, site_editor(site, LANH_DAO_DUYET))
    assert client.get(field_url("list")).status_code == 200
    client.post(field_url("add"), {"name": "Xuất bản", "sort_order": 0})
    assert ProcedureField.objects.filter(name="Xuất bản").exists()
    for name in ("edit", "delete"):
        assert client.get(field_url(name, shared.pk)).status_code in (302, 403), name
    client.post(field_url("edit", shared.pk), {"name": "Đổi tên chen ngang", "sort_order": 0})
    client.post(field_url("delete", shared.pk))
    shared.refresh_from_db()
    assert shared.name == "Báo chí"


def test_an_install_wide_editor_renames_a_field(client, site):
    shared = ProcedureFieldFactory(name="Báo chí")
    province = get_user_model().objects.create_user("tinh", password="mat-khau-thu-nghiem-dai")
    province.groups.add(Group.objects.get(name=BIEN_TAP_VIEN))  # bound to no site
    login_with_second_factor(client, province)
    assert client.get(field_url("edit", shared.pk)).status_code == 200
    client.post(field_url("edit", shared.pk), {"name": "Báo chí, xuất bản", "sort_order": 0})
    shared.refresh_from_db()
    assert shared.name == "Báo chí, xuất bản"


@pytest.fixture
def public_pages(home, other_site):
    pages = []
    for root in (home, other_site.root_page):
        page = ProcedureIndexPage(title="Thủ tục hành chính", slug="thu-tuc-hanh-chinh")
        root.add_child(instance=page)
        page.save_revision().publish()
        pages.append(page)
    return pages


def test_each_sites_public_list_shows_only_its_own_procedures_and_fields(
    client, public_pages, procedures
):
    own, other = procedures
    for host, mine, theirs in (("localhost", own, other), (OTHER_HOST, other, own)):
        html = client.get("/thu-tuc-hanh-chinh/", HTTP_HOST=host).text
        assert mine.name in html and mine.field.name in html
        assert theirs.name not in html and theirs.field.name not in html
        guessed = f"/thu-tuc-hanh-chinh/{theirs.pk}-{theirs.slug}/"
        assert client.get(guessed, HTTP_HOST=host).status_code == 404
        assert (
            client.get(f"/thu-tuc-hanh-chinh/{mine.pk}-{mine.slug}/", HTTP_HOST=host).status_code
            == 200
        )


def test_search_finds_only_the_sites_procedures(client, public_pages, procedures):
    html = client.get("/tim-kiem/", {"q": "cua"}, HTTP_HOST=OTHER_HOST).text
    assert "Đăng ký khai sinh của Bình" in html and "Cấp phép họp báo của An" not in html
