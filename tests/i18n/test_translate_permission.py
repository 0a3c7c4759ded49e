"""Editors translate pages ("Dịch", wagtail.contrib.simple_translation) without being
superusers: the roles that write pages hold "Được tạo bản dịch", a site's own editors
translate their site's pages, into an English tree they may then edit, and never another
site's pages (province mode)."""

import importlib

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail.models import GroupPagePermission, Locale, Page, WorkflowPage

from cong.editorial.roles import (
    BIEN_TAP_VIEN,
    LANH_DAO_DUYET,
    PHONG_VIEN,
    QUAN_LY_VAN_BAN,
    QUAN_TRI,
)
from cong.province.sites import ensure_site_workflow, group_name
from tests.accounts.helpers import login_with_second_factor
from tests.factories import CategoryPageFactory

PERMISSION = "simple_translation.submit_translation"


def translate_url(page):
    return reverse("simple_translation:submit_page_translation", args=[page.pk])


def denied(response):
    """Wagtail answers PermissionDenied in the admin with a way back to the dashboard."""
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    )


def english():
    return Locale.objects.get(language_code="en")


@pytest.fixture
def intro(home):
    return CategoryPageFactory(parent=home, title="Giới thiệu", slug="gioi-thieu")


def test_the_roles_that_write_pages_may_translate(site):
    for role in (PHONG_VIEN, BIEN_TAP_VIEN, LANH_DAO_DUYET, QUAN_TRI):
        codes = Group.objects.get(name=role).permissions.values_list("codename", flat=True)
        assert "submit_translation" in codes, role
    clerk = Group.objects.get(name=QUAN_LY_VAN_BAN).permissions
    assert not clerk.filter(codename="submit_translation").exists()


def test_a_site_editor_translates_the_sites_pages(client, site, other_site, site_editor, intro):
    editor = site_editor(site, BIEN_TAP_VIEN)
    assert not editor.is_superuser and editor.has_perm(PERMISSION)
    login_with_second_factor(client, editor)
    home = site.root_page

    # The explorer offers "Dịch" on the site's pages.
    listing = client.get(reverse("wagtailadmin_explore", args=[home.pk])).text
    assert translate_url(intro) in listing and "Dịch" in listing

    # The home first: the English home is a sibling of it, which the editor may edit.
    assert client.get(translate_url(home)).status_code == 200
    answer = client.post(translate_url(home), {"locales": [english().pk]})
    english_home = home.get_translation(english())
    assert answer.status_code == 302
    assert answer["Location"] == reverse("wagtailadmin_pages:edit", args=[english_home.pk])
    assert english_home.get_parent().is_root()
    assert client.get(answer["Location"]).status_code == 200

    # Then a page: an English draft under the English home, edited in the ordinary editor.
    answer = client.post(translate_url(intro), {"locales": [english().pk]})
    english_intro = intro.get_translation(english())
    assert english_intro.get_parent().pk == english_home.pk and not english_intro.live
    edit = client.get(answer["Location"])
    assert edit.status_code == 200
    assert answer["Location"] == reverse("wagtailadmin_pages:edit", args=[english_intro.pk])


def test_the_english_home_takes_the_homes_permissions_and_workflow(site, other_site, site_editor):
    editor = site_editor(site, BIEN_TAP_VIEN)
    groups = {role: Group.objects.get(name=group_name(role, site)) for role in (BIEN_TAP_VIEN,)}
    groups[LANH_DAO_DUYET] = site_editor(site, LANH_DAO_DUYET).groups.get()
    workflow = ensure_site_workflow(site, groups)
    from wagtail.actions.copy_for_translation import CopyPageForTranslationAction

    english_home = CopyPageForTranslationAction(
        site.root_page.specific, english(), user=editor
    ).execute()
    assert WorkflowPage.objects.get(page=english_home).workflow == workflow
    assert set(
        GroupPagePermission.objects.filter(page=english_home).values_list(
            "group_id", "permission__codename"
        )
    ) == set(
        GroupPagePermission.objects.filter(page=site.root_page).values_list(
            "group_id", "permission__codename"
        )
    )
    # Another site's groups gain nothing there.
    other_group = site_editor(other_site).groups.get()
    assert not GroupPagePermission.objects.filter(page=english_home, group=other_group).exists()


def test_a_site_editor_cannot_translate_another_sites_page(client, site, other_site, site_editor):
    other_page = CategoryPageFactory(parent=other_site.root_page, slug="gioi-thieu-b")
    login_with_second_factor(client, site_editor(site))
    for page in (other_site.root_page, other_page):
        assert denied(client.get(translate_url(page)))
        assert denied(client.post(translate_url(page), {"locales": [english().pk]}))
        assert page.get_translation_or_none(english()) is None


def test_a_site_editor_cannot_edit_another_sites_english_pages(
    client, site, other_site, site_editor
):
    from tests.i18n.conftest import translate

    other_english = translate(other_site.root_page.specific, title="Department B")
    login_with_second_factor(client, site_editor(site))
    edit = reverse("wagtailadmin_pages:edit", args=[other_english.pk])
    assert denied(client.get(edit))


def test_the_migration_gives_existing_groups_and_english_homes_what_they_lack(
    site, site_editor, intro
):
    """Groups and English homes made before the permission was in the roles."""
    permission = Permission.objects.get(codename="submit_translation")
    editor_group = site_editor(site).groups.get()
    writers = Group.objects.get(name=PHONG_VIEN)
    for group in (editor_group, writers):
        group.permissions.remove(permission)
    english_home = Page.objects.get(pk=site.root_page.pk).copy_for_translation(english())
    GroupPagePermission.objects.filter(page=english_home).delete()

    migration = importlib.import_module("cong.editorial.migrations.0002_translate_permission")
    migration.forwards(apps, None)

    for group in (editor_group, writers):
        assert group.permissions.filter(pk=permission.pk).exists()
    assert not Group.objects.get(name=QUAN_LY_VAN_BAN).permissions.filter(pk=permission.pk)
    home_grants = set(
        GroupPagePermission.objects.filter(page=site.root_page).values_list(
            "group_id", "permission_id"
        )
    )
    assert home_grants and home_grants == set(
        GroupPagePermission.objects.filter(page=english_home).values_list(
            "group_id", "permission_id"
        )
    )


def test_a_site_group_made_after_the_english_home_edits_it(site, other_site, site_editor):
    from tests.i18n.conftest import translate

    english_home = translate(site.root_page.specific, title="Home")
    group = site_editor(site).groups.get()  # create_site's groups, made now
    assert GroupPagePermission.objects.filter(page=english_home, group=group).exists()
    assert english_home.permissions_for_user(group.user_set.get()).can_edit()
