"""Province mode: each agency's schedule stays its own. Weeks are pages (page permissions on
each site's tree keep editors apart); the import, its sample sheet and the week copy work on
the index page's site and refuse another site's index; the dashboard shows the schedule of
the user's own site; the .ics feeds and public pages are per site."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.models import GroupPagePermission

from cong.agency.models import Leader
from cong.core.models import SheetMapping
from cong.schedule.models import ScheduleIndexPage, ScheduleWeekPage
from tests.schedule import sheets
from tests.schedule.conftest import MONDAY, WEDNESDAY_NOON, add_week
from tests.tenancy import OTHER_HOST

pytestmark = pytest.mark.django_db
WEDNESDAY = MONDAY + datetime.timedelta(days=2)


@pytest.fixture(autouse=True)
def both_hosts(settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, OTHER_HOST]


@pytest.fixture
def schedules(home, other_site):
    """A schedule page with this week's rows on each site: ((index, week) of A, of B)."""
    found = []
    for root, site, who, what in (
        (home, home.get_site(), "Nguyễn Văn An", "Giao ban của Sở An"),
        (other_site.root_page, other_site, "Trần Thị Bình", "Giao ban của Sở Bình"),
    ):
        index = ScheduleIndexPage(title="Lịch công tác", slug="lich-cong-tac")
        root.add_child(instance=index)
        index.save_revision().publish()
        leader = Leader.objects.create(site=site, full_name=who, position="Giám đốc")
        week = add_week(
            index, MONDAY, [dict(date=WEDNESDAY, session="sang", content=what, chair=leader)]
        )
        found.append((index, week, leader))
    return found


def import_url(index, name="schedule_import"):
    return reverse(name, args=[index.pk])


def upload(client, index):
    return client.post(
        import_url(index),
        {"step": "upload", "sheet": SimpleUploadedFile("lich.xlsx", sheets.ioffice_xlsx())},
    )


def refused(response) -> bool:
    """Wagtail's refusal (back to the dashboard), a 403 or a 404: never the view itself."""
    return response.status_code in (403, 404) or (
        response.status_code == 302 and response["Location"] == "/admin/"
    )


def test_an_editor_cannot_import_copy_or_sample_into_another_sites_schedule(
    client, site, site_editor, schedules
):
    (own, _w, _l), (other, other_week, _leader) = schedules
    client.force_login(site_editor(site))
    assert client.get(import_url(own)).status_code == 200  # their own: the upload form
    for name in ("schedule_import", "schedule_import_sample", "schedule_copy_week"):
        assert refused(client.get(import_url(other, name))), name
    assert refused(upload(client, other))
    assert refused(client.post(import_url(other), {"step": "confirm"}))
    assert refused(client.post(import_url(other, "schedule_copy_week")))
    assert list(ScheduleWeekPage.objects.child_of(other)) == [other_week]
    assert not SheetMapping.objects.exists()


def test_a_pending_upload_cannot_be_confirmed_into_another_sites_schedule(
    client, site, site_editor, schedules
):
    (own, _w, _l), (other, other_week, _leader) = schedules
    client.force_login(site_editor(site))
    assert upload(client, own).context["step"] == "map"  # waiting in the session
    assert refused(client.post(import_url(other), {"step": "confirm"}))
    assert list(ScheduleWeekPage.objects.child_of(other)) == [other_week]


def test_page_rights_on_another_sites_schedule_do_not_open_its_import(
    client, site, site_editor, schedules
):
    """Even a page permission granted on B's schedule by mistake does not let an editor
    bound to site A import, copy or download into it: 404, as for any record of B."""
    (_own, _w, _l), (other, _week, _leader) = schedules
    editor = site_editor(site)
    group = editor.groups.get()
    for codename in ("add_page", "change_page"):
        GroupPagePermission.objects.create(
            group=group, page=other, permission=Permission.objects.get(codename=codename)
        )
    client.force_login(editor)
    for name in ("schedule_import", "schedule_import_sample", "schedule_copy_week"):
        assert client.get(import_url(other, name)).status_code == 404, name
    assert upload(client, other).status_code == 404
    assert not SheetMapping.objects.exists()


def test_an_editor_cannot_open_another_sites_week(client, site, site_editor, schedules):
    (_own, own_week, _l), (_other, other_week, _leader) = schedules
    client.force_login(site_editor(site))
    assert client.get(reverse("wagtailadmin_pages:edit", args=[own_week.pk])).status_code == 200
    assert refused(client.get(reverse("wagtailadmin_pages:edit", args=[other_week.pk])))


def todays_panel(client) -> str:
    html = client.get("/admin/").content.decode()
    panel = BeautifulSoup(html, "html.parser").select_one("#schedule-today-section")
    return panel.get_text(" ", strip=True) if panel else ""


@pytest.mark.parametrize("own_site", ["site", "other_site"])
def test_the_dashboard_shows_the_schedule_of_the_users_own_site(
    client, request, site_editor, schedules, time_machine, own_site
):
    """On the admin's one address (the default site's), each agency's editor sees today's
    rows of their own site's schedule only."""
    time_machine.move_to(WEDNESDAY_NOON - datetime.timedelta(hours=8), tick=False)  # 11:00
    client.force_login(site_editor(request.getfixturevalue(own_site)))
    text = todays_panel(client)
    mine, theirs = ("An", "Bình") if own_site == "site" else ("Bình", "An")
    assert f"Giao ban của Sở {mine}" in text
    assert f"Giao ban của Sở {theirs}" not in text


def test_a_user_of_no_site_has_no_schedule_on_the_dashboard(
    client, django_user_model, schedules, time_machine
):
    time_machine.move_to(WEDNESDAY_NOON - datetime.timedelta(hours=8), tick=False)
    nobody = django_user_model.objects.create_user("ai", password="mat-khau-thu-nghiem-dai")
    nobody.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(nobody)
    assert todays_panel(client) == ""


def test_each_sites_feed_and_pages_hold_only_its_own_rows(client, schedules, time_machine):
    time_machine.move_to(WEDNESDAY_NOON, tick=False)
    (_a, _wa, leader_a), (_b, _wb, leader_b) = schedules
    for host, mine, theirs, their_leader in (
        ("localhost", "Sở An", "Sở Bình", leader_b),
        (OTHER_HOST, "Sở Bình", "Sở An", leader_a),
    ):
        feed = client.get("/lich-cong-tac/lich.ics", HTTP_HOST=host).content.decode()
        assert f"Giao ban của {mine}" in feed and theirs not in feed
        guessed = f"/lich-cong-tac/lanh-dao/{their_leader.pk}.ics"
        assert client.get(guessed, HTTP_HOST=host).status_code == 404
        page = client.get("/lich-cong-tac/", HTTP_HOST=host).text
        assert f"Giao ban của {mine}" in page and theirs not in page
        api = client.get("/api/v2/schedule/", HTTP_HOST=host).content.decode()
        assert theirs not in api
