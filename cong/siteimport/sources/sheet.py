"""A spreadsheet (CSV or XLSX) of articles, for old sites that can only export a table.

Columns (Vietnamese headers; case and accents do not matter): Tiêu đề*, Địa chỉ cũ*,
Ngày đăng, Sapo, Nội dung (HTML or plain text), Tác giả, Đơn vị, Nguồn, Chuyên mục,
Ảnh đại diện (an address), Lượt xem (the old site's count, carried over).
"""

import datetime
import html
from collections.abc import Iterator

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cong.core.sheets import SheetError, map_columns, read_sheet
from cong.core.text import clean_line, nfc, slugify_vi
from cong.siteimport.content import parse_date
from cong.siteimport.records import VIEWS_MAX, Article, Category, Image, Problem

COLUMNS = {
    "title": ("tieu de", "ten bai", "title"),
    "url": ("dia chi cu", "dia chi", "duong dan", "url", "link"),
    "date": ("ngay dang", "ngay", "date"),
    "lead": ("sapo", "tom tat", "lead"),
    "body": ("noi dung", "body", "content"),
    "author": ("tac gia", "author"),
    "unit": ("don vi", "don vi tac gia"),
    "source": ("nguon", "nguon tin", "source"),
    "category": ("chuyen muc", "danh muc", "category"),
    "image": ("anh dai dien", "anh", "image"),
    "views": ("luot xem", "so luot xem", "luot doc", "views"),
}
# The headers a file must carry, named in the report when missing.
REQUIRED = {"title": _("Tiêu đề"), "url": _("Địa chỉ cũ")}


def _html(text: str) -> str:
    """Plain text (no tags) as paragraphs, one per line; HTML as it is."""
    if "<" in text and ">" in text:
        return text
    return "".join(f"<p>{html.escape(line)}</p>" for line in text.splitlines() if line.strip())


def _date(value) -> datetime.datetime | None:
    if isinstance(value, datetime.datetime):
        return timezone.make_aware(value) if timezone.is_naive(value) else value
    if isinstance(value, datetime.date):
        return timezone.make_aware(datetime.datetime(value.year, value.month, value.day))
    return parse_date(str(value)) if value else None


def _views(value) -> int | None:
    """A count cell: a number (XLSX) or text ("1.234", "1,234")."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return int(value) if 0 <= value <= VIEWS_MAX else None
    digits = "".join(ch for ch in str(value or "") if ch.isdigit())
    return int(digits) if digits and int(digits) <= VIEWS_MAX else None


def read(name: str, content: bytes) -> Iterator[Article | Problem]:
    """One Article per row; a row without a title or address is a Problem."""
    try:
        header, rows = read_sheet(name, content)
        mapping = map_columns(header, COLUMNS, {k: str(v) for k, v in REQUIRED.items()})
    except SheetError as failure:
        for error in failure.errors:
            yield Problem(name, error)
        return
    for line, cells in rows:

        def cell(column: str, cells: list = cells) -> object:
            index = mapping.get(column)
            value = cells[index] if index is not None and index < len(cells) else None
            return nfc(value.strip()) if isinstance(value, str) else value

        title, url = clean_line(str(cell("title") or "")), str(cell("url") or "").strip()
        if not title or not url:
            yield Problem(
                f"{name}:{line}", _("dòng %(line)d: thiếu tiêu đề hoặc địa chỉ cũ") % {"line": line}
            )
            continue
        category = clean_line(str(cell("category") or ""))
        image = str(cell("image") or "").strip()
        yield Article(
            source_url=url,
            title=title,
            body_html=_html(str(cell("body") or "")),
            lead=clean_line(str(cell("lead") or "")),
            date=_date(cell("date")),
            author_names=clean_line(str(cell("author") or "")),
            author_unit=clean_line(str(cell("unit") or "")),
            source=clean_line(str(cell("source") or "")),
            categories=[Category(key=slugify_vi(category), title=category)] if category else [],
            featured_image=Image(url=image) if image else None,
            view_count=_views(cell("views")),
        )
