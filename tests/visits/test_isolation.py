"""Province mode: a site's visit figures are its own — the report, its CSV, the dashboard panel
and the counters never show or mix in another agency's site."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from cong.core.clients import local_day
from cong.editorial.roles import QUAN_TRI
from cong.visits.models import DailyStats, PageDailyStats
from cong.visits.stats import page_views, page_views_key, summary_for_site
from cong.visits.stores.database import DatabaseStore
from tests.accounts.helpers import login_with_second_factor

pytestmark = pytest.mark.django_db


@pytest.fixture
def figures(site, other_site, section):
    """Today: site A 11 visits / 22 views, site B 777 / 888; both counted on one page id."""
    today = local_day(timezone.now())
    DailyStats.objects.create(site=site, day=today, visits=11, pageviews=22)
    DailyStats.objects.create(site=other_site, day=today, visits=777, pageviews=888)
    PageDailyStats.objects.create(site=site, day=today, path="/a/", page=section, views=5)
    PageDailyStats.objects.create(site=other_site, day=today, path="/b/", page=section, views=600)
    return today


@pytest.fixture
def admin_of_a(client, site, site_editor):
    login_with_second_factor(client, site_editor(site, QUAN_TRI))
    return client


def test_the_report_shows_only_the_editors_site_whatever_is_asked(admin_of_a, figures, other_site):
    report = admin_of_a.get(reverse("visits_report"))
    assert report.status_code == 200
    assert list(report.context["sites"]) == [report.context["site"]]
    assert (report.context["report"].visits, report.context["summary"].today) == (11, 11)
    assert "777" not in report.text and "888" not in report.text
    assert admin_of_a.get(reverse("visits_report"), {"site": other_site.pk}).status_code == 404


def test_the_csv_keeps_to_the_editors_site(admin_of_a, figures, other_site):
    csv = admin_of_a.get(reverse("visits_report_csv")).content.decode("utf-8-sig")
    assert f"{figures:%d/%m/%Y},11,22" in csv and "777" not in csv
    guessed = admin_of_a.get(reverse("visits_report_csv"), {"site": other_site.pk})
    assert guessed.status_code == 404


def test_the_dashboard_panel_shows_the_users_own_site(client, figures, other_site, site_editor):
    login_with_second_factor(
        client, site_editor(other_site, QUAN_TRI)
    )  # opened on localhost, site A's host
    html = client.get(reverse("wagtailadmin_home")).text
    assert "Thống kê truy cập hôm nay" in html
    assert ">777<" in html and ">11<" not in html
    assert f"?site={other_site.pk}" in html


def test_a_user_of_no_site_has_no_report(client, figures):
    nobody = get_user_model().objects.create_user("ai", password="mat-khau-thu-nghiem-dai")
    nobody.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_dailystats", "access_admin"])
    )
    client.force_login(nobody)
    for name in ("visits_report", "visits_report_csv"):
        refused = client.get(reverse(name))  # Wagtail turns the 403 into a way back home
        assert (refused.status_code, refused.url) == (302, reverse("wagtailadmin_home"))


def test_the_province_chooses_among_every_site(client, figures, site, other_site):
    boss = get_user_model().objects.create_superuser("sa", password="mat-khau-thu-nghiem-dai")
    client.force_login(boss)
    report = client.get(reverse("visits_report"), {"site": other_site.pk})
    assert set(report.context["sites"]) == {site, other_site}
    assert report.context["report"].visits == 777


def test_counters_and_summaries_never_mix_sites(figures, site, other_site, section):
    store = DatabaseStore()
    a = store.summary(site.pk, timezone.now(), timezone.timedelta(minutes=5))
    b = store.summary(other_site.pk, timezone.now(), timezone.timedelta(minutes=5))
    assert (a.today, a.pageviews_today) == (11, 22)
    assert (b.today, b.pageviews_today) == (777, 888)
    assert store.page_views(site.pk, section.pk) == 5
    assert store.page_views(other_site.pk, section.pk) == 600
    cache.delete(page_views_key(section.pk))
    assert page_views(site, section.pk) == 5
    assert summary_for_site(site, fresh=True).today == 11
