"""Province mode: each agency's link directory stays its own, in the admin and in the sidebar."""

import pytest
from django.urls import reverse

from cong.editorial.roles import LANH_DAO_DUYET
from cong.links.models import LinkGroup
from tests.accounts.helpers import login_with_second_factor
from tests.factories import LinkFactory, LinkGroupFactory
from tests.tenancy import OTHER_HOST

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def both_hosts(settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, OTHER_HOST]


@pytest.fixture
def groups(site, other_site):
    own = LinkGroupFactory(site=site, title="Cơ quan của Sở An")
    other = LinkGroupFactory(site=other_site, title="Cơ quan của Sở Bình")
    LinkFactory(group=own, title="Website An", url="https://an.gov.vn/")
    LinkFactory(group=other, title="Website Bình", url="https://binh.gov.vn/")
    return own, other


@pytest.fixture
def editor(site, site_editor):
    """Site A's leader, who may edit and delete link groups."""
    return site_editor(site, LANH_DAO_DUYET)


def url(name, *args):
    return reverse(LinkGroup.snippet_viewset.get_url_name(name), args=args)


def test_the_sidebar_shows_only_the_sites_links(client, groups):
    a_side = client.get("/").text
    assert "Website An" in a_side and "Website Bình" not in a_side
    b_side = client.get("/", HTTP_HOST=OTHER_HOST).text
    assert "Website Bình" in b_side and "Website An" not in b_side


def test_the_listing_shows_only_the_editors_groups(client, editor, groups):
    login_with_second_factor(client, editor)
    listing = client.get(url("list"))
    assert listing.status_code == 200
    assert "Cơ quan của Sở An" in listing.text and "Sở Bình" not in listing.text


def test_another_sites_group_is_404_whatever_the_url(client, editor, groups):
    own, other = groups
    login_with_second_factor(client, editor)
    for name in ("edit", "delete", "history", "usage"):
        assert client.get(url(name, own.pk)).status_code == 200, name
        assert client.get(url(name, other.pk)).status_code == 404, name
    answer = client.post(
        url("edit", other.pk),
        {
            "title": "Đổi tên chen ngang",
            "sort_order": 0,
            "links-TOTAL_FORMS": "0",
            "links-INITIAL_FORMS": "0",
            "links-MIN_NUM_FORMS": "0",
            "links-MAX_NUM_FORMS": "1000",
        },
    )
    assert answer.status_code == 404
    assert client.post(url("delete", other.pk)).status_code == 404
    other.refresh_from_db()
    assert other.title == "Cơ quan của Sở Bình" and other.links.count() == 1


def test_the_chooser_offers_only_the_editors_groups(client, editor, groups):
    own, other = groups
    login_with_second_factor(client, editor)
    chooser = LinkGroup.snippet_viewset.chooser_viewset
    html = client.get(reverse(chooser.get_url_name("choose"))).json()["html"]
    assert own.title in html and other.title not in html
    assert client.get(reverse(chooser.get_url_name("chosen"), args=[other.pk])).status_code == 404


def test_a_new_group_goes_to_the_editors_site(client, site, editor, groups):
    login_with_second_factor(client, editor)
    form = client.get(url("add"))
    assert "site" not in form.context["form"].fields  # one site: nothing to choose
    answer = client.post(
        url("add"),
        {
            "title": "Dịch vụ công",
            "sort_order": 3,
            "links-TOTAL_FORMS": "1",
            "links-INITIAL_FORMS": "0",
            "links-MIN_NUM_FORMS": "0",
            "links-MAX_NUM_FORMS": "1000",
            "links-0-title": "Cổng Dịch vụ công quốc gia",
            "links-0-url": "https://dichvucong.gov.vn/",
            "links-0-ORDER": "1",
        },
    )
    assert answer.status_code == 302
    assert LinkGroup.objects.get(title="Dịch vụ công").site == site
