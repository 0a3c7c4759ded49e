"""The admin keeps each agency's records to its own editors (cong.core.tenancy).

Questions stand for every site-owned model here; each app's isolation tests cover its own.
"""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

from cong.core.tenancy import sites_of
from cong.editorial.roles import BIEN_TAP_VIEN
from tests.factories import QuestionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def questions(site, other_site):
    return (
        QuestionFactory(site=site, title="Hỏi về cấp phép ở Sở A"),
        QuestionFactory(site=other_site, title="Hỏi về hộ tịch ở Sở B"),
    )


def test_a_user_works_for_the_sites_of_their_bound_groups(site, other_site, site_editor):
    editor = site_editor(site)
    assert sites_of(editor).allows(site.pk)
    assert not sites_of(editor).allows(other_site.pk)
    assert list(sites_of(editor).sites()) == [site]


def test_install_wide_groups_and_superusers_see_every_site(site, other_site):
    User = get_user_model()
    province = User.objects.create_user("tinh", password="mat-khau-thu-nghiem-dai")
    province.groups.add(Group.objects.get(name=BIEN_TAP_VIEN))  # bound to no site
    boss = User.objects.create_superuser("sa", password="mat-khau-thu-nghiem-dai")
    for user in (province, boss):
        assert sites_of(user).everything
        assert set(sites_of(user).sites()) == {site, other_site}


def test_a_user_in_no_group_works_for_no_site(site):
    nobody = get_user_model().objects.create_user("ai", password="mat-khau-thu-nghiem-dai")
    assert not sites_of(nobody).allows(site.pk)
    assert not sites_of(nobody).sites().exists()


def test_the_listing_shows_only_the_editors_site(client, site, site_editor, questions):
    client.force_login(site_editor(site))
    listing = client.get(reverse("hoi-dap:index"))
    assert listing.status_code == 200
    assert "Hỏi về cấp phép ở Sở A" in listing.text
    assert "Sở B" not in listing.text


def test_another_sites_record_is_404_by_url_guessing(client, site, site_editor, questions):
    own, other = questions
    client.force_login(site_editor(site))
    assert client.get(reverse("hoi-dap:edit", args=[own.pk])).status_code == 200
    for name in ("edit", "delete", "history", "usage"):
        assert client.get(reverse(f"hoi-dap:{name}", args=[other.pk])).status_code == 404, name
    answer = client.post(
        reverse("hoi-dap:edit", args=[other.pk]),
        {"answer": "Trả lời chen ngang", "status": "answered", "is_public": "on"},
    )
    assert answer.status_code == 404
    other.refresh_from_db()
    assert "chen ngang" not in str(other.answer)


def test_the_province_sees_both(client, site, other_site, questions):
    boss = get_user_model().objects.create_superuser("sa", password="mat-khau-thu-nghiem-dai")
    client.force_login(boss)
    listing = client.get(reverse("hoi-dap:index"))
    assert "Sở A" in listing.text and "Sở B" in listing.text


def test_a_listings_website_filter_offers_only_the_users_sites(
    client, site, other_site, site_editor
):
    from cong.editorial.roles import QUAN_TRI
    from cong.siteimport.models import ImportRun
    from tests.accounts.helpers import login_with_second_factor

    ImportRun.objects.create(site=site, source="https://cu.example.vn/", preset="auto")
    other = ImportRun.objects.create(
        site=other_site, source="https://sob.example.vn/", preset="auto"
    )
    login_with_second_factor(client, site_editor(site, QUAN_TRI))
    listing = client.get(reverse("siteimport_runs:index"))
    assert listing.status_code == 200
    assert "cu.example.vn" in listing.text and "sob.example.vn" not in listing.text
    assert other_site.site_name not in listing.text  # not even as a filter choice
    assert client.get(reverse("siteimport_runs:inspect", args=[other.pk])).status_code == 404
