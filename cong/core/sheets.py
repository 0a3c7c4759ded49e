"""Reading the spreadsheets agencies import (XLSX or CSV): a header row, then data rows.

Importers map the header to their columns by folded name (case, accents and a trailing
"*" do not count) and report problems row by row with the spreadsheet's own line numbers.
"""

import csv
import io
import zipfile
from collections.abc import Iterable, Mapping
from pathlib import Path

from django.utils.translation import gettext as _

from cong.core.text import clean_line, fold


class SheetError(Exception):
    """The file cannot be imported; `errors` says why (row by row), in Vietnamese."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__("\n".join(errors))
        self.errors = errors


def header_key(text: object) -> str:
    """A header or a list entry folded for matching: "Lĩnh vực*" → "linh vuc"."""
    return clean_line(fold(clean_line(str(text or ""))).lower().replace("*", ""))


def read_sheet(name: str, content: bytes) -> tuple[list[str], list[tuple[int, list]]]:
    """Header and (spreadsheet line number, cells) of the non-empty rows of a CSV or XLSX
    file; the first sheet of a workbook. Raises SheetError for what cannot be read."""
    suffix = Path(name).suffix.lower()
    if suffix == ".xlsx":
        rows = _xlsx_rows(content)
    elif suffix == ".csv":
        rows = _csv_rows(content)
    else:
        raise SheetError([_("Chỉ nhận tệp .xlsx hoặc .csv.")])
    if not rows:
        raise SheetError([_("Tệp không có dữ liệu.")])
    return [str(c or "") for c in rows[0]], [
        (line, cells)
        for line, cells in enumerate(rows[1:], start=2)
        if any(str(c or "").strip() for c in cells)
    ]


def _xlsx_rows(content: bytes) -> list[list]:
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise SheetError([_("Không đọc được tệp Excel: %(error)s") % {"error": exc}]) from exc
    try:
        return [list(r) for r in book.worksheets[0].iter_rows(values_only=True)]
    finally:
        book.close()


def _csv_rows(content: bytes) -> list[list]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SheetError([_("Tệp CSV phải dùng bảng mã UTF-8.")]) from exc
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return list(csv.reader(io.StringIO(text), dialect))


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
