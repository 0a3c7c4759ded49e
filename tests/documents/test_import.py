"""import_documents: every row checked first, all or nothing, errors row by row in Vietnamese."""

import io

import openpyxl
import pytest
from django.core.management import CommandError, call_command
from wagtail.documents import get_document_model

from cong.documents.models import IssuingBody, LegalDocument

HEADER = "Số/Ký hiệu,Loại văn bản,Cơ quan ban hành,Lĩnh vực,Người ký,Ngày ban hành,Ngày có hiệu lực,Trích yếu,Tệp\n"
GOOD = (
    "21/KH-UBND,Kế hoạch,UBND tỉnh Thanh Hóa,Nhân quyền,,06/02/2023,06/02/2023,"
    "Triển khai Đề án truyền thông về quyền con người,ke-hoach-21.pdf\n"
    "1079/QĐ-TTg,Quyết định,Thủ tướng Chính phủ,Nhân quyền,Vũ Đức Đam,14/09/2022,,"
    '"Phê duyệt Đề án truyền thông về quyền con người, giai đoạn 2023-2028",\n'
)

BAD = (
    ",Kế hoạch,UBND tỉnh Thanh Hóa,,,06/02/2023,,Thiếu số\n"
    "5/QĐ,Nghị quyết xyz,UBND tỉnh Thanh Hóa,,,06/02/2023,,Loại sai\n"
    "6/QĐ,Quyết định,UBND tỉnh Thanh Hóa,,,31/02/2023,,Ngày sai\n"
    "21/kh-ubnd,Kế hoạch,UBND tỉnh Thanh Hóa,,,06/02/2023,,Trùng dòng 2\n"
    "7/QĐ,Quyết định,UBND tỉnh Thanh Hóa,,,06/02/2023,,Thiếu tệp,khong-co.pdf\n"
)


@pytest.fixture
def folder(tmp_path):
    files = tmp_path / "tep"
    files.mkdir()
    (files / "ke-hoach-21.pdf").write_bytes(b"%PDF-1.4 demo")
    return files


def run(tmp_path, text, folder=None, name="van-ban.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    args = [str(path)] + (["--files", str(folder)] if folder else [])
    call_command("import_documents", *args, stdout=out, stderr=err, verbosity=0)
    return out.getvalue(), err.getvalue()


def test_a_valid_csv_is_imported_and_published_with_its_files(
    db, tmp_path, folder, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):  # attachments move in on commit
        out, _ = run(tmp_path, HEADER + GOOD, folder)
    assert "Đã nhập 2 văn bản, 1 tệp đính kèm" in out
    plan = LegalDocument.objects.get(number="21/KH-UBND")
    assert plan.live and plan.issued_on.isoformat() == "2023-02-06"
    assert plan.files.get().document.file.read() == b"%PDF-1.4 demo"
    assert LegalDocument.objects.get(number="1079/QĐ-TTg").summary.endswith("2023-2028")
    assert IssuingBody.objects.filter(name="Thủ tướng Chính phủ").exists()
    assert "quyen con nguoi" in plan.search_text


def test_an_xlsx_with_real_date_cells_is_imported(db, tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Số/ký hiệu", "Loại văn bản", "Cơ quan ban hành", "Ngày ban hành", "Trích yếu"])
    import datetime

    sheet.append(
        ["44-CT/TW", "Chỉ thị", "Ban Bí thư", datetime.datetime(2010, 7, 20), "Về nhân quyền"]
    )
    path = tmp_path / "van-ban.xlsx"
    book.save(path)
    call_command("import_documents", str(path), verbosity=0, stdout=io.StringIO())
    assert LegalDocument.objects.get().issued_on == datetime.date(2010, 7, 20)


def test_one_bad_row_imports_nothing_and_every_error_is_reported(db, tmp_path, folder):
    with pytest.raises(CommandError, match="Không nhập văn bản nào: 5 lỗi"):
        run(tmp_path, HEADER + GOOD + BAD, folder)
    assert LegalDocument.objects.count() == 0
    assert get_document_model().objects.count() == 0


def test_the_error_report_names_each_row_and_problem(db, tmp_path, folder):
    path = tmp_path / "x.csv"
    path.write_text(HEADER + GOOD + BAD, encoding="utf-8")
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_documents", str(path), "--files", str(folder), stderr=err, verbosity=0)
    report = err.getvalue()
    assert "Dòng 4: thiếu Số/Ký hiệu." in report
    assert "Dòng 5: loại văn bản “Nghị quyết xyz” không có trong danh mục." in report
    assert "Dòng 6: ngày ban hành “31/02/2023” không đúng dạng ngày/tháng/năm." in report
    assert "Dòng 7: trùng số/ký hiệu với dòng 2." in report
    assert "Dòng 8: không tìm thấy tệp “khong-co.pdf”." in report


def test_documents_already_on_the_site_are_refused(db, tmp_path, make_document):
    make_document("21/KH-UBND", "Kế hoạch", "UBND tỉnh Thanh Hóa")
    with pytest.raises(CommandError):
        run(tmp_path, HEADER + GOOD)
    assert LegalDocument.objects.count() == 1


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("x.txt", b"abc", "Chỉ nhận tệp .xlsx hoặc .csv."),
        ("x.csv", "Số\n1\n".encode("utf-16"), "UTF-8"),
        ("x.csv", "Tên,Ngày\nA,1\n".encode(), "Thiếu cột: Số/Ký hiệu, Loại văn bản"),
        ("x.xlsx", b"not a zip", "Không đọc được tệp Excel"),
        ("x.csv", b"", "Tệp không có dữ liệu."),
    ],
)
def test_odd_files_get_a_clear_message(db, tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_documents", str(path), stderr=err, verbosity=0)
    assert message in err.getvalue()


def test_a_file_outside_the_folder_cannot_be_attached(db, tmp_path, folder):
    (tmp_path / "secret.pdf").write_bytes(b"%PDF secret")
    row = "9/QĐ,Quyết định,UBND tỉnh Thanh Hóa,,,06/02/2023,,Thử,../secret.pdf\n"
    with pytest.raises(CommandError):
        run(tmp_path, HEADER + row, folder)
    assert LegalDocument.objects.count() == 0


def test_attachments_pass_the_same_content_checks_as_admin_uploads(db, tmp_path, folder):
    """An HTML page renamed .pdf is refused, and nothing of the file is imported."""
    (folder / "trang.pdf").write_bytes(b"<!doctype html><script>alert(1)</script>")
    path = tmp_path / "van-ban.csv"
    row = "9/QĐ,Quyết định,UBND tỉnh Thanh Hóa,,,06/02/2023,,Thử,trang.pdf\n"
    path.write_text(HEADER + GOOD + row, encoding="utf-8")
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_documents", str(path), "--files", str(folder), stderr=err)
    assert "Dòng 4: tệp “trang.pdf”: Nội dung tệp không phải tệp .pdf hợp lệ" in err.getvalue()
    assert LegalDocument.objects.count() == 0


def report_of(tmp_path, text) -> str:
    path = tmp_path / "x.csv"
    path.write_text(text, encoding="utf-8")
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_documents", str(path), stderr=err, verbosity=0)
    return err.getvalue()


def test_the_model_rules_give_the_same_row_messages_as_before(db, tmp_path, make_document):
    make_document("21/KH-UBND", "Kế hoạch", "UBND tỉnh Thanh Hóa")
    header = "Số/Ký hiệu,Loại văn bản,Cơ quan ban hành,Ngày ban hành,Ngày có hiệu lực,Ngày hết hiệu lực,Trích yếu\n"
    rows = (
        "21/kh-ubnd,Kế hoạch,ubnd tinh thanh hoa,06/02/2023,,,Đã có\n"
        f"{'9' * 101},Kế hoạch,UBND tỉnh Thanh Hóa,06/02/2023,,,Dài\n"
        "8/KH,Kế hoạch,UBND tỉnh Thanh Hóa,06/02/2023,06/02/2023,01/02/2023,Ngày ngược\n"
        "7/KH,Kế hoạch,,,,,\n"
    )
    report = report_of(tmp_path, header + rows)
    assert "Dòng 2: văn bản số 21/kh-ubnd của ubnd tinh thanh hoa đã có trên website." in report
    assert "Dòng 3: số/ký hiệu dài quá 100 ký tự." in report
    assert "Dòng 4: ngày hết hiệu lực trước ngày có hiệu lực." in report
    assert "Dòng 5: thiếu Cơ quan ban hành; thiếu Ngày ban hành; thiếu Trích yếu." in report


def test_a_rule_added_to_the_model_is_applied_to_imported_rows(db, tmp_path, monkeypatch):
    """The importer validates with LegalDocument's own rules, not a copy of them."""
    from django.core.exceptions import ValidationError

    def clean(self):
        if "cấm" in self.summary:
            raise ValidationError({"summary": "Trích yếu có từ bị cấm."})

    monkeypatch.setattr(LegalDocument, "clean", clean)
    report = report_of(
        tmp_path, HEADER + "9/QĐ,Quyết định,UBND tỉnh Thanh Hóa,,,06/02/2023,,Từ cấm,\n"
    )
    assert "Dòng 2: trích yếu: Trích yếu có từ bị cấm." in report
