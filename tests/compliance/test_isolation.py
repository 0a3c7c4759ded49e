"""Province mode: an agency's administrator lists, announces, changes and deletes the
planned stops of their own site only (the banner per site is in test_maintenance.py)."""

import pytest
import time_machine
from django.urls import reverse

from cong.compliance.models import MaintenanceWindow
from cong.editorial.roles import QUAN_TRI
from tests.accounts.helpers import login_with_second_factor
from tests.compliance.test_maintenance import at

pytestmark = pytest.mark.django_db
NOW = at(2026, 11, 30, 9, 0)


@pytest.fixture
def windows(site, other_site):
    """A stop announced on each site: (A's, B's)."""
    site.site_name, other_site.site_name = "Sở An", "Xã Bình"  # the groups' names differ
    site.save()
    other_site.save()
    return tuple(
        MaintenanceWindow.objects.create(
            site=s,
            starts_at=at(2026, 12, 20, 22, 0),
            ends_at=at(2026, 12, 21, 6, 0),
            reason=reason,
        )
        for s, reason in ((site, "Nâng cấp máy chủ của An"), (other_site, "Bảo trì của Bình"))
    )


@pytest.fixture
def admin_of_a(client, site, site_editor, windows):
    login_with_second_factor(client, site_editor(site, QUAN_TRI))
    return client


def url(name, *args):
    return reverse(f"wagtailsnippets_compliance_maintenancewindow:{name}", args=args)


def test_the_list_shows_only_the_admins_site(admin_of_a, windows):
    html = admin_of_a.get(url("list")).content.decode()
    assert "Nâng cấp máy chủ của An" in html and "Bảo trì của Bình" not in html


def test_another_sites_stop_is_404_whatever_the_url(admin_of_a, windows):
    own, other = windows
    assert admin_of_a.get(url("edit", own.pk)).status_code == 200
    for name in ("edit", "delete", "history", "usage"):
        assert admin_of_a.get(url(name, other.pk)).status_code == 404, name
    assert admin_of_a.post(url("delete", other.pk)).status_code == 404
    assert MaintenanceWindow.objects.filter(pk=other.pk).exists()


@time_machine.travel(NOW, tick=False)
def test_a_stop_is_announced_for_the_admins_site_only(admin_of_a, site, other_site, windows):
    form = admin_of_a.get(url("add")).context["form"]
    assert list(form.fields["site"].queryset) == [site]
    data = {"starts_at": "2026-12-28 22:00", "ends_at": "2026-12-29 06:00", "reason": "Chen"}
    admin_of_a.post(url("add"), {**data, "site": other_site.pk})
    assert not MaintenanceWindow.objects.filter(reason="Chen").exists()
    assert admin_of_a.post(url("add"), {**data, "site": site.pk}).status_code == 302
    assert MaintenanceWindow.objects.get(reason="Chen").site == site
