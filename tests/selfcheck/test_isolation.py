"""Province mode: an agency's leaders and administrators see the self-check report of their
own site only: no other site to choose, and another site's report is 404 by its number (in
the page, the XLSX and the PDF); the province's administrators choose among every site."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import Page, Site

from cong.editorial.roles import LANH_DAO_DUYET, QUAN_TRI
from tests.accounts.helpers import login_with_second_factor
from tests.factories import HomePageFactory
from tests.tenancy import OTHER_HOST

pytestmark = pytest.mark.django_db
URL = reverse("selfcheck_report")


@pytest.fixture
def named(demo):
    """The demo's site (A) and a second agency's site (B) in the same install; the demo is
    this package's database (tests/selfcheck/conftest.py), so B is made here."""
    home = HomePageFactory(parent=Page.get_first_root_node(), slug="trang-chu-b", title="Xã B")
    other = Site.objects.create(hostname=OTHER_HOST, root_page=home, site_name="Xã Bình")
    return demo, other


@pytest.mark.parametrize("role", [LANH_DAO_DUYET, QUAN_TRI])
def test_an_agencys_admin_sees_only_their_sites_report(client, named, site_editor, role):
    site, other_site = named
    login_with_second_factor(client, site_editor(site, role))
    response = client.get(URL, HTTP_HOST=site.hostname)
    assert response.status_code == 200
    assert response.context["site"] == site and response.context["sites"] == [site]
    html = response.content.decode()
    assert 'name="site"' not in html  # nothing to choose
    assert other_site.hostname not in html
    for extra in ({}, {"export": "xlsx"}, {"export": "pdf"}):
        asked = client.get(URL, {"site": other_site.pk, **extra})
        assert asked.status_code == 404, extra
    assert client.get(URL, {"site": site.pk, "export": "pdf"}).status_code == 200


def test_an_agencys_admin_on_another_sites_address_still_gets_their_own(
    client, settings, named, site_editor
):
    site, other_site = named
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, other_site.hostname]
    login_with_second_factor(client, site_editor(site, QUAN_TRI))
    response = client.get(URL, HTTP_HOST=other_site.hostname)
    assert response.status_code == 200 and response.context["site"] == site


def test_the_province_chooses_among_every_site(client, named):
    site, other_site = named
    province = get_user_model().objects.create_user("tinh", password="mat-khau-thu-nghiem-dai")
    province.groups.add(Group.objects.get(name=QUAN_TRI))  # bound to no site
    login_with_second_factor(client, province)
    response = client.get(URL, {"site": other_site.pk})
    assert response.status_code == 200 and response.context["site"] == other_site
    assert set(response.context["sites"]) == {site, other_site}
    assert f'<option value="{other_site.pk}" selected>' in response.content.decode()
