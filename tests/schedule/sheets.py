"""Spreadsheets in the shapes office systems export a week's schedule in, built in code.

All hold ISO week 49 of 2026 (Monday 30/11 – Sunday 06/12/2026) and the same seven
meetings, so each shape must import to the same rows (`EXPECTED`).
"""

import datetime
import io
import unicodedata

import openpyxl

from tests.schedule.xls import xls_bytes

MONDAY = datetime.date(2026, 11, 30)
TUESDAY = MONDAY + datetime.timedelta(days=1)
WEDNESDAY = MONDAY + datetime.timedelta(days=2)
FRIDAY = MONDAY + datetime.timedelta(days=4)
DIRECTOR = "Lê Văn Minh"
DEPUTY = "Trần Thị Bình"

# (date, session, start time, content, chair: a leader's name or the text kept, location)
EXPECTED = [
    (MONDAY, "sang", datetime.time(8, 0), "Giao ban lãnh đạo Sở", DIRECTOR, "Phòng họp tầng 3"),
    (MONDAY, "sang", datetime.time(9, 30), "Làm việc với Sở Tài chính", DEPUTY, "Sở Tài chính"),
    (MONDAY, "chieu", datetime.time(14, 30), "Họp Hội đồng thẩm định", DIRECTOR, "Hội trường A"),
    (
        TUESDAY,
        "sang",
        datetime.time(7, 30),
        "Kiểm tra công tác cải cách hành chính tại xã Quảng Tâm",
        DEPUTY,
        "UBND xã Quảng Tâm",
    ),
    (
        TUESDAY,
        "chieu",
        datetime.time(14, 0),
        "Dự hội nghị trực tuyến của Bộ",
        "Chủ tịch UBND tỉnh",
        "Điểm cầu tỉnh",
    ),
    (WEDNESDAY, "sang", None, "Làm việc tại cơ quan", DIRECTOR, ""),
    (FRIDAY, "toi", datetime.time(19, 0), "Dự chương trình nghệ thuật", DEPUTY, "Nhà hát tỉnh"),
]

HEADER = [
    "Thứ, ngày",
    "Thời gian",
    "Nội dung",
    "Chủ trì",
    "Thành phần",
    "Địa điểm",
    "Đơn vị chuẩn bị",
]
TITLE = [
    ["UBND TỈNH THANH HÓA", None, None, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
    ["SỞ TƯ PHÁP", None, None, "Độc lập - Tự do - Hạnh phúc"],
    [],
    ["LỊCH CÔNG TÁC TUẦN 49 NĂM 2026"],
    ["(Từ ngày 30/11/2026 đến ngày 06/12/2026)"],
    [],
]


def ioffice_rows() -> tuple[list[list], list[tuple[int, int, int, int]]]:
    """VNPT iOffice's shape: a title block, the header, each day written once in a merged
    cell over its meetings ("Thứ Hai\\n30/11/2026"), a blank line between days, a real
    Excel date for Wednesday; chairs as positions or "Đ/c name, position". Returns the rows
    and the merged ranges (0-based, inclusive: first row, last row, first col, last col)."""
    rows = [list(r) for r in TITLE] + [list(HEADER)]
    first = len(rows)
    rows += [
        [
            "Thứ Hai\n30/11/2026",
            "8h00",
            "Giao ban lãnh đạo Sở",
            "Giám đốc Sở",
            "Lãnh đạo Sở, Trưởng các phòng",
            "Phòng họp tầng 3",
            "Văn phòng",
        ],
        [
            None,
            "9 giờ 30",
            "Làm việc với Sở Tài chính",
            "Đ/c Trần Thị Bình, Phó Giám đốc",
            "Phòng Kế hoạch",
            "Sở Tài chính",
            "",
        ],
        [
            None,
            "14 giờ 30",
            "Họp Hội đồng thẩm định",
            "Đ/c Lê Văn Minh",
            "Thành viên Hội đồng",
            "Hội trường A",
            "Phòng Pháp chế",
        ],
        [],
        [
            "Thứ Ba, 01/12/2026",
            "7h30-11h30",
            "Kiểm tra công tác cải cách hành chính tại xã Quảng Tâm",
            "PGĐ Trần Thị Bình",
            "Phòng Hành chính tư pháp",
            "UBND xã Quảng Tâm",
            "",
        ],
        [
            None,
            "14g00",
            "Dự hội nghị trực tuyến của Bộ",
            "Chủ tịch UBND tỉnh",
            "Giám đốc Sở",
            "Điểm cầu tỉnh",
            "Văn phòng",
        ],
        [WEDNESDAY, "", "Làm việc tại cơ quan", "Giám đốc Sở", "", "", ""],
        [
            "Thứ Sáu, 04/12/2026",
            "19h00",
            "Dự chương trình nghệ thuật",
            "Trần Thị Bình",
            "",
            "Nhà hát tỉnh",
            "",
        ],
    ]
    merged = [
        (0, 0, 0, 2),
        (3, 3, 0, 6),
        (4, 4, 0, 6),
        (first, first + 2, 0, 0),  # Monday's three meetings
        (first + 4, first + 5, 0, 0),  # Tuesday's two
    ]
    return rows, merged


def xlsx(rows: list[list], merged: list[tuple[int, int, int, int]] = ()) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    for number, row in enumerate(rows, start=1):
        for column, value in enumerate(row, start=1):
            if value is not None:
                cell = sheet.cell(number, column, value)
                if isinstance(value, datetime.date):
                    cell.number_format = "dd/mm/yyyy"
    for top, bottom, left, right in merged:
        sheet.merge_cells(
            start_row=top + 1, end_row=bottom + 1, start_column=left + 1, end_column=right + 1
        )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def ioffice_xlsx() -> bytes:
    return xlsx(*ioffice_rows())


VOFFICE_CSV = """STT;Ngày;Buổi;Giờ;Nội dung;Lãnh đạo chủ trì;Thành phần tham dự;Địa điểm;Ghi chú
1;Thứ 2 (30/11);S;08:00;Giao ban lãnh đạo Sở;Lê Văn Minh;Lãnh đạo Sở;Phòng họp tầng 3;
2;;S;9h30;Làm việc với Sở Tài chính;Trần Thị Bình;;Sở Tài chính;
3;;C;14h30;Họp Hội đồng thẩm định;Giám đốc Sở;;Hội trường A;
;;;;;;;;
4;Thứ 3 (01/12);S;7h30;Kiểm tra công tác cải cách hành chính tại xã Quảng Tâm;Phó Giám đốc Trần Thị Bình;;UBND xã Quảng Tâm;
5;;C;14h;Dự hội nghị trực tuyến của Bộ;Chủ tịch UBND tỉnh;;Điểm cầu tỉnh;Trực tuyến
6;Thứ 4 (02/12);Sáng;;Làm việc tại cơ quan;Lê Văn Minh;;;
7;Thứ 6 (04/12);Tối;19h00;Dự chương trình nghệ thuật;Trần Thị Bình;;Nhà hát tỉnh;
"""


def voffice_csv(encoding: str = "utf-8-sig") -> bytes:
    """Viettel vOffice's CSV shape: no title, ";" separated, a session column (S/C/Sáng),
    the day only on its first line, a blank line, years left out ("Thứ 2 (30/11)")."""
    if encoding == "cp1258":
        return cp1258(VOFFICE_CSV)
    return VOFFICE_CSV.encode(encoding)


TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def cp1258(text: str) -> bytes:
    """Text as Windows-1258 writes it: letters with their vowel marks (ô, ơ, ư, ă, â, ê)
    precomposed, tone marks as separate combining characters."""
    out, base = [], -1
    for ch in unicodedata.normalize("NFD", text):
        if unicodedata.combining(ch) and ch not in TONES and base >= 0:
            out[base] = unicodedata.normalize("NFC", out[base] + ch)
        else:
            out.append(ch)
            base = base if unicodedata.combining(ch) else len(out) - 1
    return "".join(out).encode("cp1258")


def session_rows_xls() -> bytes:
    """An older system's .xls: one title line, the day and session in one merged cell
    ("Sáng thứ Hai 30/11"), times as Excel times, a day-only and a session-only line."""
    rows = [
        ["LỊCH LÀM VIỆC CỦA LÃNH ĐẠO SỞ TUẦN 49 NĂM 2026"],
        ["Ngày", "Giờ", "Nội dung công việc", "Lãnh đạo chủ trì", "Địa điểm"],
        [
            "Sáng thứ Hai 30/11",
            datetime.time(8, 0),
            "Giao ban lãnh đạo Sở",
            "Lê Văn Minh",
            "Phòng họp tầng 3",
        ],
        [None, datetime.time(9, 30), "Làm việc với Sở Tài chính", "Trần Thị Bình", "Sở Tài chính"],
        [
            "Chiều thứ Hai 30/11",
            datetime.time(14, 30),
            "Họp Hội đồng thẩm định",
            "Giám đốc Sở",
            "Hội trường A",
        ],
        ["Thứ Ba 01/12"],
        ["Sáng"],
        [
            None,
            "7h30",
            "Kiểm tra công tác cải cách hành chính tại xã Quảng Tâm",
            "Trần Thị Bình",
            "UBND xã Quảng Tâm",
        ],
        ["Chiều"],
        [None, "14h00", "Dự hội nghị trực tuyến của Bộ", "Chủ tịch UBND tỉnh", "Điểm cầu tỉnh"],
        ["Thứ Tư", None, "Làm việc tại cơ quan", "Lê Văn Minh", None],
        ["Tối thứ Sáu 04/12", "19h", "Dự chương trình nghệ thuật", "Trần Thị Bình", "Nhà hát tỉnh"],
    ]
    return xls_bytes(rows, merged=[(2, 3, 0, 0)])


def sixty_rows_xlsx() -> bytes:
    """A busy week: 60 meetings, Monday to Saturday, in iOffice's shape."""
    rows = [list(r) for r in TITLE] + [list(HEADER)]
    merged = []
    for day in range(6):
        date = MONDAY + datetime.timedelta(days=day)
        first = len(rows)
        for n in range(10):
            hour = 7 + n if n < 5 else 13 + (n - 5)
            rows.append(
                [
                    f"Thứ {['Hai', 'Ba', 'Tư', 'Năm', 'Sáu', 'Bảy'][day]}, {date:%d/%m/%Y}",
                    f"{hour}h{15 * (n % 4):02d}",
                    f"Cuộc họp số {day * 10 + n + 1} về chuyển đổi số",
                    DIRECTOR if n % 2 else "Giám đốc Sở",
                    "Các phòng chuyên môn",
                    "Phòng họp tầng 3",
                    "Văn phòng",
                ]
            )
        merged.append((first, first + 9, 0, 0))
    return xlsx(rows, merged)


def html_table(rows: list[list], merged: list[tuple[int, int, int, int]] = ()) -> str:
    """`rows` as the HTML table many systems' "Xuất Excel" writes (named .xls), merged ranges
    as rowspan/colspan."""
    starts = {(t, left): (b - t + 1, r - left + 1) for t, b, left, r in merged}
    covered = {
        (row, col)
        for t, b, left, r in merged
        for row in range(t, b + 1)
        for col in range(left, r + 1)
        if (row, col) != (t, left)
    }
    lines = []
    for r, row in enumerate(rows):
        cells = []
        for c, value in enumerate(row):
            if (r, c) in covered:
                continue
            if isinstance(value, datetime.date):
                value = f"{value:%d/%m/%Y}"
            rowspan, colspan = starts.get((r, c), (1, 1))
            attrs = (f' rowspan="{rowspan}"' if rowspan > 1 else "") + (
                f' colspan="{colspan}"' if colspan > 1 else ""
            )
            text = "" if value is None else str(value).replace("\n", "<br>")
            cells.append(f"<td{attrs}>{text}</td>")
        lines.append("<tr>" + "".join(cells) + "</tr>")
    return "<table border='1'>\n" + "\n".join(lines) + "\n</table>"


def html_xls() -> bytes:
    """iOffice's shape as an HTML page named .xls, with its <meta charset>."""
    rows, merged = ioffice_rows()
    page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">'
        f"</head><body>{html_table(rows, merged)}</body></html>"
    )
    return page.encode("utf-8")
