"""Importing procedures from a spreadsheet: every row checked with the model's own rules,
all rows imported or none, problems reported row by row in Vietnamese."""

import io

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from wagtail.models import Page, Site

from cong.core.sheets import SheetError, read_sheet
from cong.procedures.importer import import_procedures, validate
from cong.procedures.models import Procedure, ProcedureField
from tests.factories import ProcedureFactory

HEADER = [
    "Tên thủ tục*",
    "Mã thủ tục",
    "Lĩnh vực*",
    "Cấp thực hiện*",
    "Mức độ DVC trực tuyến",
    "Liên kết",
    "Thời hạn giải quyết",
    "Phí, lệ phí",
    "Thành phần hồ sơ",
    "Cơ quan thực hiện",
    "Căn cứ pháp lý",
]
PORTAL = "https://dichvucong.gov.vn/p/home/chi-tiet.html?ma_thu_tuc="
GOOD = [
    [
        "Cấp giấy phép bưu chính",
        "1.000101",
        "Bưu chính",
        "Cấp tỉnh",
        "Một phần",
        PORTAL + "1.000101",
        "20 ngày làm việc",
        "Không",
        "Đơn đề nghị\nBản sao giấy chứng nhận đăng ký doanh nghiệp",
        "Sở Thông tin và Truyền thông",
        "Luật Bưu chính năm 2010",
    ],
    ["Cho phép họp báo", "1.000102", "báo chí", "tinh", "toan trinh", "", "", "", "", "", ""],
]


def xlsx(rows: list[list]) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    for row in [HEADER, *rows]:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def check(site, rows):
    header, data = read_sheet("thu-tuc.xlsx", xlsx(rows))
    return validate(site, header, data)


def test_a_good_sheet_imports_every_row_published(site, django_capture_on_commit_callbacks):
    ProcedureField.objects.create(name="Báo chí")
    with django_capture_on_commit_callbacks(execute=True):
        result = import_procedures(check(site, GOOD))
    assert (result.created, result.fields_created) == (2, 1)  # "Bưu chính" is new
    post = Procedure.objects.get(code="1.000101")
    assert post.live and post.site == site and post.level == "province"
    assert post.online_level == "partial" and post.field.name == "Bưu chính"
    assert post.documents == (
        "<ul><li>Đơn đề nghị</li><li>Bản sao giấy chứng nhận đăng ký doanh nghiệp</li></ul>"
    )
    press = Procedure.objects.get(code="1.000102")
    assert press.field.name == "Báo chí" and press.online_level == "full"  # matched folded
    assert "hop bao" in press.search_text


def test_a_bad_sheet_is_refused_whole_with_a_report_row_by_row(site):
    ProcedureFactory(site=site, code="1.000999")
    bad = [
        GOOD[0],
        ["", "1.000103", "Báo chí", "Cấp tỉnh", "", "", "", "", "", "", ""],
        ["Thủ tục B", "1.000104", "Báo chí", "cấp trung ương", "", "", "", "", "", "", ""],
        [
            "Thủ tục C",
            "1.000105",
            "Báo chí",
            "Cấp xã",
            "",
            "http://dichvucong.gov.vn/x",
            "",
            "",
            "",
            "",
            "",
        ],
        ["Thủ tục D", "1.000101", "Báo chí", "Cấp xã", "", "", "", "", "", "", ""],
        ["Thủ tục E", "1.000999", "Báo chí", "Cấp xã", "", "", "", "", "", "", ""],
        ["Thủ tục F", "mã sai!", "", "Cấp xã", "", "", "", "", "", "", ""],
    ]
    with pytest.raises(SheetError) as failure:
        check(site, bad)
    errors = failure.value.errors
    assert errors[0] == "Dòng 3: thiếu tên thủ tục."
    assert errors[1].startswith("Dòng 4: cấp thực hiện “cấp trung ương” không hợp lệ")
    assert errors[2].startswith("Dòng 5: liên kết trên Cổng Dịch vụ công: Liên kết phải là")
    assert errors[3] == "Dòng 6: trùng mã thủ tục với dòng 2."
    assert errors[4] == "Dòng 7: mã thủ tục 1.000999 đã có trên website."
    assert errors[5].startswith("Dòng 8: thiếu lĩnh vực; mã thủ tục: Mã thủ tục chỉ gồm")
    assert len(errors) == 6
    assert Procedure.objects.count() == 1  # nothing saved
    assert not ProcedureField.objects.filter(name="Bưu chính").exists()


def test_a_sheet_without_a_required_column_is_refused(site):
    header, data = read_sheet("a.csv", "Tên thủ tục,Mã thủ tục\nThủ tục A,1.1\n".encode())
    with pytest.raises(SheetError) as failure:
        validate(site, header, data)
    assert failure.value.errors == ["Thiếu cột: Lĩnh vực, Cấp thực hiện."]


def test_a_csv_in_another_encoding_is_refused_in_vietnamese():
    with pytest.raises(SheetError) as failure:
        read_sheet("a.csv", "Tên thủ tục".encode("utf-16"))
    assert failure.value.errors == ["Tệp CSV phải dùng bảng mã UTF-8."]


def test_the_same_code_may_exist_on_another_site(site):
    other = Site.objects.create(hostname="xa.example.vn", root_page=Page.get_first_root_node())
    ProcedureFactory(site=other, code="1.000101")
    assert len(check(site, GOOD[:1])) == 1


def test_the_command_imports_into_the_named_site_and_refuses_a_bad_file(tmp_path, site):
    other = Site.objects.create(hostname="xa.example.vn", root_page=Page.get_first_root_node())
    good = tmp_path / "tot.xlsx"
    good.write_bytes(xlsx(GOOD))
    call_command("import_procedures", str(good), "--site", "xa.example.vn", "--dry-run")
    assert not Procedure.objects.exists()
    call_command("import_procedures", str(good), "--site", "xa.example.vn")
    assert Procedure.objects.filter(site=other).count() == 2
    bad = tmp_path / "sai.csv"
    bad.write_text("Tên thủ tục,Lĩnh vực,Cấp thực hiện\nThủ tục X,Báo chí,cấp bộ\n")
    with pytest.raises(CommandError, match="Không nhập thủ tục nào: 1 lỗi"):
        call_command("import_procedures", str(bad))
    with pytest.raises(CommandError, match="Không có website"):
        call_command("import_procedures", str(good), "--site", "khong-co.example.vn")


@pytest.fixture
def admin_client(client, site):
    user = get_user_model().objects.create_superuser("quantri", password="x")
    client.force_login(user)
    return client


def test_the_admin_import_reports_errors_and_saves_nothing(admin_client, site):
    sheet = SimpleUploadedFile(
        "thu-tuc.xlsx", xlsx([GOOD[0], ["", "1.000103", "Báo chí", "Cấp tỉnh"]])
    )
    html = admin_client.post(
        "/admin/thu-tuc/nhap/", {"site": site.pk, "sheet": sheet}
    ).content.decode()
    assert "Không nhập thủ tục nào" in html and "Dòng 3: thiếu tên thủ tục" in html
    assert not Procedure.objects.exists()


def test_the_admin_import_imports_a_good_sheet(admin_client, site):
    sheet = SimpleUploadedFile("thu-tuc.xlsx", xlsx(GOOD))
    html = admin_client.post(
        "/admin/thu-tuc/nhap/", {"site": site.pk, "sheet": sheet}
    ).content.decode()
    assert "Đã nhập 2 thủ tục" in html
    assert Procedure.objects.filter(site=site, live=True).count() == 2


def test_the_admin_list_offers_the_import_and_filters(admin_client, site):
    ProcedureFactory(site=site, name="Cấp giấy phép bưu chính")
    html = admin_client.get("/admin/snippets/procedures/procedure/").content.decode()
    assert "/admin/thu-tuc/nhap/" in html and "Cấp giấy phép bưu chính" in html
    assert "Cấp thực hiện" in html


def test_only_those_who_may_publish_procedures_may_import(client, site):
    from django.contrib.auth.models import Permission

    user = get_user_model().objects.create_user("bientap", password="x")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    response = client.get("/admin/thu-tuc/nhap/")
    assert response.status_code in (302, 403)  # Wagtail sends a refused user back home
    assert "/thu-tuc/nhap/" not in response.get("Location", "")
    response = client.post(
        "/admin/thu-tuc/nhap/", {"sheet": SimpleUploadedFile("a.xlsx", xlsx(GOOD))}
    )
    assert not Procedure.objects.exists()


def test_an_editor_publishes_a_procedure_from_the_admin_and_a_plain_http_link_is_refused(
    admin_client, site
):
    field = ProcedureField.objects.create(name="Báo chí")
    url = "/admin/snippets/procedures/procedure/add/"
    form = {
        "site": site.pk,
        "name": "Cho phép họp báo",
        "code": "1.000200",
        "field": field.pk,
        "level": "province",
        "online_level": "",
        "national_url": "http://dichvucong.gov.vn/x",
        "sort_order": 0,
        "action-publish": "publish",
    }
    html = admin_client.post(url, form).content.decode()
    assert "Liên kết phải là địa chỉ https của Cổng Dịch vụ công" in html
    assert not Procedure.objects.exists()
    form["national_url"] = "https://dichvucong.gov.vn/p/home/chi-tiet.html?ma_thu_tuc=1.000200"
    assert admin_client.post(url, form).status_code == 302
    procedure = Procedure.objects.get()
    assert procedure.live and procedure.last_published_at is not None
