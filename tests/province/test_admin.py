"""The command and the admin screen that create a member site, and what its editors see."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.urls import reverse
from wagtail.models import Site

from cong.editorial.roles import BIEN_TAP_VIEN, QUAN_TRI
from cong.province.sites import create_site
from tests.accounts.helpers import login_with_second_factor

pytestmark = pytest.mark.django_db

PASSWORD = "mat-khau-thu-nghiem-dai"


def user_in(group_name, username="nguoidung"):
    user = get_user_model().objects.create_user(username, password=PASSWORD)
    user.groups.add(Group.objects.get(name=group_name))
    return user


def test_the_command_creates_a_site(site, capsys):
    call_command("create_site", host="xa-dong-son.localhost", name="UBND xã Đông Sơn", kind="xa")
    made = Site.objects.get(hostname="xa-dong-son.localhost")
    assert made.site_name == "UBND xã Đông Sơn"
    assert "xa-dong-son.localhost" in capsys.readouterr().out
    assert Group.objects.filter(name="Phóng viên — UBND xã Đông Sơn").exists()


def test_the_command_explains_a_bad_host_in_vietnamese(site):
    with pytest.raises(CommandError, match="Tên miền “http://x.localhost” không hợp lệ"):
        call_command("create_site", host="http://x.localhost", name="Sở X")
    with pytest.raises(CommandError, match="Loại cơ quan “huyen” không hợp lệ"):
        call_command("create_site", host="x.localhost", name="Sở X", kind="huyen")
    assert not Site.objects.filter(hostname="x.localhost").exists()


def test_the_command_refuses_a_host_taken_by_another_agency(site):
    create_site("so-y-te.localhost", "Sở Y tế")
    with pytest.raises(CommandError, match="đã dùng cho website “Sở Y tế”"):
        call_command("create_site", host="so-y-te.localhost", name="Sở Xây dựng")


def test_a_superuser_creates_a_site_from_the_settings_menu(client, site):
    admin = get_user_model().objects.create_superuser("sa", password=PASSWORD)
    client.force_login(admin)
    url = reverse("province_create_site")
    assert url in client.get(reverse("wagtailadmin_home")).text  # the Settings menu item
    form = client.get(url)
    assert form.status_code == 200
    assert "Tạo website thành viên" in form.text
    response = client.post(
        url, {"host": "so-tu-phap.localhost", "name": "Sở Tư pháp", "kind": "so"}
    )
    made = Site.objects.get(hostname="so-tu-phap.localhost")
    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_explore", args=[made.root_page_id])


def test_the_screen_shows_why_a_host_is_refused(client, site):
    client.force_login(get_user_model().objects.create_superuser("sa", password=PASSWORD))
    response = client.post(
        reverse("province_create_site"), {"host": "a.localhost:8000", "name": "Sở A", "kind": "so"}
    )
    assert response.status_code == 200
    assert "không hợp lệ" in response.text
    assert not Site.objects.filter(hostname__startswith="a.localhost").exists()


def test_the_install_wide_admin_group_may_create_sites(client, site):
    login_with_second_factor(client, user_in(QUAN_TRI))
    assert client.get(reverse("province_create_site")).status_code == 200


def test_a_site_editor_gets_403_and_no_menu_item(client, site, site_editor):
    client.force_login(site_editor(site))
    url = reverse("province_create_site")
    assert client.get(url).status_code == 403
    response = client.post(url, {"host": "x.localhost", "name": "Sở X", "kind": "so"})
    assert response.status_code == 403
    assert not Site.objects.filter(hostname="x.localhost").exists()
    assert url not in client.get(reverse("wagtailadmin_home")).text


def test_a_sites_own_admin_group_may_not_create_sites(client, site):
    made = create_site("so-y-te.localhost", "Sở Y tế")
    login_with_second_factor(client, user_in(f"{QUAN_TRI} — {made.site_name}"))
    assert client.get(reverse("province_create_site")).status_code == 403


def test_an_install_wide_editor_may_not_create_sites(client, site):
    client.force_login(user_in(BIEN_TAP_VIEN))
    assert client.get(reverse("province_create_site")).status_code == 403


def test_an_editor_of_a_created_site_sees_only_its_pages(client, site, home):
    made = create_site("so-tu-phap.localhost", "Sở Tư pháp")
    create_site("xa-dong-son.localhost", "UBND xã Đông Sơn", "xa")
    client.force_login(user_in(f"{BIEN_TAP_VIEN} — Sở Tư pháp"))
    # The explorer opens on the site's own home page …
    start = client.get(reverse("wagtailadmin_explore_root"))
    assert start.status_code == 302
    assert start.url == reverse("wagtailadmin_explore", args=[made.root_page_id])
    listing = client.get(start.url)
    assert "Tin tức - Sự kiện" in listing.text
    # … another site's tree leads back there …
    other = Site.objects.get(hostname="xa-dong-son.localhost")
    for root in (other.root_page_id, home.pk):
        response = client.get(reverse("wagtailadmin_explore", args=[root]))
        assert response.status_code == 302
        assert response.url == start.url
    # … and searching pages finds only the site's own.
    found = client.get(reverse("wagtailadmin_pages:search"), {"q": "Hỏi đáp"})
    assert found.status_code == 200
    shown = found.context["pages"]
    assert shown and all(page.get_site().pk == made.pk for page in shown)
