"""Bulk import of legal documents from CSV or XLSX: every row checked first, all or nothing.

Columns (Vietnamese headers, as agencies' spreadsheets have them; case and accents do not
matter): Số/Ký hiệu*, Loại văn bản*, Cơ quan ban hành*, Lĩnh vực, Người ký, Ngày ban hành*,
Ngày có hiệu lực, Ngày hết hiệu lực, Trích yếu*, Tệp (file names, separated by ";").
Types must be in the editable list; new issuing bodies and fields are created.
"""

import csv
import datetime
import io
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.search.backends import get_search_backend

from cong.core.signal_handlers import bump_after_commit
from cong.core.text import fold, nfc
from cong.core.uploads import check_document
from cong.documents.models import (
    DocumentField,
    DocumentType,
    IssuingBody,
    LegalDocument,
    LegalDocumentFile,
    number_key,
)

COLUMNS = {
    "number": ("so/ky hieu", "so ky hieu", "so hieu", "ky hieu", "number"),
    "doc_type": ("loai van ban", "loai", "type"),
    "issuing_body": ("co quan ban hanh", "noi ban hanh", "issuing body"),
    "field": ("linh vuc", "field"),
    "signer": ("nguoi ky", "signer"),
    "issued_on": ("ngay ban hanh", "issued"),
    "effective_on": ("ngay co hieu luc", "ngay hieu luc", "effective"),
    "expires_on": ("ngay het hieu luc", "expires"),
    "summary": ("trich yeu", "noi dung", "summary"),
    "files": ("tep", "tep dinh kem", "files"),
}
REQUIRED = ("number", "doc_type", "issuing_body", "issued_on", "summary")
LABELS = {
    "number": "Số/Ký hiệu",
    "doc_type": "Loại văn bản",
    "issuing_body": "Cơ quan ban hành",
    "issued_on": "Ngày ban hành",
    "summary": "Trích yếu",
}
DATE_FORMATS = ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d")
BATCH = 500


class ImportFailed(Exception):
    """The file cannot be imported; `errors` says why, row by row, in Vietnamese."""

    def __init__(self, errors: list[str]):
        super().__init__("\n".join(errors))
        self.errors = errors


@dataclass
class Row:
    line: int
    values: dict
    files: list[Path] = field(default_factory=list)


@dataclass
class Result:
    created: int
    bodies_created: int
    fields_created: int
    files_attached: int


def _header_key(text) -> str:
    return " ".join(fold(nfc(str(text or ""))).lower().replace("*", "").split())


def read_rows(name: str, content: bytes) -> tuple[list[str], list[tuple[int, list]]]:
    """Header and (spreadsheet line number, cells) of a CSV or XLSX file."""
    suffix = Path(name).suffix.lower()
    if suffix == ".xlsx":
        import openpyxl
        from openpyxl.utils.exceptions import InvalidFileException

        try:
            book = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
            raise ImportFailed([f"Không đọc được tệp Excel: {exc}"]) from exc
        sheet = book.worksheets[0]
        rows = [list(r) for r in sheet.iter_rows(values_only=True)]
        book.close()
    elif suffix == ".csv":
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ImportFailed(["Tệp CSV phải dùng bảng mã UTF-8."]) from exc
        try:
            dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
        except csv.Error:
            dialect = csv.excel
        rows = list(csv.reader(io.StringIO(text), dialect))
    else:
        raise ImportFailed(["Chỉ nhận tệp .xlsx hoặc .csv."])
    if not rows:
        raise ImportFailed(["Tệp không có dữ liệu."])
    return [str(c or "") for c in rows[0]], [
        (line, cells)
        for line, cells in enumerate(rows[1:], start=2)
        if any(str(c or "").strip() for c in cells)
    ]


def map_columns(header: list[str]) -> dict[str, int]:
    keys = [_header_key(h) for h in header]
    mapping = {}
    for name, aliases in COLUMNS.items():
        for index, key in enumerate(keys):
            if key in aliases:
                mapping[name] = index
                break
    missing = [LABELS[name] for name in REQUIRED if name not in mapping]
    if missing:
        raise ImportFailed([f"Thiếu cột: {', '.join(missing)}."])
    return mapping


def parse_date(value) -> datetime.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = str(value).strip()
    for fmt in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(text)


def validate(header, rows, files_dir: Path | None) -> list[Row]:
    """Check every row; raise ImportFailed listing every problem, or return the clean rows."""
    mapping = map_columns(header)
    types = {_header_key(t.name): t for t in DocumentType.objects.all()}
    existing = set(LegalDocument.objects.values_list("issuing_body__name", "number_key"))
    existing = {(_header_key(body), key) for body, key in existing}
    seen: dict[tuple[str, str], int] = {}
    errors, clean = [], []
    allowed = {f".{ext}" for ext in settings.WAGTAILDOCS_EXTENSIONS}
    for line, cells in rows:

        def cell(name, cells=cells):
            index = mapping.get(name)
            value = cells[index] if index is not None and index < len(cells) else None
            return nfc(value.strip()) if isinstance(value, str) else value

        problems, values = [], {}
        for name in REQUIRED:
            if cell(name) in (None, ""):
                problems.append(f"thiếu {LABELS[name]}")
        number = " ".join(str(cell("number") or "").split())
        values["number"] = number
        type_name = str(cell("doc_type") or "")
        if type_name and _header_key(type_name) not in types:
            problems.append(f"loại văn bản “{type_name}” không có trong danh mục")
        values["doc_type"] = types.get(_header_key(type_name))
        values["issuing_body"] = " ".join(str(cell("issuing_body") or "").split())
        values["field"] = " ".join(str(cell("field") or "").split())
        values["signer"] = str(cell("signer") or "")
        values["summary"] = str(cell("summary") or "")
        for name, label in (
            ("issued_on", "ngày ban hành"),
            ("effective_on", "ngày có hiệu lực"),
            ("expires_on", "ngày hết hiệu lực"),
        ):
            try:
                values[name] = parse_date(cell(name))
            except ValueError as exc:
                problems.append(f"{label} “{exc}” không đúng dạng ngày/tháng/năm")
        if (
            values.get("effective_on")
            and values.get("expires_on")
            and (values["expires_on"] < values["effective_on"])
        ):
            problems.append("ngày hết hiệu lực trước ngày có hiệu lực")
        if len(number) > 100:
            problems.append("số/ký hiệu dài quá 100 ký tự")
        key = (_header_key(values["issuing_body"]), number_key(number))
        if number and values["issuing_body"]:
            if key in existing:
                problems.append(
                    f"văn bản số {number} của {values['issuing_body']} đã có trên website"
                )
            elif key in seen:
                problems.append(f"trùng số/ký hiệu với dòng {seen[key]}")
            else:
                seen[key] = line
        row = Row(line, values)
        for name in filter(None, (n.strip() for n in str(cell("files") or "").split(";"))):
            path = (files_dir / name) if files_dir else None
            if path is None or not path.is_file() or path.resolve().parent != files_dir.resolve():
                problems.append(f"không tìm thấy tệp “{name}”")
            elif path.suffix.lower() not in allowed:
                problems.append(f"tệp “{name}” không thuộc loại được phép")
            elif refusal := _refusal(path):
                problems.append(f"tệp “{name}”: {refusal}")
            else:
                row.files.append(path)
        if problems:
            errors.append(f"Dòng {line}: " + "; ".join(problems) + ".")
        else:
            clean.append(row)
    if errors:
        raise ImportFailed(errors)
    return clean


def _refusal(path: Path) -> str:
    """Why the admin's upload checks (size, then content) would refuse this file, or ""."""
    with path.open("rb") as handle:
        try:
            check_document(File(handle, name=path.name))
        except ValidationError as error:
            return " ".join(error.messages).rstrip(".")
    return ""


def _named(model, names: Iterable[str]) -> tuple[dict, int]:
    """Existing entries by folded name, creating the missing ones."""
    known = {_header_key(o.name): o for o in model.objects.all()}
    missing = {}
    for name in names:
        if name and _header_key(name) not in known:
            missing.setdefault(_header_key(name), name)
    model.objects.bulk_create([model(name=n) for n in missing.values()])
    return {_header_key(o.name): o for o in model.objects.all()}, len(missing)


def import_rows(rows: list[Row], progress: Callable[[int], None] = lambda n: None) -> Result:
    """Create the documents of validated rows, in one transaction, published at once."""
    now = timezone.now()
    Document = get_document_model()
    index = get_search_backend()
    saved_files: list[str] = []
    try:
        return _import(rows, progress, now, Document, index, saved_files)
    except BaseException:
        # The transaction is rolled back; the copied files must go too.
        for name in saved_files:
            default_storage.delete(name)
        raise


def _import(rows, progress, now, Document, index, saved_files) -> Result:
    attached = 0
    with transaction.atomic():
        bodies, bodies_created = _named(IssuingBody, (r.values["issuing_body"] for r in rows))
        fields, fields_created = _named(DocumentField, (r.values["field"] for r in rows))
        for start in range(0, len(rows), BATCH):
            batch = rows[start : start + BATCH]
            documents = []
            for row in batch:
                v = row.values
                document = LegalDocument(
                    number=v["number"],
                    doc_type=v["doc_type"],
                    issuing_body=bodies[_header_key(v["issuing_body"])],
                    field=fields.get(_header_key(v["field"])) if v["field"] else None,
                    signer=v["signer"],
                    issued_on=v["issued_on"],
                    effective_on=v["effective_on"],
                    expires_on=v["expires_on"],
                    summary=nfc(v["summary"]).strip(),
                    live=True,
                    has_unpublished_changes=False,
                    first_published_at=now,
                    last_published_at=now,
                )
                # what save() would do; bulk_create does not call it
                document.number_key = number_key(document.number)
                document.search_text = document.build_search_text()
                documents.append(document)
            LegalDocument.objects.bulk_create(documents)
            # Files are stored first and their rows written in bulk: saving them one by one
            # would re-index the whole search table per file on PostgreSQL (quadratic).
            stored, links = [], []
            for row, document in zip(batch, documents, strict=True):
                for order, path in enumerate(row.files):
                    with path.open("rb") as handle:
                        upload = Document(title=path.stem, file_size=path.stat().st_size)
                        upload.file.save(path.name, File(handle), save=False)
                    saved_files.append(upload.file.name)
                    stored.append(upload)
                    links.append((document, upload, order))
            Document.objects.bulk_create(stored)
            LegalDocumentFile.objects.bulk_create(
                [LegalDocumentFile(legal_document=d, document=f, sort_order=o) for d, f, o in links]
            )
            attached += len(links)
            if stored:
                index.add_bulk(Document, stored)
            index.add_bulk(LegalDocument, documents)
            progress(len(batch))
        bump_after_commit()
    return Result(len(rows), bodies_created, fields_created, attached)
