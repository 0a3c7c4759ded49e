"""A site's own administrators and leaders: their site's settings only, none of the install's
screens (users, groups, sites, workflows), and a second factor like the install-wide roles."""

import pytest
from django.urls import reverse

from cong.accounts.twofactor import is_mandatory
from cong.editorial.roles import BIEN_TAP_VIEN, LANH_DAO_DUYET, QUAN_TRI
from cong.province.sites import create_site
from tests.accounts.helpers import login_with_second_factor

pytestmark = pytest.mark.django_db


@pytest.fixture
def commune(site):
    return create_site("xa-dong-son.localhost", "UBND xã Đông Sơn", "xa")


@pytest.fixture
def commune_admin(commune, django_user_model):
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user("qtxa", password="mat-khau-thu-nghiem-dai")
    user.groups.add(Group.objects.get(name=f"{QUAN_TRI} — UBND xã Đông Sơn"))
    return user


def test_a_sites_admins_and_leaders_owe_a_second_factor(commune, django_user_model):
    from django.contrib.auth.models import Group

    for role, mandatory in ((QUAN_TRI, True), (LANH_DAO_DUYET, True), (BIEN_TAP_VIEN, False)):
        user = django_user_model.objects.create_user(f"u-{role}", password="mat-khau-dai-1234")
        user.groups.add(Group.objects.get(name=f"{role} — UBND xã Đông Sơn"))
        assert is_mandatory(user) is mandatory, role


def test_a_sites_admin_cannot_reach_the_installs_own_screens(client, commune_admin):
    login_with_second_factor(client, commune_admin)
    assert client.get(reverse("wagtailadmin_home")).status_code == 200
    for name in ("wagtailusers_users:index", "wagtailusers_groups:index", "wagtailsites:index",
                 "wagtailadmin_workflows:index"):  # fmt: skip
        answer = client.get(reverse(name))
        assert answer.status_code in (302, 403), name
        if answer.status_code == 302:
            assert answer.url.rstrip("/") == reverse("wagtailadmin_home").rstrip("/"), name


def test_a_sites_admin_edits_their_sites_settings_and_not_anothers(
    client, site, commune, commune_admin
):
    login_with_second_factor(client, commune_admin)
    own = reverse("wagtailsettings:edit", args=["core", "agencysettings", commune.pk])
    other = reverse("wagtailsettings:edit", args=["core", "agencysettings", site.pk])
    assert client.get(own).status_code == 200
    assert client.get(other).status_code in (302, 403)
    # Opening "Settings › Cơ quan" from another site's address leads to their own.
    answer = client.get(reverse("wagtailsettings:edit", args=["core", "agencysettings"]))
    assert answer.status_code == 302 and answer.url == own
