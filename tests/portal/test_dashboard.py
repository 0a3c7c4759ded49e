"""Báo cáo › Theo dõi các đơn vị: the province's dashboard of every site, its figures and
exports; closed to an agency's own editors."""

import csv
import datetime
import io

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page

from cong.core import duties
from cong.core.clients import local_day
from cong.core.duties import Check, Result
from cong.editorial.roles import BIEN_TAP_VIEN, QUAN_TRI
from cong.ops.archive import archive_name
from cong.participation.models import QuestionStatus
from cong.portal.models import SiteScore
from cong.visits.models import DailyStats
from tests.accounts.helpers import login_with_second_factor
from tests.factories import ArticlePageFactory, QuestionFactory
from tests.portal.conftest import section_of

pytestmark = pytest.mark.django_db

URL = "/admin/theo-doi-cac-don-vi/"


@pytest.fixture(autouse=True)
def one_duty(monkeypatch, members):
    """One cheap duty instead of the real ones (which render pages): the department passes,
    every other site half meets it (a warning)."""
    so, _xa = members
    check = Check(
        code="test.duty",
        title="Nghĩa vụ thử",
        law_ref="—",
        run=lambda site: Result(duties.PASS if site.pk == so.pk else duties.WARN),
    )
    monkeypatch.setattr(duties, "_registry", {check.code: check})


@pytest.fixture
def backups(settings, tmp_path):
    settings.CONG_BACKUP_DIR = tmp_path
    moment = timezone.localtime().replace(tzinfo=None, microsecond=0) - datetime.timedelta(hours=5)
    (tmp_path / archive_name(moment)).write_bytes(b"")
    return moment


@pytest.fixture
def province_staff(client):
    """An install-wide editor: a role's group bound to no site."""
    user = get_user_model().objects.create_user("tinh", password="mat-khau-thu-nghiem-dai")
    user.groups.add(Group.objects.get(name=BIEN_TAP_VIEN))
    client.force_login(user)
    return client


def test_reverse_names_the_address():
    assert reverse("portal_dashboard") == URL


def test_an_agencys_editor_gets_403_and_no_menu_item(client, members, site_editor):
    so, _xa = members
    client.force_login(site_editor(so))
    assert client.get(URL).status_code == 403
    assert client.get(URL + "?export=csv").status_code == 403
    assert URL not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_an_agencys_administrator_too(client, members, site_editor):
    so, _xa = members
    user = site_editor(so, QUAN_TRI)
    login_with_second_factor(client, user)
    assert client.get(URL).status_code == 403


def test_province_staff_see_it_in_the_reports_menu(province_staff):
    assert province_staff.get(URL).status_code == 200
    assert URL in province_staff.get(reverse("wagtailadmin_home")).content.decode()


@pytest.fixture
def activity(members):
    """The department: visits, an article, two questions waiting; the commune: a visit."""
    so, xa = members
    today = local_day(timezone.now())
    for site, day, visits in (
        (so, today, 5),
        (so, today - datetime.timedelta(days=10), 7),
        (so, today - datetime.timedelta(days=40), 100),  # before the 30 days
        (xa, today, 1),
    ):
        DailyStats.objects.create(site=site, day=day, visits=visits, pageviews=visits * 2)
    published = timezone.now() - datetime.timedelta(days=2)
    article = ArticlePageFactory(parent=section_of(so), title="Tin của Sở")
    Page.objects.descendant_of(so.root_page, inclusive=True).update(
        first_published_at=published - datetime.timedelta(days=30)
    )
    Page.objects.filter(pk=article.pk).update(first_published_at=published)
    now = timezone.now()
    QuestionFactory(site=so, submitted_at=now - datetime.timedelta(days=9, hours=1))
    QuestionFactory(site=so, submitted_at=now - datetime.timedelta(days=1))
    QuestionFactory(site=so, status=QuestionStatus.DECLINED, declined_at=now)  # done
    QuestionFactory(site=so, confirmed_at=None, submitted_at=now - datetime.timedelta(days=30))
    QuestionFactory(site=xa, status=QuestionStatus.DECLINED, declined_at=now)
    return published


def body(response) -> bytes:
    return b"".join(response.streaming_content)


def row_of(html: str, site) -> str:
    start = html.index(f'data-site="{site.pk}"')
    return html[start : html.index("</tr>", start)]


def test_the_figures_of_two_sites(province_staff, members, activity, backups):
    so, xa = members
    html = province_staff.get(URL).content.decode()

    department, commune = row_of(html, so), row_of(html, xa)
    assert "Sở Tư pháp" in department and "stp.localhost" in department
    assert 'visits-today">5<' in department and 'visits-period">12<' in department
    assert 'visits-today">1<' in commune and 'visits-period">1<' in commune
    assert timezone.localtime(activity).strftime("%H:%M %d/%m/%Y") in department
    assert 'questions">2<' in department and "9 ngày" in department
    assert 'questions">0<' in commune
    assert "100/100" in department and "50/100" in commune
    assert "(5 giờ trước)" in html


def test_scores_are_kept_and_refreshed_when_old(province_staff, members):
    so, _xa = members
    province_staff.get(URL)
    kept = SiteScore.objects.get(site=so)
    assert (kept.score, kept.passed, kept.warned) == (100, 1, 0)
    SiteScore.objects.filter(pk=kept.pk).update(
        score=10, checked_at=timezone.now() - datetime.timedelta(hours=1)
    )
    assert "10/100" in row_of(province_staff.get(URL).content.decode(), so)  # still fresh
    SiteScore.objects.filter(pk=kept.pk).update(
        checked_at=timezone.now() - datetime.timedelta(days=2)
    )
    assert "100/100" in row_of(province_staff.get(URL).content.decode(), so)


def test_score_sites_scores_every_site(members):
    call_command("score_sites", verbosity=0)
    so, xa = members
    assert SiteScore.objects.get(site=so).score == 100
    assert SiteScore.objects.get(site=xa).score == 50
    assert SiteScore.objects.count() == 3  # the portal too


def test_csv_export(province_staff, members, activity, backups):
    so, xa = members
    response = province_staff.get(URL + "?export=csv")
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(body(response).decode("utf-8-sig"))))
    header, lines = rows[0], {row[1]: row for row in rows[1:]}
    assert header[:5] == [
        "Đơn vị",
        "Website",
        "Loại",
        "Lượt truy cập hôm nay",
        "Lượt truy cập 30 ngày",
    ]
    assert set(lines) == {"localhost", "stp.localhost", "dongson.localhost"}
    department = dict(zip(header, lines["stp.localhost"], strict=True))
    assert department["Đơn vị"] == "Sở Tư pháp"
    assert department["Lượt truy cập 30 ngày"] == "12"
    assert department["Câu hỏi chờ trả lời"] == "2"
    assert department["Câu hỏi chờ lâu nhất (ngày)"] == "9"
    assert department["Điểm đáp ứng quy định"] == "100"
    assert department["Sao lưu gần nhất"].startswith(backups.strftime("%Y-%m-%d"))


def test_xlsx_export(province_staff, members, activity, backups):
    so, xa = members
    response = province_staff.get(URL + "?export=xlsx")
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(body(response))).active
    values = list(sheet.iter_rows(values_only=True))
    header, lines = values[0], {row[1]: row for row in values[1:]}
    department = dict(zip(header, lines["stp.localhost"], strict=True))
    assert department["Lượt truy cập hôm nay"] == 5
    assert department["Điểm đáp ứng quy định"] == 100
    published = timezone.localtime(activity).replace(tzinfo=None)
    assert abs(department["Xuất bản gần nhất"] - published) < datetime.timedelta(seconds=1)
    assert department["Sao lưu gần nhất"] == backups
    commune = dict(zip(header, lines["dongson.localhost"], strict=True))
    assert commune["Câu hỏi chờ trả lời"] == 0 and commune["Điểm đáp ứng quy định"] == 50


def test_an_agency_name_that_looks_like_a_formula_is_inert(province_staff, members):
    from cong.core.models import AgencySettings

    so, _xa = members
    agency = AgencySettings.for_site(so)
    agency.agency_name = '=HYPERLINK("http://x")'
    agency.save()
    exported = body(province_staff.get(URL + "?export=csv")).decode("utf-8-sig")
    assert "'=HYPERLINK" in exported


def test_queries_do_not_grow_with_the_number_of_sites(
    province_staff, members, activity, django_assert_max_num_queries
):
    from cong.core.models import SiteKind
    from tests.portal.conftest import make_site

    province_staff.get(URL)  # scores every site once; they are fresh from now on
    with django_assert_max_num_queries(40) as few:
        province_staff.get(URL)
    three_sites = len(few.captured_queries)
    for n in range(3):
        site = make_site(f"xa{n}.localhost", f"UBND xã số {n}", SiteKind.XA)
        QuestionFactory(site=site)
        DailyStats.objects.create(site=site, day=local_day(timezone.now()), visits=n)
        SiteScore.objects.create(site=site, score=n, checked_at=timezone.now())
    with django_assert_max_num_queries(three_sites):
        html = province_staff.get(URL).content.decode()
    assert "UBND xã số 2" in html
