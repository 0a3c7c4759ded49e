"""The admin's dashboard panel, report page and CSV export."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from cong.core.clients import local_day
from cong.visits.models import DailyStats, DroppedHits, PageDailyStats


@pytest.fixture
def history(site, section):
    today = local_day(timezone.now())
    for offset, (visits, views) in enumerate([(12, 40), (7, 19), (1937, 5210)]):
        DailyStats.objects.create(
            site=site, day=today - datetime.timedelta(days=offset), visits=visits, pageviews=views
        )
    DailyStats.objects.create(
        site=site, day=today - datetime.timedelta(days=100), visits=5, pageviews=9
    )
    PageDailyStats.objects.create(site=site, day=today, path=section.url, page=section, views=33)
    DroppedHits.objects.create(site=site, day=today, reason="crawler", count=81)
    return today


def test_the_report_shows_totals_chart_top_pages_and_filtered_hits(admin_client, history, section):
    html = admin_client.get("/admin/thong-ke-truy-cap/").content.decode()
    assert '<svg class="visit-chart"' in html and html.count("<rect") >= 30
    assert "1.956" in html  # visits in 30 days: 12 + 7 + 1937
    assert "5.269" in html  # page views in 30 days
    assert "Tin tức - Sự kiện" in html and ">33<" in html
    assert "Trình thu thập tự động" in html and ">81<" in html
    assert "HMAC" in html  # the definitions are shown to admins


def test_a_longer_period_includes_older_days(admin_client, history):
    html = admin_client.get("/admin/thong-ke-truy-cap/", {"period": "365"}).content.decode()
    assert "1.961" in html
    assert admin_client.get("/admin/thong-ke-truy-cap/", {"period": "x"}).status_code == 200


def test_the_csv_has_one_row_per_day_with_vietnamese_headers(admin_client, history):
    response = admin_client.get("/admin/thong-ke-truy-cap/csv/", {"period": "30"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0] == "Ngày,Lượt truy cập,Lượt xem trang"
    assert len(lines) == 31
    assert lines[-1] == f"{history:%d/%m/%Y},12,40"


def test_the_dashboard_shows_todays_figures(admin_client, history):
    html = admin_client.get("/admin/").content.decode()
    assert "Thống kê truy cập hôm nay" in html


def test_editors_without_the_permission_cannot_see_the_report(client, site):
    editor = get_user_model().objects.create_user("editor", password="x")
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    assert client.get("/admin/thong-ke-truy-cap/").status_code in (302, 403)
    assert "Thống kê truy cập hôm nay" not in client.get("/admin/").content.decode()
    editor.user_permissions.add(Permission.objects.get(codename="view_dailystats"))
    # Figures are of the sites one works for: an install-wide group gives every site.
    editor.groups.add(Group.objects.create(name="Thống kê"))
    editor = get_user_model().objects.get(pk=editor.pk)
    client.force_login(editor)
    assert client.get("/admin/thong-ke-truy-cap/").status_code == 200
