"""Importing a week from an office system's spreadsheet: each exported shape to the same
rows, a bad sheet refused whole with its row report, the draft revision, the remembered
column mapping per site, the chair matched to a leader, the CLI."""

import datetime
import io

import pytest
import time_machine
from django.core.management import CommandError, call_command
from wagtail.models import Page, Revision, Site

from cong.agency.models import Leader
from cong.core.models import SheetMapping
from cong.core.sheets import SheetError
from cong.schedule import importer
from cong.schedule.models import ScheduleEntry, ScheduleIndexPage, ScheduleWeekPage
from tests.factories import HomePageFactory
from tests.schedule import sheets
from tests.schedule.sheets import EXPECTED, MONDAY

TODAY = datetime.datetime(2026, 11, 27, 3, 0, tzinfo=datetime.UTC)  # the Friday before


@pytest.fixture
def schedule_index(home):
    page = ScheduleIndexPage(title="Lịch công tác", slug="lich-cong-tac")
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def leaders(site):
    return {
        "director": Leader.objects.create(
            site=site, full_name=sheets.DIRECTOR, position="Giám đốc Sở", sort_order=1
        ),
        "deputy": Leader.objects.create(
            site=site, full_name=sheets.DEPUTY, position="Phó Giám đốc Sở", sort_order=2
        ),
        "deputy2": Leader.objects.create(
            site=site, full_name="Hoàng Văn Cường", position="Phó Giám đốc Sở", sort_order=3
        ),
    }


def run_import(site, name: str, content: bytes, week=None):
    known = importer.remembered(site)
    sheet = importer.load(name, content, known)
    parsed = importer.parse(site, sheet, importer.initial_columns(sheet, known), week)
    return importer.apply(site, parsed)


def draft_rows(page: ScheduleWeekPage) -> list[tuple]:
    """The rows of the page's latest revision, as EXPECTED writes them."""
    draft = page.get_latest_revision_as_object()
    return [
        (
            e.date,
            e.session,
            e.start_time,
            e.content,
            e.chair.full_name if e.chair_id else e.chair_text,
            e.location,
        )
        for e in draft.entries.all()
    ]


SHAPES = {
    "iOffice .xlsx (title block, merged day cells, blank line, Excel date)": (
        "lich-tuan-49.xlsx",
        sheets.ioffice_xlsx,
    ),
    "vOffice .csv in UTF-8 with BOM (session column, day on its first line only)": (
        "lich.csv",
        sheets.voffice_csv,
    ),
    "vOffice .csv in Windows-1258": ("lich.csv", lambda: sheets.voffice_csv("cp1258")),
    ".xls (day and session in one cell, day-only and session-only lines)": (
        "lich.xls",
        sheets.session_rows_xls,
    ),
    "an HTML table named .xls (rowspan day cells)": ("lich.xls", sheets.html_xls),
}


@time_machine.travel(TODAY, tick=False)
@pytest.mark.parametrize("shape", SHAPES)
def test_each_exported_shape_imports_to_the_same_week(site, schedule_index, leaders, shape):
    name, build = SHAPES[shape]
    page, revision = run_import(site, name, build())
    assert page.week_start == MONDAY
    assert page.get_parent().pk == schedule_index.pk
    assert not page.live  # a draft: it goes through approval and publishing
    assert ScheduleWeekPage.objects.get(pk=page.pk).latest_revision_id == revision.pk
    assert draft_rows(page) == EXPECTED


@time_machine.travel(TODAY, tick=False)
def test_an_import_replaces_the_rows_of_a_published_week_in_a_draft(site, schedule_index, leaders):
    week = ScheduleWeekPage(week_start=MONDAY)
    week.entries = [ScheduleEntry(date=MONDAY, content="Dòng cũ sẽ bị thay")]
    schedule_index.add_child(instance=week)
    week.save_revision().publish()
    page, revision = run_import(site, "a.xlsx", sheets.ioffice_xlsx())
    assert page.pk == week.pk
    week.refresh_from_db()
    assert week.live and week.has_unpublished_changes
    # the public still sees the published rows until the draft is published
    assert [e.content for e in ScheduleEntry.objects.filter(page=week)] == ["Dòng cũ sẽ bị thay"]
    assert draft_rows(week) == EXPECTED
    revision.publish()
    assert [e.content for e in ScheduleEntry.objects.filter(page=week).order_by("sort_order")] == [
        row[3] for row in EXPECTED
    ]


def bad_sheet() -> bytes:
    rows, merged = sheets.ioffice_rows()
    first = 7  # the first data line's index (line 8)
    rows[first + 1][1] = "25h00"  # line 9
    rows[first + 2][2] = ""  # line 10: no content
    rows[first + 4][0] = "Thứ Ba, 32/11/2026"  # line 12
    rows[first + 7][0] = "Thứ Hai, 04/12/2026"  # line 15: a Friday
    rows[first + 7][5] = "x" * 300
    return sheets.xlsx(rows, merged)


@time_machine.travel(TODAY, tick=False)
def test_a_bad_sheet_is_refused_whole_with_a_report_line_by_line(site, schedule_index, leaders):
    with pytest.raises(SheetError) as failure:
        run_import(site, "bad.xlsx", bad_sheet())
    assert failure.value.errors == [
        "Dòng 9: không đọc được giờ «25h00».",
        "Dòng 10: thiếu nội dung.",
        "Dòng 12: không đọc được ngày «Thứ Ba, 32/11/2026».",
        "Dòng 15: «Thứ Hai, 04/12/2026»: ngày 04/12/2026 là Thứ Sáu.",
    ]
    assert not ScheduleWeekPage.objects.exists()
    assert not Revision.objects.filter(content_type__model="scheduleweekpage").exists()


@time_machine.travel(TODAY, tick=False)
def test_a_field_too_long_is_reported(site, schedule_index, leaders):
    rows, merged = sheets.ioffice_rows()
    rows[14][5] = "x" * 300
    with pytest.raises(SheetError) as failure:
        run_import(site, "a.xlsx", sheets.xlsx(rows, merged))
    assert failure.value.errors == ["Dòng 15: địa điểm dài quá 255 ký tự."]


@time_machine.travel(TODAY, tick=False)
def test_a_sheet_of_two_weeks_is_refused_unless_the_week_is_chosen(site, schedule_index, leaders):
    rows, merged = sheets.ioffice_rows()
    rows.append(["Thứ Hai, 07/12/2026", "8h", "Giao ban tuần sau", "Giám đốc Sở"])
    content = sheets.xlsx(rows, merged)
    with pytest.raises(SheetError) as failure:
        run_import(site, "a.xlsx", content)
    assert failure.value.errors == [
        "Bảng tính có ngày của nhiều tuần: tuần 49 (30/11/2026 – 06/12/2026): dòng 8, 9, 10, "
        "12, 13, 14, 15; tuần 50 (07/12/2026 – 13/12/2026): dòng 16. Mỗi lần nhập một tuần: "
        "tách tệp theo tuần, hoặc chọn tuần cần nhập."
    ]
    with pytest.raises(SheetError) as failure:
        run_import(site, "a.xlsx", content, week=MONDAY)
    assert failure.value.errors == ["Dòng 16: ngày 07/12/2026 không thuộc tuần này."]
    assert not ScheduleWeekPage.objects.exists()


def test_a_site_without_a_schedule_page_is_told_so(site, leaders):
    with time_machine.travel(TODAY, tick=False), pytest.raises(SheetError) as failure:
        run_import(site, "a.xlsx", sheets.ioffice_xlsx())
    assert failure.value.errors == ["Website chưa có trang Lịch công tác: hãy tạo trang này trước."]


def test_a_sheet_without_a_header_row_is_refused(site):
    with pytest.raises(SheetError) as failure:
        importer.load("a.csv", "Một;Hai\n1;2\n".encode())
    assert failure.value.errors == ["Không tìm thấy dòng tiêu đề cột trong tệp."]


def test_unknown_headers_need_the_mapping_and_it_is_remembered_per_site(site, schedule_index):
    content = "Ngày làm việc;Việc chính;Người chủ trì\nThứ Hai 30/11/2026;Họp giao ban;Ông A\n"
    content = content.encode()
    sheet = importer.load("a.csv", content)  # "ngay lam viec" and "chu tri" are known
    columns = importer.initial_columns(sheet, {})
    assert columns == {"ngay lam viec": "day", "viec chinh": "", "nguoi chu tri": "chair"}
    with pytest.raises(SheetError) as failure:
        importer.parse(site, sheet, columns)
    assert failure.value.errors == ["Chưa chọn cột cho: Nội dung."]
    columns["viec chinh"] = "content"
    importer.remember(site, columns)
    parsed = importer.parse(site, sheet, importer.initial_columns(sheet, importer.remembered(site)))
    assert [r.content for r in parsed.rows] == ["Họp giao ban"]
    assert importer.covered(sheet, importer.remembered(site))
    # another agency's site does not get this site's mapping
    other = Site.objects.create(
        hostname="so-khac.example",
        root_page=HomePageFactory(parent=Page.get_first_root_node(), slug="so-khac"),
    )
    assert importer.remembered(other) == {}
    assert importer.initial_columns(sheet, importer.remembered(other))["viec chinh"] == ""
    assert SheetMapping.objects.get(site=site, kind="schedule").columns["viec chinh"] == "content"


def test_a_remembered_mapping_finds_a_header_of_unusual_names(site):
    importer.remember(site, {"hang muc": "day", "viec chinh": "content"})
    content = "LỊCH TUẦN\nHạng mục;Việc chính\n30/11/2026;Họp\n".encode()
    sheet = importer.load("a.csv", content, importer.remembered(site))
    assert sheet.header_line == 2


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Thứ Hai, 30/11/2026", (datetime.date(2026, 11, 30), None)),
        ("Thứ 2 (30/11)", (datetime.date(2026, 11, 30), None)),
        ("30/11", (datetime.date(2026, 11, 30), None)),
        ("30/11/2026", (datetime.date(2026, 11, 30), None)),
        ("30-11-26", (datetime.date(2026, 11, 30), None)),
        (datetime.datetime(2026, 11, 30), (datetime.date(2026, 11, 30), None)),
        ("Sáng thứ Hai 30/11", (datetime.date(2026, 11, 30), "sang")),
        ("Chiều Thứ Ba\n01/12/2026", (datetime.date(2026, 12, 1), "chieu")),
        ("CHỦ NHẬT 06/12", (datetime.date(2026, 12, 6), None)),
        ("CN (06/12)", (datetime.date(2026, 12, 6), None)),
        ("Thứ Bảy", (datetime.date(2026, 12, 5), None)),  # the week is known
    ],
)
def test_days(value, expected):
    found, session, problem = importer.parse_day(value, MONDAY, week=MONDAY)
    assert (found, session, problem) == (*expected, "")


def test_a_day_without_a_year_is_placed_in_the_nearest_year():
    """A week spanning the new year: "02/01" after "28/12/2026" is in 2027."""
    monday = datetime.date(2026, 12, 28)
    assert importer.parse_day("Thứ Bảy 02/01", monday)[0] == datetime.date(2027, 1, 2)
    assert importer.parse_day("28/12", datetime.date(2027, 1, 3))[0] == monday


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("Thứ Hai, 32/11/2026", "không đọc được ngày «Thứ Hai, 32/11/2026»"),
        ("29/02/2026", "không đọc được ngày «29/02/2026»"),
        ("Thứ Hai, 01/12/2026", "«Thứ Hai, 01/12/2026»: ngày 01/12/2026 là Thứ Ba"),
        ("Thứ Hai", "không đọc được ngày «Thứ Hai»"),  # no date, week unknown
        ("Hôm nay", "không đọc được ngày «Hôm nay»"),
    ],
)
def test_unreadable_days(value, problem):
    assert importer.parse_day(value, MONDAY) == (None, None, problem)


@pytest.mark.parametrize(
    ("value", "start", "session"),
    [
        ("8h00", datetime.time(8, 0), None),
        ("8h", datetime.time(8, 0), None),
        ("8 giờ", datetime.time(8, 0), None),
        ("14 giờ 30", datetime.time(14, 30), None),
        ("14g30", datetime.time(14, 30), None),
        ("08:00", datetime.time(8, 0), None),
        ("7h30-11h30", datetime.time(7, 30), None),
        ("7h30 - 11h30", datetime.time(7, 30), None),
        ("2h chiều", datetime.time(14, 0), "chieu"),
        ("Sáng 8h30", datetime.time(8, 30), "sang"),
        ("9", datetime.time(9, 0), None),
        ("Chiều", None, "chieu"),
        ("Cả ngày", None, "sang"),
        (datetime.time(14, 0), datetime.time(14, 0), None),
        (0.75, datetime.time(18, 0), None),
        ("", None, None),
    ],
)
def test_times(value, start, session):
    assert importer.parse_time(value) == (start, session, "")


@pytest.mark.parametrize("value", ["25h00", "8h75", "sau họp"])
def test_unreadable_times(value):
    assert importer.parse_time(value) == (None, None, f"không đọc được giờ «{value}»")


@pytest.mark.parametrize(
    ("value", "session"),
    [
        ("Sáng", "sang"),
        ("CHIỀU", "chieu"),
        ("Tối", "toi"),
        ("S", "sang"),
        ("C", "chieu"),
        ("buổi sáng", "sang"),
        ("x", None),
    ],
)
def test_sessions(value, session):
    assert importer.parse_session(value) == session


@pytest.mark.parametrize(
    ("hour", "session"), [(7, "sang"), (11, "sang"), (12, "chieu"), (17, "chieu"), (19, "toi")]
)
def test_a_session_follows_from_the_time_when_the_sheet_has_none(hour, session):
    assert importer.session_of_time(datetime.time(hour, 0)) == session


@pytest.mark.parametrize(
    ("typed", "leader", "kept"),
    [
        ("Lê Văn Minh", "director", ""),
        ("Đ/c Lê Văn Minh, Giám đốc", "director", ""),
        ("le van minh", "director", ""),
        ("Giám đốc Sở", "director", ""),
        ("Giám đốc", "director", ""),
        ("Giám", None, "Giám"),  # one word names no one
        ("PGĐ Trần Thị Bình", "deputy", ""),
        ("Phó Giám đốc Sở", None, "Phó Giám đốc Sở"),  # two deputies: which one?
        ("Lê Văn Minh; Trần Thị Bình", None, "Lê Văn Minh; Trần Thị Bình"),
        ("Chủ tịch UBND tỉnh", None, "Chủ tịch UBND tỉnh"),
        ("Lê Văn Minhh", None, "Lê Văn Minhh"),
        ("", None, ""),
    ],
)
def test_the_chair_is_matched_to_a_leader_of_the_site(site, leaders, typed, leader, kept):
    found, text = importer.ChairMatcher(site).match(typed)
    assert (found, text) == (leaders[leader] if leader else None, kept)


def test_a_former_leader_is_found_by_name_not_by_position(site, leaders):
    former = Leader.objects.create(
        site=site,
        full_name="Phạm Thị Dung",
        position="Chánh Văn phòng",
        term_end=datetime.date(2020, 1, 1),
    )
    matcher = importer.ChairMatcher(site)
    assert matcher.match("Phạm Thị Dung") == (former, "")
    assert matcher.match("Chánh Văn phòng") == (None, "Chánh Văn phòng")


def test_leaders_of_another_site_are_not_matched(site, leaders):
    other = Site.objects.create(
        hostname="so-khac.example",
        root_page=HomePageFactory(parent=Page.get_first_root_node(), slug="so-khac"),
    )
    assert importer.ChairMatcher(other).match("Lê Văn Minh") == (None, "Lê Văn Minh")


# ---- the command -----------------------------------------------------------------------------


def command(tmp_path, name: str, content: bytes, *args: str):
    path = tmp_path / name
    path.write_bytes(content)
    out, err = io.StringIO(), io.StringIO()
    call_command("import_schedule", str(path), *args, stdout=out, stderr=err, verbosity=0)
    return out.getvalue(), err.getvalue()


@time_machine.travel(TODAY, tick=False)
def test_the_command_imports_a_draft(tmp_path, site, schedule_index, leaders):
    out, _err = command(tmp_path, "lich.xls", sheets.session_rows_xls(), "--site", "localhost")
    page = ScheduleWeekPage.objects.get()
    assert f"Đã nhập 7 dòng lịch của tuần 2026-W49: đã lưu bản nháp “{page.title}”" in out
    assert draft_rows(page) == EXPECTED


@time_machine.travel(TODAY, tick=False)
def test_the_command_dry_run_writes_nothing(tmp_path, site, schedule_index, leaders):
    out, _err = command(
        tmp_path, "lich.csv", sheets.voffice_csv(), "--site", "localhost", "--dry-run"
    )
    assert "Tệp hợp lệ: 7 dòng lịch của tuần 2026-W49" in out
    assert not ScheduleWeekPage.objects.exists()


@time_machine.travel(TODAY, tick=False)
def test_the_command_refuses_a_bad_sheet_with_its_report(tmp_path, site, schedule_index, leaders):
    with pytest.raises(CommandError, match="Không nhập dòng nào: 4 lỗi cần sửa trong tệp."):
        command(tmp_path, "bad.xlsx", bad_sheet(), "--site", "localhost")
    assert not ScheduleWeekPage.objects.exists()


@time_machine.travel(TODAY, tick=False)
def test_the_command_week_option(tmp_path, site, schedule_index, leaders):
    with pytest.raises(CommandError):
        command(
            tmp_path, "a.xlsx", sheets.ioffice_xlsx(), "--site", "localhost", "--week", "2026-W50"
        )
    command(tmp_path, "a.xlsx", sheets.ioffice_xlsx(), "--site", "localhost", "--week", "2026-W49")
    assert ScheduleWeekPage.objects.get().week_start == MONDAY


@time_machine.travel(TODAY, tick=False)
def test_the_command_exit_status_is_non_zero_on_a_refused_sheet(
    tmp_path, site, schedule_index, leaders, capsys
):
    from cong.schedule.management.commands.import_schedule import Command

    path = tmp_path / "bad.xlsx"
    path.write_bytes(bad_sheet())
    with pytest.raises(SystemExit) as exit:
        Command().run_from_argv(
            ["manage.py", "import_schedule", str(path), "--site", "localhost", "-v", "0"]
        )
    assert exit.value.code == 1
    assert "Dòng 12: không đọc được ngày «Thứ Ba, 32/11/2026»." in capsys.readouterr().err


def test_a_reimported_week_marks_only_the_changed_rows_adjusted_once_published(
    site, schedule_index, leaders
):
    with time_machine.travel(TODAY, tick=False):
        page, revision = run_import(site, "a.xlsx", sheets.ioffice_xlsx())
        revision.publish()
    rows, merged = sheets.ioffice_rows()
    rows[14][2] = "Dự chương trình nghệ thuật chào mừng Ngày Quốc phòng toàn dân"
    later = datetime.datetime(2026, 12, 3, 2, 0, tzinfo=datetime.UTC)
    with time_machine.travel(later, tick=False):
        _page, revision = run_import(site, "a.xlsx", sheets.xlsx(rows, merged))
        revision.publish()
    adjusted = {e.content: e.adjusted_at for e in ScheduleEntry.objects.filter(page=page)}
    assert adjusted.pop(rows[14][2]) == later
    assert set(adjusted.values()) == {None}


def test_a_session_written_in_the_day_cell_wins_over_the_time(site):
    content = "Ngày;Giờ;Nội dung\nChiều thứ Hai 30/11/2026;11h30;Đón đoàn công tác\n".encode()
    sheet = importer.load("a.csv", content)
    parsed = importer.parse(site, sheet, importer.initial_columns(sheet, {}))
    assert [(r.session, r.start_time) for r in parsed.rows] == [("chieu", datetime.time(11, 30))]


def test_a_day_split_over_two_columns_is_read_as_one(site):
    """ "Thứ" | "Ngày": both map to the day, joined, and the weekday is still checked."""
    content = (
        "Thứ;Ngày;Nội dung\nThứ Hai;30/11/2026;Họp 1\n;;Họp 2\nThứ Tư;01/12/2026;Họp 3\n"
    ).encode()
    sheet = importer.load("a.csv", content)
    columns = importer.initial_columns(sheet, {})
    assert columns == {"thu": "day", "ngay": "day", "noi dung": "content"}
    with pytest.raises(SheetError) as failure:
        importer.parse(site, sheet, columns)
    assert failure.value.errors == ["Dòng 4: «Thứ Tư 01/12/2026»: ngày 01/12/2026 là Thứ Ba."]
    sheet.rows[-1][1][0] = "Thứ Ba"
    parsed = importer.parse(site, sheet, columns)
    assert [(r.date.day, r.content) for r in parsed.rows] == [
        (30, "Họp 1"),
        (30, "Họp 2"),
        (1, "Họp 3"),
    ]


def test_a_note_in_brackets_after_a_leaders_name_does_not_prevent_the_match(site):
    leader = Leader.objects.create(site=site, full_name="Lê Thị Mai (minh họa)", position="x")
    assert importer.ChairMatcher(site).match("Đ/c Lê Thị Mai") == (leader, "")


@time_machine.travel(TODAY, tick=False)
def test_the_command_shows_a_progress_bar_of_the_rows(
    tmp_path, site, schedule_index, leaders, capsys
):
    path = tmp_path / "lich.xls"
    path.write_bytes(sheets.session_rows_xls())
    call_command("import_schedule", str(path), "--site", "localhost", stdout=io.StringIO())
    bar = capsys.readouterr().err  # tqdm writes to the terminal's stderr
    assert "100%" in bar and "7/7" in bar and "dòng" in bar
