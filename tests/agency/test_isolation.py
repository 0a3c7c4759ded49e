"""Province mode: each agency's leaders, units and social accounts stay its own, in the admin
(listings, exports, choosers, every view of one record) and on its public pages."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from cong.agency.models import (
    AgencyContacts,
    Leader,
    LeadersPage,
    OrganisationPage,
    OrgUnit,
    SocialAccount,
)
from tests.accounts.helpers import login_with_second_factor
from tests.tenancy import OTHER_HOST

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def both_hosts(settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, OTHER_HOST]


@pytest.fixture
def records(site, other_site):
    """Each model once per site: (site A's, site B's)."""
    leader_a = Leader.objects.create(site=site, full_name="Nguyễn Văn An", position="Giám đốc")
    leader_b = Leader.objects.create(
        site=other_site, full_name="Trần Thị Bình", position="Giám đốc B"
    )
    return {
        Leader: (leader_a, leader_b),
        OrgUnit: (
            OrgUnit.objects.create(site=site, name="Văn phòng An", head=leader_a),
            OrgUnit.objects.create(site=other_site, name="Văn phòng Bình", head=leader_b),
        ),
        SocialAccount: (
            SocialAccount.objects.create(
                site=site, platform="zalo", name="Zalo An", url="https://zalo.me/an"
            ),
            SocialAccount.objects.create(
                site=other_site, platform="zalo", name="Zalo Bình", url="https://zalo.me/binh"
            ),
        ),
    }


MODELS = [Leader, OrgUnit, SocialAccount]


def url(model, name, *args):
    return reverse(model.snippet_viewset.get_url_name(name), args=args)


@pytest.mark.parametrize("model", MODELS)
def test_the_listing_shows_only_the_editors_site(client, site, site_editor, records, model):
    own, other = records[model]
    login_with_second_factor(client, site_editor(site))
    listing = client.get(url(model, "list"))
    assert listing.status_code == 200
    assert str(own) in listing.text and str(other) not in listing.text


@pytest.mark.parametrize("model", MODELS)
def test_another_sites_record_is_404_whatever_the_url(client, site, site_editor, records, model):
    from cong.editorial.roles import LANH_DAO_DUYET

    own, other = records[model]
    login_with_second_factor(
        client, site_editor(site, LANH_DAO_DUYET)
    )  # may delete: the 404 is the site's
    assert client.get(url(model, "edit", own.pk)).status_code == 200
    assert client.get(url(model, "delete", own.pk)).status_code == 200
    for name in ("edit", "delete", "history", "usage"):
        assert client.get(url(model, name, other.pk)).status_code == 404, name
    assert client.post(url(model, "delete", other.pk)).status_code == 404
    assert model.objects.filter(pk=other.pk).exists()


def test_another_sites_leader_cannot_be_edited_by_posting(client, site, site_editor, records):
    _own, other = records[Leader]
    login_with_second_factor(client, site_editor(site))
    answer = client.post(
        url(Leader, "edit", other.pk),
        {"site": other.site_id, "full_name": "Đổi tên chen ngang", "position": "X"},
    )
    assert answer.status_code == 404
    other.refresh_from_db()
    assert other.full_name == "Trần Thị Bình"


def test_the_chooser_offers_only_the_editors_leaders(client, site, site_editor, records):
    own, other = records[Leader]
    login_with_second_factor(client, site_editor(site))
    chooser = Leader.snippet_viewset.chooser_viewset
    html = client.get(reverse(chooser.get_url_name("choose"))).json()["html"]
    assert own.full_name in html and other.full_name not in html
    chosen = reverse(chooser.get_url_name("chosen"), args=[other.pk])
    assert client.get(chosen).status_code == 404


def test_a_new_record_goes_to_the_editors_site_and_no_other(
    client, site, other_site, site_editor, records
):
    login_with_second_factor(client, site_editor(site))
    form = client.get(url(SocialAccount, "add"))
    assert form.status_code == 200
    choices = form.context["form"].fields["site"].queryset
    assert list(choices) == [site]
    data = {"platform": "facebook", "name": "Trang chen", "url": "https://facebook.com/x"}
    refused = client.post(url(SocialAccount, "add"), {**data, "site": other_site.pk})
    assert refused.status_code == 200  # the form again, with its error
    assert not SocialAccount.objects.filter(name="Trang chen").exists()
    client.post(url(SocialAccount, "add"), {**data, "site": site.pk, "sort_order": 0})
    assert SocialAccount.objects.get(name="Trang chen").site == site


def test_a_unit_is_headed_by_a_leader_of_its_own_site(records):
    unit_a, _unit_b = records[OrgUnit]
    unit_a.head = records[Leader][1]
    with pytest.raises(ValidationError) as error:
        unit_a.clean()
    assert "head" in error.value.message_dict


def test_another_sites_leader_is_not_this_sites_spokesperson(client, home, site, records):
    contacts = AgencyContacts.for_site(site)
    contacts.spokesperson = records[Leader][1]
    with pytest.raises(ValidationError):
        contacts.clean()
    contacts.save()  # saved behind the form's back: still never shown
    assert "Trần Thị Bình" not in client.get(home.url).text


@pytest.fixture
def public_pages(home, other_site):
    """The leaders and organisation pages on both sites."""
    pages = {}
    for key, root in (("a", home), ("b", other_site.root_page)):
        leaders = LeadersPage(title="Lãnh đạo", slug="lanh-dao")
        root.add_child(instance=leaders)
        leaders.save_revision().publish()
        chart = OrganisationPage(title="Cơ cấu tổ chức", slug="co-cau-to-chuc")
        root.add_child(instance=chart)
        chart.save_revision().publish()
        pages[key] = (leaders, chart)
    return pages


def test_each_sites_public_pages_show_only_its_own(client, public_pages, records):
    names = {
        key: [
            str(records[Leader][n].full_name),
            records[OrgUnit][n].name,
            records[SocialAccount][n].name,
        ]
        for n, key in enumerate(("localhost", OTHER_HOST))
    }
    for host, other in (("localhost", OTHER_HOST), (OTHER_HOST, "localhost")):
        leader, unit, account = names[host]
        pages = {
            p: client.get(p, HTTP_HOST=host).text for p in ("/lanh-dao/", "/co-cau-to-chuc/", "/")
        }
        assert leader in pages["/lanh-dao/"]
        assert unit in pages["/co-cau-to-chuc/"]
        assert account in pages["/"]
        for path, html in pages.items():
            for name in names[other]:
                assert name not in html, (host, path, name)


def test_search_finds_only_the_sites_leaders(client, public_pages, records):
    html = client.get("/tim-kiem/", {"q": "giam doc"}, HTTP_HOST="localhost").text
    assert "Nguyễn Văn An" in html and "Trần Thị Bình" not in html
