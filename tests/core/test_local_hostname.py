"""A Site still named localhost: a warning in `manage.py check` (cong.W003) and on the admin
dashboard of those who may fix it, since every absolute address (RSS, sitemap, metadata)
would point to http://localhost/."""

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import Site

from cong.core.sites import check_local_hostnames
from tests.accounts.helpers import login_with_second_factor

HEADING = "Website chưa có tên miền thật"


@pytest.fixture
def not_debug(settings):
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["localhost", "127.0.0.1"]


def test_check_warns_about_a_site_still_called_localhost(home, not_debug):
    (warning,) = check_local_hostnames()
    assert warning.id == "cong.W003" and warning.obj == Site.objects.get()
    assert "http://localhost/" in warning.msg and "Settings › Sites" in warning.hint


def test_check_is_silent_once_named_in_debug_or_where_w002_speaks(home, not_debug, settings):
    settings.DEBUG = True
    assert check_local_hostnames() == []
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["stttt.thanhhoa.gov.vn"]  # cong.W002 names the host to use
    assert check_local_hostnames() == []
    settings.ALLOWED_HOSTS = ["localhost"]
    Site.objects.update(hostname="stttt.thanhhoa.gov.vn", port=443)
    assert check_local_hostnames() == []


def test_check_is_silent_without_a_database_table(not_debug, monkeypatch):
    from django.db import DatabaseError

    from cong.core import sites

    def broken():
        raise DatabaseError("no such table: wagtailcore_site")

    monkeypatch.setattr(sites, "local_sites", broken)
    assert check_local_hostnames() == []


def test_the_dashboard_warns_administrators_and_links_to_the_site(client, home):
    admin = get_user_model().objects.create_superuser("quantri", password="x")
    login_with_second_factor(client, admin)
    html = client.get("/admin/").content.decode()
    assert HEADING in html
    site = Site.objects.get()
    assert f'href="/admin/sites/edit/{site.pk}/"' in html
    Site.objects.update(hostname="stttt.thanhhoa.gov.vn", port=443)
    assert HEADING not in client.get("/admin/").content.decode()


def test_an_editor_who_cannot_change_sites_is_not_told(client, home):
    from django.contrib.auth.models import Permission

    editor = get_user_model().objects.create_user("bientap", password="x")
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    response = client.get("/admin/")
    assert response.status_code == 200
    assert HEADING not in response.content.decode()
