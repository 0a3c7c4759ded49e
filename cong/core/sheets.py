"""Reading the spreadsheets agencies import (XLSX, XLS or CSV): a header row, then data rows.

Importers map the header to their columns by folded name (case, accents and a trailing
"*" do not count) and report problems row by row with the spreadsheet's own line numbers.

Office systems (VNPT iOffice, Viettel vOffice…) export sheets with a title block above the
header ("UBND TỈNH … / LỊCH CÔNG TÁC TUẦN 48"), blank lines and merged cells; `read_table`
gives every line as it is numbered in the spreadsheet, so an importer can look for its header
itself (`find_header`), and can ask for a merged cell's value on every line it spans.
"""

import csv
import datetime
import io
import re
import zipfile
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from cong.core.text import clean_line, fold, nfc

DEFAULT_FORMATS = (".xlsx", ".csv")
MAX_UNPACKED = 50 * 1024 * 1024
OLE2 = bytes.fromhex("D0CF11E0A1B11AE1")
ALL_FORMATS = (".xlsx", ".xls", ".csv")

Line = tuple[int, list]


class SheetError(Exception):
    """The file cannot be imported; `errors` says why (row by row), in Vietnamese."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__("\n".join(errors))
        self.errors = errors


def header_key(text: object) -> str:
    """A header or a list entry folded for matching: "Lĩnh vực*" → "linh vuc"."""
    return clean_line(fold(clean_line(str(text or ""))).lower().replace("*", ""))


def read_sheet(
    name: str, content: bytes, formats: tuple[str, ...] = DEFAULT_FORMATS
) -> tuple[list[str], list[Line]]:
    """Header and (spreadsheet line number, cells) of the non-empty rows of a CSV or XLSX
    file; the first sheet of a workbook. Raises SheetError for what cannot be read."""
    rows = read_table(name, content, formats)
    if not rows:
        raise SheetError([_("Tệp không có dữ liệu.")])
    (_line, header), data = rows[0], rows[1:]
    return [str(c or "") for c in header], [(n, cells) for n, cells in data if not blank(cells)]


def read_table(
    name: str,
    content: bytes,
    formats: tuple[str, ...] = DEFAULT_FORMATS,
    fill_merged: bool = False,
) -> list[Line]:
    """Every line of the first sheet, numbered as the spreadsheet numbers them (blank lines
    included, trailing ones dropped). With `fill_merged`, a merged cell's value is given on
    every line and column it spans (a day written once for all its meetings)."""
    suffix = Path(name).suffix.lower()
    if suffix not in formats:
        raise SheetError([_("Chỉ nhận tệp %(formats)s.") % {"formats": _or(formats)}])
    if suffix == ".xlsx":
        rows = _xlsx_rows(content, fill_merged)
    elif suffix == ".xls":
        rows = _xls_rows(content, fill_merged)
    else:
        rows = _csv_rows(content)
    while rows and blank(rows[-1]):
        rows.pop()
    return list(enumerate(rows, start=1))


def blank(cells: Iterable) -> bool:
    return not any(str(c if c is not None else "").strip() for c in cells)


def find_header(
    rows: list[Line], is_header: Callable[[list[str]], bool], within: int = 20
) -> tuple[tuple[int, list[str]], list[Line]]:
    """The first line (among the first `within` non-blank ones) that `is_header` accepts,
    as (its line number, its cells as text), and the non-blank lines after it; SheetError
    when none is found."""
    seen = 0
    for index, (line, cells) in enumerate(rows):
        if blank(cells):
            continue
        header = [str(c if c is not None else "") for c in cells]
        if is_header(header):
            return (line, header), [(n, c) for n, c in rows[index + 1 :] if not blank(c)]
        seen += 1
        if seen >= within:
            break
    raise SheetError([_("Không tìm thấy dòng tiêu đề cột trong tệp.")])


def _or(formats: tuple[str, ...]) -> str:
    """(".xlsx", ".xls", ".csv") → ".xlsx, .xls hoặc .csv"."""
    if len(formats) == 1:
        return formats[0]
    return _("%(some)s hoặc %(last)s") % {"some": ", ".join(formats[:-1]), "last": formats[-1]}


def _xlsx_rows(content: bytes, fill_merged: bool) -> list[list]:
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    if fill_merged:
        _refuse_bombs(content)
    try:
        # Merged ranges are only known to a fully loaded sheet; read-only mode streams.
        book = openpyxl.load_workbook(
            io.BytesIO(content), read_only=not fill_merged, data_only=True
        )
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise SheetError([_("Không đọc được tệp Excel: %(error)s") % {"error": exc}]) from exc
    try:
        sheet = book.worksheets[0]
        rows = [list(r) for r in sheet.iter_rows(values_only=True)]
        if fill_merged:
            spans = [
                (r.min_row - 1, r.max_row - 1, r.min_col - 1, r.max_col - 1)
                for r in sheet.merged_cells.ranges
            ]
            _fill(rows, spans)
        return rows
    finally:
        book.close()


def _refuse_bombs(content: bytes) -> None:
    """A fully loaded workbook holds every cell in memory: refuse one that unpacks to more
    than MAX_UNPACKED bytes (a few kilobytes can unpack to gigabytes)."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise SheetError([_("Không đọc được tệp Excel: %(error)s") % {"error": exc}]) from exc
    if unpacked > MAX_UNPACKED:
        raise SheetError([_("Tệp Excel quá lớn khi giải nén.")])


def _xls_rows(content: bytes, fill_merged: bool) -> list[list]:
    """An Excel 97-2003 workbook (what older office systems still export), through xlrd;
    date cells become dates (times of day become times), whole numbers ints. Many office
    systems' "Xuất Excel" writes an HTML table named .xls: that is read as a table."""
    import xlrd

    if not content.startswith(OLE2) and looks_like_html(content):
        return _html_rows(content, fill_merged)

    try:
        book = xlrd.open_workbook(file_contents=content, formatting_info=fill_merged)
    except Exception as exc:  # xlrd raises many kinds (XLRDError, struct.error, …)
        raise SheetError([_("Không đọc được tệp Excel: %(error)s") % {"error": exc}]) from exc
    sheet = book.sheet_by_index(0)
    rows = [
        [_xls_value(sheet.cell(r, c), book.datemode) for c in range(sheet.ncols)]
        for r in range(sheet.nrows)
    ]
    if fill_merged:
        _fill(rows, [(r0, r1 - 1, c0, c1 - 1) for r0, r1, c0, c1 in sheet.merged_cells])
    return rows


def _xls_value(cell: Any, datemode: int) -> object:
    import xlrd

    if cell.ctype == xlrd.XL_CELL_DATE:
        moment = xlrd.xldate_as_datetime(cell.value, datemode)
        return moment.time() if cell.value < 1 else moment
    if cell.ctype == xlrd.XL_CELL_NUMBER and float(cell.value).is_integer():
        return int(cell.value)
    if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
        return None
    return cell.value


def looks_like_html(content: bytes) -> bool:
    """An HTML page with a table (what many systems' "Xuất Excel" writes, named .xls)."""
    head = content[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith((b"<!doctype html", b"<html", b"<table", b"<meta")) and (
        b"<table" in content[:65536].lower()
    )


def _html_rows(content: bytes, fill_merged: bool) -> list[list]:
    """The first table of an HTML page, its cells' text; rowspan/colspan are merged cells."""
    import lxml.html

    try:
        document = lxml.html.document_fromstring(_html_text(content))
    except (ValueError, lxml.etree.ParserError) as exc:
        raise SheetError([_("Không đọc được tệp Excel: %(error)s") % {"error": exc}]) from exc
    tables = document.xpath("//table")
    if not tables:
        raise SheetError([_("Không đọc được tệp Excel: không có bảng.")])
    rows: list[list] = []
    pending: dict[tuple[int, int], object] = {}  # cells covered by a span from above
    for r, tr in enumerate(tables[0].xpath("./tr|./thead/tr|./tbody/tr|./tfoot/tr")):
        row: list = []
        for td in tr.xpath("./td|./th"):
            while (r, len(row)) in pending:
                row.append(pending.pop((r, len(row))))
            text = "\n".join(
                line.strip() for line in td.text_content().splitlines() if line.strip()
            )
            rowspan, colspan = _span(td.get("rowspan")), _span(td.get("colspan"))
            for dr in range(rowspan):
                for dc in range(colspan):
                    if dr or dc:
                        covered = text if fill_merged else None
                        if dr:
                            pending[(r + dr, len(row) + dc)] = covered
            row.append(text)
            row.extend([text if fill_merged else None] * (colspan - 1))
        while (r, len(row)) in pending:
            row.append(pending.pop((r, len(row))))
        rows.append(row)
    return rows


def _html_text(content: bytes) -> str:
    """The page's text: in the charset its <meta> names, else UTF-8, else Windows-1258
    (libxml2 would otherwise read a page without <meta charset> as Latin-1)."""
    declared = re.search(rb"""charset=["']?([A-Za-z0-9_-]+)""", content[:4096])
    if declared:
        try:
            return nfc(content.decode(declared[1].decode("ascii")))
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return nfc(content.decode("cp1258", errors="replace"))


def _span(value: str | None) -> int:
    """A rowspan/colspan attribute, kept within what a sheet needs."""
    try:
        return max(1, min(int(value or 1), 1000))
    except ValueError:
        return 1


def _fill(rows: list[list], spans: list[tuple[int, int, int, int]]) -> None:
    """Give each merged range's first value to every cell it covers (0-based, inclusive)."""
    width = max((len(row) for row in rows), default=0)
    for top, bottom, left, right in spans:
        right = min(right, width - 1)  # a range "to the end of the sheet" stops at the data
        if top >= len(rows) or left > right:
            continue
        value = rows[top][left] if left < len(rows[top]) else None
        for r in range(top, min(bottom, len(rows) - 1) + 1):
            row = rows[r]
            row.extend([None] * (right + 1 - len(row)))
            for c in range(left, right + 1):
                row[c] = value


def _csv_rows(content: bytes) -> list[list]:
    text = _decode(content)
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        # A title line without separators above the header defeats the sniffer: take the
        # separator the text uses most.
        return list(csv.reader(io.StringIO(text), delimiter=max(",;\t", key=text.count)))
    return list(csv.reader(io.StringIO(text), dialect))


def _decode(content: bytes) -> str:
    """UTF-8 (with or without the BOM Excel writes), else Windows-1258, the Vietnamese code
    page older Windows programs save CSV in (its tones are combining marks: NFC joins them).
    UTF-16 and other encodings with NUL bytes are refused rather than read as garbage."""
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    if b"\x00" not in content and not content.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return nfc(content.decode("cp1258"))
        except UnicodeDecodeError:
            pass
    raise SheetError([_("Tệp CSV phải dùng bảng mã UTF-8.")])


def map_columns(
    header: list[str], aliases: Mapping[str, Iterable[str]], required: Mapping[str, str]
) -> dict[str, int]:
    """Column name → index in the header, from each column's folded aliases; SheetError
    naming the missing required columns (`required`: name → label the report shows)."""
    keys = [header_key(h) for h in header]
    mapping = {}
    for name, names in aliases.items():
        for index, key in enumerate(keys):
            if key in names:
                mapping[name] = index
                break
    missing = [label for name, label in required.items() if name not in mapping]
    if missing:
        raise SheetError([_("Thiếu cột: %(columns)s.") % {"columns": ", ".join(missing)}])
    return mapping


def as_date(value: object) -> datetime.date | None:
    """An Excel date cell as a date (openpyxl and xlrd give datetimes), else None."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    return None
