"""Each duty passes on the demo where the demo meets it, and flips when the data changes."""

import datetime
import json

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from cong.agency import duties as agency
from cong.agency.models import AgencyContacts, Leader, OrganisationPage
from cong.compliance import duties as compliance
from cong.compliance.models import MaintenanceWindow, MeasurementSettings
from cong.core.duties import FAIL, PASS, WARN
from cong.disclosure import duties as disclosure
from cong.disclosure.models import DisclosureItem
from cong.editorial.roles import LANH_DAO_DUYET, QUAN_TRI
from cong.news.models import ArticlePage
from cong.ops.archive import ARCHIVE_PREFIX, ARCHIVE_SUFFIX, STAMP
from cong.participation import duties as participation
from cong.participation.models import Rating
from cong.procedures import duties as procedures
from cong.procedures.models import Procedure
from cong.selfcheck import checks

# --- agency (ND 224/2026 Art. 9) ---------------------------------------------------------


def test_art9_content_passes_on_the_demo_and_fails_without_the_organisation(demo):
    result = agency.art9_content(demo)
    assert result.status == PASS, result.detail
    OrganisationPage.objects.live().descendant_of(demo.root_page).first().unpublish()
    result = agency.art9_content(demo)
    assert result.status == FAIL
    assert "Cơ cấu tổ chức" in result.detail


def test_art9_content_warns_when_nothing_changed_for_a_year(demo):
    with time_machine.travel(timezone.now() + datetime.timedelta(days=400)):
        result = agency.art9_content(demo)
    assert result.status == WARN, result.detail


def test_art9_content_fails_without_the_agency_contacts(demo):
    from cong.core.models import AgencySettings

    agency_settings = AgencySettings.for_site(demo)
    agency_settings.phone = ""
    agency_settings.save()
    assert agency.art9_content(demo).status == FAIL


def test_leaders_biographies(demo):
    assert agency.leaders_biographies(demo).status == PASS
    leaders = Leader.objects.filter(site=demo).current()
    first = leaders.first()
    Leader.objects.filter(pk=first.pk).update(biography="<p> </p>")
    result = agency.leaders_biographies(demo)
    assert result.status == WARN and first.full_name in result.detail
    leaders.update(biography="")
    assert agency.leaders_biographies(demo).status == FAIL


def test_spokesperson(demo):
    assert agency.spokesperson_named(demo).status == PASS
    contacts = AgencyContacts.for_site(demo)
    leader = contacts.spokesperson
    Leader.objects.filter(pk=leader.pk).update(email="")
    contacts.spokesperson_email = ""
    contacts.save()
    result = agency.spokesperson_named(demo)
    assert result.status == WARN and "thư điện tử" in result.detail
    contacts.spokesperson = None
    contacts.spokesperson_name = ""
    contacts.save()
    assert agency.spokesperson_named(demo).status == FAIL


# --- procedures, disclosure, ratings -----------------------------------------------------


def test_procedures_linked(demo):
    assert procedures.procedures_linked(demo).status == PASS
    Procedure.objects.filter(pk=Procedure.objects.filter(site=demo).first().pk).update(
        national_url=""
    )
    assert procedures.procedures_linked(demo).status == WARN
    Procedure.objects.filter(site=demo).update(live=False)
    assert procedures.procedures_linked(demo).status == FAIL


def test_budget_disclosure_of_the_current_year(demo):
    years = sorted(
        DisclosureItem.objects.filter(kind__in=disclosure.BUDGET_KINDS).values_list(
            "year", flat=True
        )
    )
    newest = years[-1]
    with time_machine.travel(datetime.datetime(newest, 6, 1, 9, tzinfo=datetime.UTC)):
        assert disclosure.budget_disclosed(demo).status == PASS
    with time_machine.travel(datetime.datetime(newest + 1, 6, 1, 9, tzinfo=datetime.UTC)):
        result = disclosure.budget_disclosed(demo)
    assert result.status == WARN and str(newest) in result.detail
    DisclosureItem.objects.filter(kind__in=disclosure.BUDGET_KINDS).delete()
    assert disclosure.budget_disclosed(demo).status == FAIL


def test_ratings_warn_until_someone_rates(demo):
    Rating.objects.filter(site=demo).delete()
    assert participation.ratings_enabled(demo).status == WARN
    Rating.objects.create(
        site=demo, path="/", title="Trang chủ", visitor="v", day=timezone.localdate(), stars=5
    )
    assert participation.ratings_enabled(demo).status == PASS


# --- compliance (Art. 11(4), 12, 13) -----------------------------------------------------


def test_measurement_tag(demo):
    assert compliance.measurement_tag(demo).status == FAIL
    setting = MeasurementSettings.for_site(demo)
    setting.tag_script_url = "https://emc.gov.vn/tag.js"
    setting.save()
    assert compliance.measurement_tag(demo).status == PASS


def test_planned_stops(demo):
    assert compliance.planned_stops(demo).status == PASS
    now = timezone.now()
    window = MaintenanceWindow.objects.create(
        site=demo,
        starts_at=now - datetime.timedelta(days=1),
        ends_at=now - datetime.timedelta(hours=20),
        reason="Nâng cấp",
        force_majeure=True,  # saved as such, then the notice is made too short
    )
    MaintenanceWindow.objects.filter(pk=window.pk).update(
        force_majeure=False, created_at=now - datetime.timedelta(days=2)
    )
    assert compliance.planned_stops(demo).status == WARN


def test_ipv6_reads_the_deployed_nginx_site(demo, settings):
    assert compliance.ipv6(demo).status == WARN  # no file
    settings.CONG_NGINX_CONF.write_text("server {\n    listen 80;\n}\n")
    assert compliance.ipv6(demo).status == FAIL
    settings.CONG_NGINX_CONF.write_text("server {\n    listen 80;\n    listen [::]:80;\n}\n")
    assert compliance.ipv6(demo).status == PASS


# --- the install: transport, domain, pages ----------------------------------------------


def test_https_and_hsts(demo, settings):
    assert checks.https(demo).status == FAIL
    assert checks.hsts(demo).status == FAIL
    demo.port = 443
    assert checks.https(demo).status == WARN
    settings.SECURE_SSL_REDIRECT = settings.SESSION_COOKIE_SECURE = True
    assert checks.https(demo).status == PASS
    settings.SECURE_HSTS_SECONDS = 3600
    assert checks.hsts(demo).status == WARN
    settings.SECURE_HSTS_SECONDS = 31_536_000
    assert checks.hsts(demo).status == PASS


@pytest.mark.parametrize(
    "host, status",
    [("localhost", FAIL), ("sotttt.example.vn", WARN), ("stttt.thanhhoa.gov.vn", PASS)],
)
def test_gov_vn_hostname(demo, host, status):
    demo.hostname = host
    assert checks.gov_vn(demo).status == status


def test_metadata_sitemap_and_rss_pass_on_the_demo(demo):
    for check in (checks.metadata, checks.sitemap, checks.rss):
        result = check(demo)
        assert result.status == PASS, (check.__name__, result.detail)
    assert "/sitemap.xml có" in checks.sitemap(demo).detail


def test_metadata_names_what_a_page_lacks(demo, monkeypatch):
    monkeypatch.setattr(checks, "REQUIRED_DC", (*checks.REQUIRED_DC, "DC.khong-co"))
    result = checks.metadata(demo)
    assert result.status == FAIL and "/: DC.khong-co" in result.detail


def test_pages_fail_when_django_refuses_the_site_host(demo, settings):
    settings.ALLOWED_HOSTS = ["khac.gov.vn"]
    for check in (checks.metadata, checks.sitemap, checks.rss, checks.page_speed):
        result = check(demo)
        assert result.status == FAIL and "400" in result.detail, check.__name__


def test_pages_are_requested_over_https_behind_the_tls_proxy(demo, settings):
    """In production (SECURE_COOKIES, BEHIND_TLS_PROXY) Django redirects plain-HTTP requests
    to https://: the probes ask over HTTPS, so they read the pages, not the redirects."""
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    for check in (checks.metadata, checks.sitemap, checks.rss):
        result = check(demo)
        assert result.status == PASS, (check.__name__, result.detail)


def test_rss_warns_without_articles(demo):
    for article in ArticlePage.objects.live():
        article.unpublish()
    assert checks.rss(demo).status == WARN


def test_page_speed_and_the_last_lighthouse_figures(demo, monkeypatch, tools):
    monkeypatch.setattr(checks, "FAST_SECONDS", 600)
    result = checks.page_speed(demo)
    assert result.status == PASS and "Chưa có số đo Lighthouse" in result.detail
    (tools / "lighthouse").mkdir()
    report = {"categories": {"performance": {"score": 0.72}}}
    (tools / "lighthouse" / "home-1.report.json").write_text(json.dumps(report))
    result = checks.page_speed(demo)
    assert result.status == WARN and "72/100" in result.detail
    monkeypatch.setattr(checks, "FAST_SECONDS", 0)
    monkeypatch.setattr(checks, "SLOW_SECONDS", 0)
    assert checks.page_speed(demo).status == FAIL


def test_accessibility_reads_the_browser_suite_result(demo, tools):
    assert checks.accessibility(demo).status == WARN  # never run
    result_file = tools / "accessibility.json"

    def record(days_ago, failed):
        moment = timezone.now() - datetime.timedelta(days=days_ago)
        data = {"finished_at": moment.isoformat(), "passed": 40, "failed": failed}
        result_file.write_text(json.dumps(data))

    record(1, 0)
    assert checks.accessibility(demo).status == PASS
    record(1, 2)
    assert checks.accessibility(demo).status == FAIL
    record(200, 0)
    assert checks.accessibility(demo).status == WARN


@pytest.mark.parametrize(
    "hours_ago, status", [(None, FAIL), (2, PASS), (72, WARN), (24 * 10, FAIL)]
)
def test_backup_age(demo, settings, hours_ago, status):
    if hours_ago is not None:
        settings.CONG_BACKUP_DIR.mkdir()
        moment = timezone.localtime() - datetime.timedelta(hours=hours_ago)
        name = f"{ARCHIVE_PREFIX}{moment.strftime(STAMP)}{ARCHIVE_SUFFIX}"
        (settings.CONG_BACKUP_DIR / name).write_bytes(b"")
    assert checks.backup_age(demo).status == status


def test_approvers_need_a_confirmed_second_factor(demo, django_user_model):
    django_user_model.objects.filter(groups__name__in=[LANH_DAO_DUYET, QUAN_TRI]).delete()
    assert checks.approvers_two_factor(demo).status == WARN
    leader = django_user_model.objects.create_user("lanhdao", password="mat-khau-dai-1")
    leader.groups.add(Group.objects.get(name=LANH_DAO_DUYET))
    TOTPDevice.objects.create(user=leader, name="chưa xác nhận", confirmed=False)
    result = checks.approvers_two_factor(demo)
    assert result.status == FAIL and "lanhdao" in result.detail
    TOTPDevice.objects.create(user=leader, name="điện thoại", confirmed=True)
    assert checks.approvers_two_factor(demo).status == PASS
