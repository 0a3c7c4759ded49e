"""Province mode: an agency's administrator reads the login log and lock-outs of their own
sites' users only, and unlocks only those; the province's administrators see everything."""

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from cong.accounts.models import LoginEvent
from cong.editorial.roles import BIEN_TAP_VIEN, QUAN_TRI
from tests.accounts.helpers import login_with_second_factor

pytestmark = pytest.mark.django_db

LOG = reverse("accounts_login_events")


@pytest.fixture
def people(site, other_site, site_editor, django_user_model):
    """An editor of each site, and a province editor (an install-wide group), with events."""
    editor_a, editor_b = site_editor(site, BIEN_TAP_VIEN), site_editor(other_site, BIEN_TAP_VIEN)
    province = django_user_model.objects.create_user("tinh", password="mat-khau-dai-du-12")
    province.groups.add(Group.objects.get(name=BIEN_TAP_VIEN))
    for user in (editor_a, editor_b, province):
        LoginEvent.objects.create(
            kind="login", username=user.username, user=user, ip_address="192.0.2.1"
        )
    LoginEvent.objects.create(kind="failure", username="ke-gian", ip_address="203.0.113.5")
    return editor_a, editor_b, province


def usernames(response) -> set[str]:
    return {row.username for row in response.context["object_list"]}


def lock_out(username: str = "", ip: str | None = None) -> None:
    AccessAttempt.objects.create(
        username=username,
        ip_address=ip,
        user_agent="x",
        failures_since_start=settings.AXES_FAILURE_LIMIT,
        attempt_time=timezone.now(),
    )


def test_an_agency_admin_sees_only_their_sites_users(client, site, site_editor, people):
    editor_a, editor_b, province = people
    admin_a = site_editor(site, QUAN_TRI)
    login_with_second_factor(client, admin_a)
    response = client.get(LOG)
    assert response.status_code == 200
    seen = usernames(response)
    assert editor_a.username in seen
    assert not seen & {editor_b.username, province.username, "ke-gian"}
    export = client.get(LOG, {"export": "csv"})
    export = b"".join(export.streaming_content).decode("utf-8-sig")
    assert editor_a.username in export and editor_b.username not in export


def test_lockouts_and_unlocking_keep_to_the_admins_sites(client, site, site_editor, people):
    editor_a, editor_b, _province = people
    for user in (editor_a, editor_b):
        lock_out(user.username)
    lock_out(ip="203.0.113.9")
    login_with_second_factor(client, site_editor(site, QUAN_TRI))
    shown = {lock.value for lock in client.get(LOG).context["lockouts"]}
    assert shown == {editor_a.username}
    refused = [{"username": editor_b.username}, {"ip_address": "203.0.113.9"}]
    for data in refused:
        assert client.post(reverse("accounts_unlock"), data).status_code == 403
    assert AccessAttempt.objects.filter(username=editor_b.username).exists()
    assert AccessAttempt.objects.filter(ip_address="203.0.113.9").exists()
    unlocked = client.post(reverse("accounts_unlock"), {"username": editor_a.username})
    assert unlocked.status_code == 302
    assert not AccessAttempt.objects.filter(username=editor_a.username).exists()


def test_the_province_sees_every_event(admin_client, people):
    editor_a, editor_b, province = people
    seen = usernames(admin_client.get(LOG))
    assert {editor_a.username, editor_b.username, province.username, "ke-gian"} <= seen
