"""The kernel's spreadsheet reader: .xls, merged cells, title blocks and blank lines,
CSV encodings and separators; what the documents and procedures imports see is unchanged."""

import datetime

import pytest

from cong.core.sheets import SheetError, find_header, read_sheet, read_table
from tests.schedule.sheets import cp1258, html_table, xlsx
from tests.schedule.xls import xls_bytes

ROWS = [
    ["UBND TỈNH THANH HÓA"],
    [],
    ["Ngày", "Nội dung"],
    [datetime.date(2026, 11, 30), "Họp 1"],
    [None, "Họp 2"],
    [],
    ["01/12/2026", "Họp 3"],
]
MERGED = [(3, 4, 0, 0)]


@pytest.mark.parametrize(
    ("name", "build"),
    [("a.xlsx", lambda: xlsx(ROWS, MERGED)), ("a.xls", lambda: xls_bytes(ROWS, MERGED))],
)
def test_a_workbook_keeps_line_numbers_and_fills_merged_cells_on_request(name, build):
    content = build()
    lines = read_table(name, content, (".xlsx", ".xls"), fill_merged=True)
    assert [n for n, _cells in lines] == [1, 2, 3, 4, 5, 6, 7]
    assert lines[3][1][:2] == [datetime.datetime(2026, 11, 30), "Họp 1"]
    assert lines[4][1][:2] == [datetime.datetime(2026, 11, 30), "Họp 2"]  # the merged day
    plain = read_table(name, content, (".xlsx", ".xls"))
    assert plain[4][1][0] is None


def test_find_header_skips_the_title_block_and_blank_lines():
    lines = read_table("a.xlsx", xlsx(ROWS), (".xlsx",))
    (line, header), rows = find_header(lines, lambda cells: "Nội dung" in cells)
    assert (line, header) == (3, ["Ngày", "Nội dung"])
    assert [n for n, _cells in rows] == [4, 5, 7]
    with pytest.raises(SheetError) as failure:
        find_header(lines, lambda cells: False)
    assert failure.value.errors == ["Không tìm thấy dòng tiêu đề cột trong tệp."]


def test_an_unreadable_xls_gets_a_vietnamese_message():
    with pytest.raises(SheetError) as failure:
        read_table("a.xls", b"\xd0\xcf\x11\xe0 not really", (".xls",))
    assert failure.value.errors[0].startswith("Không đọc được tệp Excel:")


@pytest.mark.parametrize(
    "content",
    [
        "Tên;Ngày\nSở Tư pháp;1\n".encode(),
        "Tên;Ngày\nSở Tư pháp;1\n".encode("utf-8-sig"),
        cp1258("Tên;Ngày\nSở Tư pháp;1\n"),
    ],
)
def test_csv_in_utf8_with_or_without_bom_or_windows_1258(content):
    assert read_sheet("a.csv", content) == (["Tên", "Ngày"], [(2, ["Sở Tư pháp", "1"])])


def test_a_title_line_without_separators_does_not_hide_them():
    lines = read_table("a.csv", "LỊCH CÔNG TÁC\nNgày;Nội dung\n30/11;Họp\n".encode())
    assert lines[1] == (2, ["Ngày", "Nội dung"])


def test_the_documents_and_procedures_formats_stay_as_they_were():
    with pytest.raises(SheetError) as failure:
        read_sheet("a.xls", b"")
    assert failure.value.errors == ["Chỉ nhận tệp .xlsx hoặc .csv."]
    with pytest.raises(SheetError) as failure:
        read_table("a.txt", b"", (".xlsx", ".xls", ".csv"))
    assert failure.value.errors == ["Chỉ nhận tệp .xlsx, .xls hoặc .csv."]


def test_an_html_table_named_xls_is_read_with_its_spans():
    """Many systems' "Xuất Excel" writes an HTML table; no <meta charset>: UTF-8."""
    rows = [["LỊCH TUẦN", None], ["Ngày", "Nội dung"], ["30/11/2026", "Họp 1"], [None, "Họp 2"]]
    page = html_table(rows, [(0, 0, 0, 1), (2, 3, 0, 0)]).encode()
    assert read_table("a.xls", page, (".xls",), fill_merged=True) == [
        (1, ["LỊCH TUẦN", "LỊCH TUẦN"]),
        (2, ["Ngày", "Nội dung"]),
        (3, ["30/11/2026", "Họp 1"]),
        (4, ["30/11/2026", "Họp 2"]),
    ]
    assert read_table("a.xls", page, (".xls",))[3] == (4, [None, "Họp 2"])


def test_a_workbook_that_unpacks_to_too_much_is_refused(monkeypatch):
    monkeypatch.setattr("cong.core.sheets.MAX_UNPACKED", 1000)
    with pytest.raises(SheetError) as failure:
        read_table("a.xlsx", xlsx(ROWS), (".xlsx",), fill_merged=True)
    assert failure.value.errors == ["Tệp Excel quá lớn khi giải nén."]
