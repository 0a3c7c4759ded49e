"""Province mode: promoted search results are install-wide, so only install-wide users manage
them; each site's search shows the promotions of its own pages (and outside links) only."""

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from cong.editorial.roles import QUAN_TRI
from tests.accounts.helpers import login_with_second_factor
from tests.factories import CategoryPageFactory
from tests.tenancy import OTHER_HOST

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def both_hosts(settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, OTHER_HOST]


@pytest.fixture
def promotion(site):
    return SearchPromotion.objects.create(
        query=Query.get("hoc phi"), page=site.root_page, sort_order=0, description="Đề xuất"
    )


def test_an_agency_admin_may_not_manage_promotions(client, site, site_editor, promotion):
    admin_a = site_editor(site, QUAN_TRI)
    # A site's Quản trị is not given them (create_site); had someone granted them by hand,
    # the screens still refuse an agency's own users.
    admin_a.groups.get().permissions.add(
        *Permission.objects.filter(content_type__app_label="wagtailsearchpromotions")
    )
    admin_a = type(admin_a).objects.get(pk=admin_a.pk)
    assert admin_a.has_perm("wagtailsearchpromotions.add_searchpromotion")
    login_with_second_factor(client, admin_a)
    query = promotion.query
    urls = [
        reverse("wagtailsearchpromotions:index"),
        reverse("wagtailsearchpromotions:add"),
        reverse("wagtailsearchpromotions:edit", args=[query.pk]),
        reverse("wagtailsearchpromotions:delete", args=[query.pk]),
        reverse("wagtailsearchpromotions:chooser"),
    ]
    for url in urls:
        assert client.get(url).status_code == 403, url
    assert (
        client.post(reverse("wagtailsearchpromotions:delete", args=[query.pk])).status_code == 403
    )
    assert SearchPromotion.objects.filter(pk=promotion.pk).exists()
    home = client.get(reverse("wagtailadmin_home")).text
    assert reverse("wagtailsearchpromotions:index") not in home


def test_install_wide_users_manage_them(admin_client, promotion):
    assert admin_client.get(reverse("wagtailsearchpromotions:index")).status_code == 200
    edit = reverse("wagtailsearchpromotions:edit", args=[promotion.query.pk])
    assert admin_client.get(edit).status_code == 200
    home = admin_client.get(reverse("wagtailadmin_home")).text
    assert reverse("wagtailsearchpromotions:index") in home


def test_each_sites_search_shows_only_its_own_pages_promotions(site, other_site):
    query = Query.get("hoc phi")
    page_a = CategoryPageFactory(parent=site.root_page, title="Học phí ở Sở A", slug="hoc-phi")
    page_b = CategoryPageFactory(
        parent=other_site.root_page, title="Học phí ở Sở B", slug="hoc-phi"
    )
    for n, page in enumerate((page_a, page_b)):
        SearchPromotion.objects.create(query=query, page=page, sort_order=n)
    SearchPromotion.objects.create(
        query=query,
        external_link_url="https://dichvucong.gov.vn/",
        external_link_text="Cổng Dịch vụ công quốc gia",
        sort_order=3,
    )
    for host, own in (("localhost", "A"), (OTHER_HOST, "B")):
        promoted = Client(HTTP_HOST=host).get("/tim-kiem/", {"q": "hoc phi"}).context["promotions"]
        shown = {pick.page.title if pick.page else pick.external_link_text for pick in promoted}
        assert shown == {f"Học phí ở Sở {own}", "Cổng Dịch vụ công quốc gia"}, host
