"""The admin import, end to end with the test client: upload → column mapping → preview →
confirm → a draft revision of the week; the mapping step skipped once the site knows the
columns; refusals; who may import. Also the timing of the whole flow on a 60-row sheet."""

import datetime
import time

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.models import GroupPagePermission

from cong.agency.models import Leader
from cong.core.models import SheetMapping
from cong.schedule.models import ScheduleIndexPage, ScheduleWeekPage
from tests.schedule import sheets
from tests.schedule.sheets import EXPECTED

TODAY = datetime.datetime(2026, 11, 27, 3, 0, tzinfo=datetime.UTC)


@pytest.fixture
def schedule_index(home):
    page = ScheduleIndexPage(title="Lịch công tác", slug="lich-cong-tac")
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def leaders(site):
    Leader.objects.create(site=site, full_name=sheets.DIRECTOR, position="Giám đốc Sở")
    Leader.objects.create(site=site, full_name=sheets.DEPUTY, position="Phó Giám đốc Sở")


@pytest.fixture
def editor(db, schedule_index):
    """An editor who may add and edit pages under the schedule only."""
    user = get_user_model().objects.create_user("bientap", password="x")
    group = Group.objects.create(name="Lịch")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for name in ("add_page", "change_page"):
        GroupPagePermission.objects.create(
            group=group, page=schedule_index, permission=Permission.objects.get(codename=name)
        )
    user.groups.add(group)
    return user


def url(index) -> str:
    return reverse("schedule_import", args=[index.pk])


def upload(client, index, name: str, content: bytes, week: str = ""):
    return client.post(
        url(index), {"step": "upload", "sheet": SimpleUploadedFile(name, content), "week": week}
    )


@time_machine.travel(TODAY, tick=False)
def test_upload_map_preview_confirm_makes_a_draft(client, editor, schedule_index, leaders, site):
    client.force_login(editor)
    page = client.get(url(schedule_index)).content.decode()
    assert "Tải lên và đọc tệp" in page
    response = upload(client, schedule_index, "lich-tuan-49.xlsx", sheets.ioffice_xlsx())
    html = response.content.decode()
    # the mapping step, pre-filled from the headers
    assert "Dòng tiêu đề cột: dòng 7 của tệp." in html
    form = response.context["mapping"]
    assert [form[f"col{n}"].initial for n in range(len(form.keys))] == [
        "day",
        "time",
        "content",
        "chair",
        "participants",
        "location",
        "preparing_unit",
    ]
    mapping = {f"col{n}": form[f"col{n}"].initial for n in range(len(form.keys))}
    response = client.post(url(schedule_index), {"step": "map", **mapping})
    html = response.content.decode()
    assert response.context["step"] == "preview"
    assert "Đọc được 7 dòng lịch của tuần 2026-W49" in html
    assert "Họp Hội đồng thẩm định" in html
    assert f"{sheets.DIRECTOR} – Giám đốc Sở" in html  # matched to the leader
    assert "Chủ tịch UBND tỉnh <small" in html  # kept as typed, and said so
    assert not ScheduleWeekPage.objects.exists()  # nothing written before the confirmation
    response = client.post(url(schedule_index), {"step": "confirm"})
    week = ScheduleWeekPage.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[week.pk])
    assert not week.live
    revision = week.latest_revision
    assert revision.user == editor
    rows = [
        (e.date, e.session, e.start_time, e.content)
        for e in week.get_latest_revision_as_object().entries.all()
    ]
    assert rows == [row[:4] for row in EXPECTED]
    assert SheetMapping.objects.get(site=site, kind="schedule").columns["thu, ngay"] == "day"


@time_machine.travel(TODAY, tick=False)
def test_a_known_sheet_goes_straight_to_the_preview(client, editor, schedule_index, leaders, site):
    SheetMapping.objects.create(
        site=site,
        kind="schedule",
        columns={
            "stt": "",
            "ngay": "day",
            "buoi": "session",
            "gio": "time",
            "noi dung": "content",
            "lanh dao chu tri": "chair",
            "thanh phan tham du": "participants",
            "dia diem": "location",
            "ghi chu": "notes",
        },
    )
    client.force_login(editor)
    response = upload(client, schedule_index, "lich.csv", sheets.voffice_csv())
    assert response.context["step"] == "preview"
    # the editor may still change the mapping
    response = client.post(url(schedule_index), {"step": "remap"})
    assert response.context["step"] == "map"


@time_machine.travel(TODAY, tick=False)
def test_a_bad_sheet_shows_its_report_and_writes_nothing(client, editor, schedule_index, leaders):
    from tests.schedule.test_import import bad_sheet

    client.force_login(editor)
    response = upload(client, schedule_index, "bad.xlsx", bad_sheet())
    form = response.context["mapping"]
    mapping = {f"col{n}": form[f"col{n}"].initial for n in range(len(form.keys))}
    response = client.post(url(schedule_index), {"step": "map", **mapping})
    html = response.content.decode()
    assert "Chưa nhập dòng nào: có 4 lỗi cần sửa trong tệp." in html
    assert "Dòng 12: không đọc được ngày «Thứ Ba, 32/11/2026»." in html
    assert not ScheduleWeekPage.objects.exists()


@time_machine.travel(TODAY, tick=False)
def test_a_mapping_without_the_content_or_with_a_field_twice_is_refused(
    client, editor, schedule_index
):
    client.force_login(editor)
    response = upload(client, schedule_index, "a.xlsx", sheets.ioffice_xlsx())
    form = response.context["mapping"]
    mapping = {f"col{n}": form[f"col{n}"].initial for n in range(len(form.keys))}
    mapping["col2"] = ""
    mapping["col1"] = "location"  # "Thời gian" as a second place
    response = client.post(url(schedule_index), {"step": "map", **mapping})
    errors = response.context["mapping"].non_field_errors()
    assert list(errors) == ["Mỗi thông tin chỉ chọn cho một cột: Địa điểm."]
    mapping["col1"] = "time"
    response = client.post(url(schedule_index), {"step": "map", **mapping})
    assert list(response.context["mapping"].non_field_errors()) == ["Cần chọn cột cho: Nội dung."]
    assert not SheetMapping.objects.exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("lich.pdf", b"%PDF-1.4", "Chỉ nhận tệp .xlsx, .xls hoặc .csv."),
        ("lich.xlsx", b"<html>not a workbook</html>", "không phải là bảng tính .xlsx"),
        ("lich.xls", b"PK\x03\x04 renamed", "không phải là bảng tính .xls"),
        ("lich.csv", b"x" * (2 * 1024 * 1024 + 1), "Tệp quá lớn (tối đa 2 MB)."),
    ],
)
def test_uploads_are_checked(client, editor, schedule_index, name, content, message):
    client.force_login(editor)
    response = upload(client, schedule_index, name, content)
    assert message in response.content.decode()
    assert "step" not in client.session.get("schedule_import", {})


def test_the_confirmation_needs_a_pending_upload(client, editor, schedule_index):
    client.force_login(editor)
    response = client.post(url(schedule_index), {"step": "confirm"}, follow=True)
    assert "Phiên nhập đã hết hạn: hãy tải tệp lên lại." in response.content.decode()
    assert not ScheduleWeekPage.objects.exists()


def test_only_those_who_may_add_weeks_may_import(client, schedule_index):
    user = get_user_model().objects.create_user("khach", password="x")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    response = client.get(url(schedule_index))
    assert (response.status_code, response["Location"]) == (302, "/admin/")  # Wagtail's refusal


def test_the_index_has_an_import_button(client, editor, schedule_index):
    client.force_login(editor)
    html = client.get(reverse("wagtailadmin_explore", args=[schedule_index.pk])).content.decode()
    assert url(schedule_index) in html


@time_machine.travel(TODAY, tick=True)
def test_sixty_rows_in_well_under_a_minute(client, editor, schedule_index, leaders):
    """ "Done means": next week's schedule imported in under a minute. The server's share of
    the four requests (open, upload, map, confirm) on a 60-row sheet."""
    client.force_login(editor)
    started = time.perf_counter()
    client.get(url(schedule_index))
    response = upload(client, schedule_index, "lich.xlsx", sheets.sixty_rows_xlsx())
    form = response.context["mapping"]
    mapping = {f"col{n}": form[f"col{n}"].initial for n in range(len(form.keys))}
    response = client.post(url(schedule_index), {"step": "map", **mapping})
    assert "Đọc được 60 dòng lịch" in response.content.decode()
    response = client.post(url(schedule_index), {"step": "confirm"})
    elapsed = time.perf_counter() - started
    week = ScheduleWeekPage.objects.get()
    assert week.get_latest_revision_as_object().entries.count() == 60
    print(f"admin import of 60 rows: {elapsed:.2f} s")
    assert elapsed < 10


@time_machine.travel(TODAY, tick=False)
def test_an_html_table_named_xls_passes_the_content_check(client, editor, schedule_index):
    client.force_login(editor)
    response = upload(client, schedule_index, "xuat-excel.xls", sheets.html_xls())
    assert response.context["step"] == "map"


@time_machine.travel(TODAY, tick=False)
def test_the_week_chosen_on_upload_is_the_week_imported(client, editor, schedule_index):
    client.force_login(editor)
    response = upload(client, schedule_index, "a.xlsx", sheets.ioffice_xlsx(), week="2026-12-09")
    form = response.context["mapping"]
    mapping = {f"col{n}": form[f"col{n}"].initial for n in range(len(form.keys))}
    response = client.post(url(schedule_index), {"step": "map", **mapping})
    assert response.context["errors"][0] == "Dòng 8: ngày 30/11/2026 không thuộc tuần này."
    assert len(response.context["errors"]) == 7
    response = upload(client, schedule_index, "a.xlsx", sheets.ioffice_xlsx(), week="2026-12-02")
    response = client.post(url(schedule_index), {"step": "map", **mapping})
    assert response.context["parsed"].iso_week == "2026-W49"


@time_machine.travel(TODAY, tick=False)
def test_the_sample_workbook_imports_once_filled_in(client, editor, schedule_index, site):
    """ "Tải tệp mẫu": next week's working days; rows left empty are skipped."""
    import io

    import openpyxl

    from cong.schedule import importer

    client.force_login(editor)
    response = client.get(reverse("schedule_import_sample", args=[schedule_index.pk]))
    assert (
        response["Content-Disposition"] == 'attachment; filename="lich-cong-tac-2026-tuan-49.xlsx"'
    )
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    sheet = book.active
    assert sheet["A5"].value == "Thứ Hai\n30/11/2026"
    sheet["C5"] = "Giao ban"
    sheet["C14"] = "Họp chiều thứ Sáu"
    out = io.BytesIO()
    book.save(out)
    loaded = importer.load("mau.xlsx", out.getvalue())
    parsed = importer.parse(site, loaded, importer.initial_columns(loaded, {}))
    assert [(r.date.day, r.session, r.content) for r in parsed.rows] == [
        (30, "sang", "Giao ban"),
        (4, "chieu", "Họp chiều thứ Sáu"),
    ]
