"""Every comment on a draft, for the drafting unit: XLSX and CSV (UTF-8 with BOM for Excel)."""

import csv
import io
from collections import Counter

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from cong.core.exports import safe_cell
from cong.core.text import clean_line, fold
from cong.participation.models import CommentStatus

HEADER = [
    _("STT"),
    _("Ngày gửi"),
    _("Họ và tên"),
    _("Thư điện tử"),
    _("Cơ quan, tổ chức"),
    _("Điều, khoản"),
    _("Nội dung góp ý"),
    _("Trạng thái"),
]
SECTION_HEADER = [_("Điều, khoản"), _("Số góp ý"), _("Đã duyệt"), _("Chờ duyệt"), _("Không duyệt")]
NO_SECTION = _("(Không nêu điều, khoản)")
WIDTHS = [6, 17, 24, 28, 30, 18, 80, 18]


def comment_rows(comments) -> list[list]:
    return [
        [
            number,
            timezone.localtime(comment.submitted_at).strftime("%d/%m/%Y %H:%M"),
            comment.name,
            comment.email,
            comment.organisation,
            comment.section,
            comment.body,
            comment.get_status_display(),
        ]
        for number, comment in enumerate(comments, start=1)
    ]


def section_key(section: str) -> str:
    """Sections typed differently count together ("Điều 5", "điều  5", "DIEU 5").

    >>> section_key(" Điều  5 ") == section_key("DIEU 5")
    True
    """
    return clean_line(fold(section)).lower()


def section_counts(comments) -> list[list]:
    """One row per article/section: total, approved, pending, rejected; most commented first."""
    names: dict[str, str] = {}
    counts: dict[str, Counter] = {}
    for comment in comments:
        key = section_key(comment.section)
        names.setdefault(key, comment.section or str(NO_SECTION))
        counts.setdefault(key, Counter())[comment.status] += 1
    rows = [
        [
            names[key],
            sum(counter.values()),
            counter[CommentStatus.APPROVED],
            counter[CommentStatus.PENDING],
            counter[CommentStatus.REJECTED],
        ]
        for key, counter in counts.items()
    ]
    return sorted(rows, key=lambda row: (row[0] == NO_SECTION, -row[1], section_key(row[0])))


def to_xlsx(consultation, comments) -> bytes:
    comments = list(comments)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = str(_("Góp ý"))
    sheet.append([str(title) for title in HEADER])
    for row in comment_rows(comments):
        sheet.append([safe_cell(value) for value in row])
    for index, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[chr(64 + index)].width = width
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in sheet.iter_rows(min_row=2):
        row[6].alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    summary = workbook.create_sheet(str(_("Theo điều khoản")))
    summary.append([safe_cell(consultation.title)])
    summary.append([str(title) for title in SECTION_HEADER])
    for row in section_counts(comments):
        summary.append([safe_cell(row[0]), *row[1:]])
    summary.append([str(_("Tổng cộng")), len(comments)])
    summary.column_dimensions["A"].width = 40
    for cell in (*summary[1], *summary[2]):
        cell.font = Font(bold=True)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def to_csv(consultation, comments) -> str:
    """Comments, a blank line, then the count per section; starts with a BOM for Excel."""
    comments = list(comments)
    output = io.StringIO()
    output.write("\ufeff")
    writer = csv.writer(output)
    writer.writerow(HEADER)
    for row in comment_rows(comments):
        writer.writerow([safe_cell(value) for value in row])
    writer.writerow([])
    writer.writerow(SECTION_HEADER)
    for row in section_counts(comments):
        writer.writerow([safe_cell(row[0]), *row[1:]])
    writer.writerow([_("Tổng cộng"), len(comments)])
    return output.getvalue()
