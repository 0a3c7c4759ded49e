"""The admin is the agency's: its name and logo, per host, on the sign-in page too."""

import pytest
from bs4 import BeautifulSoup
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page, Site

from cong.core.models import AgencySettings
from cong.editorial.roles import BIEN_TAP_VIEN
from tests.factories import HomePageFactory


def soup(response) -> BeautifulSoup:
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def agency(site):
    settings = AgencySettings.for_site(site)
    settings.agency_name = "Sở Thông tin và Truyền thông Thanh Hóa"
    settings.save()
    return settings


def test_the_sign_in_page_names_the_agency(client, agency):
    page = soup(client.get("/admin/login/"))
    assert page.title.get_text() == "Đăng nhập - Sở Thông tin và Truyền thông Thanh Hóa"
    assert "Sở Thông tin và Truyền thông Thanh Hóa" in page.h1.get_text()
    assert "Wagtail" not in str(page.select_one("main"))  # no bird, no "Sign in to Wagtail"
    assert page.select_one(".login-logo img")["src"].endswith("/img/emblem.svg")


def test_without_a_name_the_admin_says_cong(client, site):
    page = soup(client.get("/admin/login/"))
    assert page.title.get_text() == "Đăng nhập - Cổng"


def test_the_dashboard_shows_the_agency_and_its_logo(login, users, agency):
    image = get_image_model().objects.create(title="Biểu trưng", file=get_test_image_file())
    agency.logo = image
    agency.save()
    page = soup(login(users[BIEN_TAP_VIEN]).get("/admin/"))
    assert page.h1.get_text(strip=True) == "Sở Thông tin và Truyền thông Thanh Hóa"
    assert page.title.get_text().endswith("- Sở Thông tin và Truyền thông Thanh Hóa")
    logo = BeautifulSoup(
        page.select_one("template[data-wagtail-sidebar-branding-logo]").decode_contents(),
        "html.parser",
    ).img
    assert "/images/" in logo["src"] and logo["alt"] == agency.agency_name
    assert "/images/" in page.select_one("link[rel=icon]")["href"]


def test_each_host_shows_its_own_agency(client, settings, agency):
    settings.ALLOWED_HOSTS = ["*"]
    commune = HomePageFactory(parent=Page.get_first_root_node(), slug="xa-dong-tien")
    other = Site.objects.create(hostname="dongtien.example.vn", port=80, root_page=commune)
    commune_settings = AgencySettings.for_site(other)
    commune_settings.agency_name = "UBND xã Đông Tiến"
    commune_settings.save()
    for host, name in [
        ("dongtien.example.vn", "UBND xã Đông Tiến"),
        ("localhost", agency.agency_name),
    ]:
        page = soup(client.get("/admin/login/", HTTP_HOST=host))
        assert page.title.get_text() == f"Đăng nhập - {name}"
