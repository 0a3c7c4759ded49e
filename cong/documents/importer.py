"""Bulk import of legal documents from CSV or XLSX: every row checked first, all or nothing.

Columns (Vietnamese headers, as agencies' spreadsheets have them; case and accents do not
matter): Số/Ký hiệu*, Loại văn bản*, Cơ quan ban hành*, Lĩnh vực, Người ký, Ngày ban hành*,
Ngày có hiệu lực, Ngày hết hiệu lực, Trích yếu*, Tệp (file names, separated by ";").
Types must be in the editable list; new issuing bodies and fields are created. The documents
go to one website, and a number already on that website (not on another) is a duplicate.
"""

import datetime
import os
import shutil
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.documents import get_document_model
from wagtail.models import Site
from wagtail.search.backends import get_search_backend

from cong.core import sheets
from cong.core.sheets import SheetError, header_key, read_sheet
from cong.core.signal_handlers import bump_after_commit
from cong.core.text import clean_line, nfc
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
# The headers a file must carry: they name the spreadsheet's columns, so they stay as agencies
# write them whatever the admin's language.
LABELS = {
    "number": "Số/Ký hiệu",
    "doc_type": "Loại văn bản",
    "issuing_body": "Cơ quan ban hành",
    "issued_on": "Ngày ban hành",
    "summary": "Trích yếu",
}
DATE_FORMATS = ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d")
BATCH = 500


# The documents' name for an unreadable or refused file (cong.core.sheets reads the sheets).
ImportFailed = SheetError


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


def read_rows(name: str, content: bytes) -> tuple[list[str], list[tuple[int, list]]]:
    """Header and (spreadsheet line number, cells) of a CSV or XLSX file."""
    return read_sheet(name, content)


def map_columns(header: list[str]) -> dict[str, int]:
    return sheets.map_columns(header, COLUMNS, {name: LABELS[name] for name in REQUIRED})


def parse_date(value: Any) -> datetime.date | None:
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


def validate(header: list, rows: list, files_dir: Path | None, site: Site) -> list[Row]:
    """Check every row for `site`; raise ImportFailed listing every problem, or return the
    clean rows."""
    mapping = map_columns(header)
    types = {header_key(t.name): t for t in DocumentType.objects.all()}
    bodies = {header_key(b.name): b for b in IssuingBody.objects.all()}
    seen: dict[tuple[str, str], int] = {}
    errors, clean = [], []
    allowed = {f".{ext}" for ext in settings.WAGTAILDOCS_EXTENSIONS}
    for line, cells in rows:

        def cell(name: str, cells: list = cells) -> Any:
            index = mapping.get(name)
            value = cells[index] if index is not None and index < len(cells) else None
            return nfc(value.strip()) if isinstance(value, str) else value

        problems, values = [], {}
        number = clean_line(str(cell("number") or ""))
        values["number"] = number
        type_name = str(cell("doc_type") or "")
        if type_name and header_key(type_name) not in types:
            problems.append(
                _("loại văn bản “%(name)s” không có trong danh mục") % {"name": type_name}
            )
        values["doc_type"] = types.get(header_key(type_name))
        values["issuing_body"] = clean_line(str(cell("issuing_body") or ""))
        values["field"] = clean_line(str(cell("field") or ""))
        values["signer"] = str(cell("signer") or "")
        values["summary"] = str(cell("summary") or "")
        unreadable = set()
        for name in ("issued_on", "effective_on", "expires_on"):
            try:
                values[name] = parse_date(cell(name))
            except ValueError as exc:
                unreadable.add(name)
                problems.append(
                    _("%(label)s “%(value)s” không đúng dạng ngày/tháng/năm")
                    % {"label": _label(name), "value": exc}
                )
        missing, broken, on_site = _model_problems(
            values, bodies, unreadable | _unknown(type_name, values), site
        )
        problems[:0] = missing
        problems += broken
        key = (header_key(values["issuing_body"]), number_key(number))
        if number and values["issuing_body"] and not on_site:
            if key in seen:
                problems.append(_("trùng số/ký hiệu với dòng %(line)d") % {"line": seen[key]})
            else:
                seen[key] = line
        row = Row(line, values)
        for name in filter(None, (n.strip() for n in str(cell("files") or "").split(";"))):
            path = (files_dir / name) if files_dir else None
            if path is None or not path.is_file() or path.resolve().parent != files_dir.resolve():
                problems.append(_("không tìm thấy tệp “%(name)s”") % {"name": name})
            elif path.suffix.lower() not in allowed:
                problems.append(_("tệp “%(name)s” không thuộc loại được phép") % {"name": name})
            elif refusal := _refusal(path):
                problems.append(_("tệp “%(name)s”: %(reason)s") % {"name": name, "reason": refusal})
            else:
                row.files.append(path)
        if problems:
            errors.append(
                _("Dòng %(line)d: %(problems)s.") % {"line": line, "problems": "; ".join(problems)}
            )
        else:
            clean.append(row)
    if errors:
        raise ImportFailed(errors)
    return clean


def _label(name: str) -> str:
    return str(LegalDocument._meta.get_field(name).verbose_name)


def _unknown(type_name: str, values: dict) -> set[str]:
    """A type named but not in the list is reported once, not again as missing."""
    return {"doc_type"} if type_name and values["doc_type"] is None else set()


def _model_problems(
    values: dict, bodies: dict, skip: set[str], site: Site
) -> tuple[list[str], list[str], bool]:
    """LegalDocument's own rules (fields, then clean()) for one row, as row messages.

    Returns the missing required columns apart (the report lists them first), the other
    problems, and whether the document is already on the site.
    """
    body = bodies.get(header_key(values["issuing_body"]))
    document = LegalDocument(
        site=site,
        number=values["number"],
        doc_type=values["doc_type"],
        issuing_body=body,
        signer=clean_line(values["signer"]),
        issued_on=values.get("issued_on"),
        effective_on=values.get("effective_on"),
        expires_on=values.get("expires_on"),
        summary=nfc(values["summary"]).strip(),
    )
    # A body or field named for the first time is created on import, so it is not checked
    # here; types and bodies already found need no existence query per row.
    exclude = {"site", "field", *skip}
    if values["doc_type"] is not None:
        exclude.add("doc_type")
    if body is not None or values["issuing_body"]:
        exclude.add("issuing_body")
    try:
        # The unique constraint is left to clean(), which reports the same clash by name.
        document.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        missing, broken, on_site = [], [], False
        for name, field_errors in error.error_dict.items():
            for problem in field_errors:
                if problem.code in ("blank", "null", "required") and name in LABELS:
                    missing.append(_("thiếu %(column)s") % {"column": LABELS[name]})
                else:
                    broken.append(_row_message(name, problem, values))
                    on_site = on_site or problem.code == "duplicate"
        return missing, broken, on_site
    return [], [], False


def _row_message(name: str, problem: ValidationError, values: dict) -> str:
    """One model validation error in the words of the import report."""
    if name == "number" and problem.code == "max_length":
        return _("số/ký hiệu dài quá %(limit)d ký tự") % {"limit": problem.params["limit_value"]}
    if name == "number" and problem.code == "duplicate":
        return _("văn bản số %(number)s của %(body)s đã có trên website") % {
            "number": values["number"],
            "body": values["issuing_body"],
        }
    if problem.code == "expires_before_effective":
        return _("ngày hết hiệu lực trước ngày có hiệu lực")
    text = " ".join(problem.messages).rstrip(".")
    return text if name == NON_FIELD_ERRORS else f"{_label(name)}: {text}"


def _refusal(path: Path) -> str:
    """Why the admin's upload checks (size, then content) would refuse this file, or ""."""
    with path.open("rb") as handle:
        try:
            check_document(File(handle, name=path.name))
        except ValidationError as error:
            return " ".join(error.messages).rstrip(".")
    return ""


def _named(model: Any, names: Iterable[str]) -> tuple[dict, int]:
    """Existing entries by folded name, creating the missing ones."""
    known = {header_key(o.name): o for o in model.objects.all()}
    missing: dict[str, Any] = {}
    for name in names:
        if name and header_key(name) not in known:
            missing.setdefault(header_key(name), name)
    model.objects.bulk_create([model(name=n) for n in missing.values()])
    return {header_key(o.name): o for o in model.objects.all()}, len(missing)


STAGING = ".staging"  # under MEDIA_ROOT: same file system, so moving in is a rename


def staging_root() -> Path:
    return Path(settings.MEDIA_ROOT) / STAGING


class Staging:
    """Attachments copied aside while the import's transaction runs, moved in on commit.

    A failed import removes the folder; a killed one leaves only the folder, which
    `manage.py sweep_orphan_files` removes (or finishes moving in, if the rows committed).
    Each file keeps the storage name its Document row will have (documents/…).
    """

    def __init__(self) -> None:
        self.folder = staging_root() / f"import-{uuid.uuid4().hex}"
        self.names: set[str] = set()

    def add(self, path: Path) -> str:
        """Copy `path` aside; the storage name it will have once moved in."""
        name = default_storage.generate_filename(f"documents/{path.name}")
        root, ext = os.path.splitext(name)
        while name in self.names or default_storage.exists(name):
            name = f"{root}_{uuid.uuid4().hex[:7]}{ext}"
        self.names.add(name)
        target = self.folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
        return name

    def move_in(self) -> None:
        move_in(self.folder)

    def discard(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


def move_in(folder: Path) -> int:
    """Move a staging folder's files to their places in MEDIA_ROOT, then remove it."""
    moved = 0
    media = Path(settings.MEDIA_ROOT)
    for source in sorted(p for p in folder.rglob("*") if p.is_file()):
        target = media / source.relative_to(folder)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(source, target)
        moved += 1
    shutil.rmtree(folder, ignore_errors=True)
    return moved


def import_rows(
    rows: list[Row], site: Site, progress: Callable[[int], None] = lambda n: None
) -> Result:
    """Create the documents of validated rows on `site`, in one transaction, published at once.

    Attachments go to a staging folder and are moved in only once the transaction has
    committed, so a failed or killed import leaves no file among the documents.
    """
    now = timezone.now()
    Document = get_document_model()
    index = get_search_backend()
    staging = Staging()
    try:
        return _import(rows, site, progress, now, Document, index, staging)
    except BaseException:
        staging.discard()  # the transaction was rolled back: nothing refers to these files
        raise


def _import(
    rows: list,
    site: Site,
    progress: Callable[[int], None],
    now: datetime.datetime,
    Document: Any,
    index: Any,
    staging: Any,
) -> Result:
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
                    site=site,
                    number=v["number"],
                    doc_type=v["doc_type"],
                    issuing_body=bodies[header_key(v["issuing_body"])],
                    field=fields.get(header_key(v["field"])) if v["field"] else None,
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
                    upload = Document(title=path.stem, file_size=path.stat().st_size)
                    upload.file.name = staging.add(path)
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
        transaction.on_commit(staging.move_in)
    return Result(len(rows), bodies_created, fields_created, attached)
