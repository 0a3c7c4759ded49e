"""Báo cáo › Mức độ đáp ứng quy định: who sees it, which site, and its XLSX and PDF."""

import io
import re

import openpyxl
import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import Page, Site

from cong.core.duties import checks
from cong.editorial.roles import BIEN_TAP_VIEN, LANH_DAO_DUYET, PHONG_VIEN, QUAN_TRI
from tests.accounts.helpers import login_with_second_factor
from tests.factories import HomePageFactory
from tests.selfcheck.pdftext import pdf_text

TITLE = "Mức độ đáp ứng quy định"


@pytest.fixture
def url():
    return reverse("selfcheck_report")


@pytest.fixture
def signed_in(client, django_user_model):
    def sign_in(role):
        user = django_user_model.objects.create_user(f"u-{role or 'su'}", password="x-dai-12345")
        if role:
            user.groups.add(Group.objects.get(name=role))
        else:
            user.is_superuser = True
            user.save()
        login_with_second_factor(client, user)
        return client

    return sign_in


@pytest.mark.parametrize("role", [PHONG_VIEN, BIEN_TAP_VIEN])
def test_writers_and_editors_may_not_see_it(demo, signed_in, url, role):
    client = signed_in(role)
    assert client.get(url, HTTP_HOST=demo.hostname).status_code == 403
    assert client.get(url + "?export=pdf", HTTP_HOST=demo.hostname).status_code == 403
    menu = client.get(reverse("wagtailadmin_home"), HTTP_HOST=demo.hostname)
    assert url not in menu.content.decode()


@pytest.mark.parametrize("role", [LANH_DAO_DUYET, QUAN_TRI])
def test_leaders_and_administrators_see_every_duty_with_its_fix(demo, signed_in, url, role):
    client = signed_in(role)
    response = client.get(url, HTTP_HOST=demo.hostname)
    assert response.status_code == 200
    html = response.content.decode()
    assert TITLE in html
    assert url in client.get(reverse("wagtailadmin_home"), HTTP_HOST=demo.hostname).content.decode()
    rows = re.findall(r'<tr data-code="([^"]+)" data-status="(pass|warn|fail)">', html)
    assert [code for code, _status in rows] == [check.code for check in checks()]
    statuses = dict(rows)
    assert statuses["agency.art9_content"] == "pass"
    assert statuses["compliance.measurement_tag"] == "fail"
    # A failed duty links to the screen that fixes it.
    fix = reverse("wagtailsettings:edit", args=["compliance", "measurementsettings", demo.pk])
    assert f'href="{fix}">Khắc phục' in html
    # One no admin screen can fix says what the server's administrator does instead.
    assert statuses["site.hsts"] == "fail"  # CONG_HSTS_SECONDS=0 in tests
    hsts_row = html[html.index('data-code="site.hsts"') :].split("</tr>", 1)[0]
    assert "Trên máy chủ: đặt CONG_HSTS_SECONDS=31536000" in hsts_row
    counts = {s: list(statuses.values()).count(s) for s in ("pass", "warn", "fail")}
    assert f"{counts['pass']} đạt, {counts['warn']} cảnh báo, {counts['fail']} chưa đạt" in html


def test_a_superuser_chooses_the_site(demo, signed_in, url):
    other_home = HomePageFactory(parent=Page.get_first_root_node(), slug="trang-chu-xa")
    other = Site.objects.create(hostname="xa-dong-tien.thanhhoa.gov.vn", root_page=other_home)
    client = signed_in(None)
    html = client.get(url, {"site": other.pk}, HTTP_HOST=demo.hostname).content.decode()
    assert f'<option value="{other.pk}" selected>' in html
    assert re.search(r'data-code="site.gov_vn" data-status="pass"', html)


def test_xlsx_export_parses_back(demo, signed_in, url):
    client = signed_in(QUAN_TRI)
    response = client.get(url, {"export": "xlsx"}, HTTP_HOST=demo.hostname)
    assert response.status_code == 200
    assert "muc-do-dap-ung-localhost-" in response["Content-Disposition"]
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert workbook.sheetnames == ["Mức độ đáp ứng", "Tổng hợp"]
    rows = list(workbook["Mức độ đáp ứng"].iter_rows(values_only=True))
    assert rows[0] == ("Yêu cầu", "Căn cứ", "Kết quả", "Chi tiết", "Khắc phục")
    assert len(rows) == 1 + len(checks())
    by_title = {row[0]: row for row in rows[1:]}
    tag = by_title["Gắn mã đo lường (EMC)"]
    assert tag[1] == "NĐ 224/2026/NĐ-CP, Điều 12" and tag[2] == "Chưa đạt"
    assert tag[4].startswith("/admin/settings/compliance/")
    hsts = by_title["Bắt buộc HTTPS với trình duyệt (HSTS)"]
    assert hsts[2] == "Chưa đạt" and "CONG_HSTS_SECONDS=31536000" in hsts[4]
    statuses = [row[2] for row in rows[1:]]
    assert set(statuses) <= {"Đạt", "Cảnh báo", "Chưa đạt"}
    summary = dict(workbook["Tổng hợp"].iter_rows(values_only=True))
    assert summary["Website"] == "localhost"
    assert summary["Chưa đạt"] == statuses.count("Chưa đạt") >= 1
    assert 0 <= summary["Điểm"] <= 100


def test_pdf_export(demo, signed_in, url):
    client = signed_in(LANH_DAO_DUYET)
    response = client.get(url, {"export": "pdf"}, HTTP_HOST=demo.hostname)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert ".pdf" in response["Content-Disposition"]
    assert response.content.startswith(b"%PDF")
    text = pdf_text(response.content)
    assert TITLE in text
    assert "Website: localhost" in text
    assert "Gắn mã đo lường (EMC)" in text and "Chưa đạt" in text
    assert "Khắc phục: Trên máy chủ" in text
