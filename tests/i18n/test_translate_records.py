"""Editors translate their site's records (leaders, units, link groups, procedures) with
"Dịch" (simple_translation), and never another site's: Wagtail's own check is the model's
change permission, which a site's editor holds for every site (cong.core.tenancy)."""

from django.urls import reverse
from wagtail.models import Locale

from cong.agency.models import Leader
from cong.editorial.roles import QUAN_TRI
from tests.accounts.helpers import login_with_second_factor


def translate_url(leader):
    return reverse(
        "simple_translation:submit_snippet_translation", args=["agency", "leader", leader.pk]
    )


def make_leader(site, name):
    return Leader.objects.create(site=site, full_name=name, position="Giám đốc Sở")


def english():
    return Locale.objects.get(language_code="en")


def test_a_site_administrator_translates_the_sites_leader(client, site, other_site, site_editor):
    leader = make_leader(site, "Nguyễn Văn A")
    login_with_second_factor(client, site_editor(site, QUAN_TRI))
    assert client.get(translate_url(leader)).status_code == 200
    response = client.post(translate_url(leader), {"locales": [english().pk]})
    assert response.status_code == 302
    translation = Leader.objects.get(translation_key=leader.translation_key, locale=english())
    assert translation.site_id == site.pk


def test_another_sites_leader_is_not_found(client, site, other_site, site_editor):
    theirs = make_leader(other_site, "Trần Thị B")
    login_with_second_factor(client, site_editor(site, QUAN_TRI))
    assert client.get(translate_url(theirs)).status_code == 404
    assert client.post(translate_url(theirs), {"locales": [english().pk]}).status_code == 404
    assert not Leader.objects.filter(locale=english()).exists()
