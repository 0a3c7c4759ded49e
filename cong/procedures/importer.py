"""Bulk import of a site's administrative procedures from XLSX or CSV: every row checked
first with the model's own rules (`full_clean`), then all rows imported or none.

Columns (headers as agencies write them; case, accents and "*" do not matter; * required):
Tên thủ tục*, Mã thủ tục, Lĩnh vực*, Cấp thực hiện*, Mức độ DVC trực tuyến, Liên kết,
Thời hạn giải quyết, Phí, lệ phí, Thành phần hồ sơ (one document a line), Cơ quan thực
hiện, Căn cứ pháp lý, Thứ tự. New fields (lĩnh vực) are added to the editable list.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext as _
from wagtail.models import Site
from wagtail.search.backends import get_search_backend

from cong.core.i18n import default_locale
from cong.core.sheets import SheetError, header_key, map_columns
from cong.core.signal_handlers import bump_after_commit
from cong.core.text import clean_line, clean_text
from cong.procedures.models import Level, OnlineLevel, Procedure, ProcedureField, folded_level

COLUMNS = {
    "name": ("ten thu tuc", "ten thu tuc hanh chinh", "ten", "name"),
    "code": ("ma thu tuc", "ma tthc", "ma", "code"),
    "field": ("linh vuc", "field"),
    "level": ("cap thuc hien", "cap", "level"),
    "online_level": (
        "muc do dvc truc tuyen",
        "muc do dich vu cong truc tuyen",
        "dich vu cong truc tuyen",
        "muc do",
        "online",
    ),
    "national_url": (
        "lien ket",
        "lien ket cong dvc",
        "lien ket cong dich vu cong",
        "duong dan",
        "url",
        "link",
    ),
    "processing_time": ("thoi han giai quyet", "thoi han", "processing time"),
    "fees": ("phi, le phi", "phi le phi", "le phi", "phi", "fees"),
    "documents": ("thanh phan ho so", "ho so", "documents"),
    "agency": ("co quan thuc hien", "agency"),
    "legal_basis": ("can cu phap ly", "legal basis"),
    "sort_order": ("thu tu", "stt", "order"),
}
CHOICES = {"level": Level, "online_level": OnlineLevel}


def required_columns() -> dict[str, str]:
    """The columns a file must carry, with the names the report gives them."""
    return {"name": _("Tên thủ tục"), "field": _("Lĩnh vực"), "level": _("Cấp thực hiện")}


@dataclass
class Result:
    created: int
    fields_created: int


def documents_html(text: str) -> str:
    """A cell listing the documents one a line, as the rich text the page shows (a list)."""
    lines = [clean_line(line).lstrip("-•+ ") for line in clean_text(text).splitlines()]
    items = "".join(f"<li>{escape(line)}</li>" for line in lines if line)
    return f"<ul>{items}</ul>" if items else ""


def validate(site: Site, header: list[str], rows: list[tuple[int, list]]) -> list[Procedure]:
    """Check every row; raise SheetError listing every problem, or return unsaved procedures
    (their `field` may be None with `_field_name` set: a field the import will add)."""
    mapping = map_columns(header, COLUMNS, required_columns())
    fields = {header_key(f.name): f for f in ProcedureField.objects.all()}
    seen: dict[str, int] = {}
    errors, clean = [], []
    for line, cells in rows:

        def cell(name: str, cells: list = cells) -> str:
            index = mapping.get(name)
            value = cells[index] if index is not None and index < len(cells) else None
            return "" if value is None else str(value).strip()

        procedure, problems = _row(site, cell, fields)
        if procedure.code and not any(key == "code" for key, _text in problems):
            if procedure.code in seen:
                problems.append(
                    (
                        "code",
                        _("trùng mã thủ tục với dòng %(line)d") % {"line": seen[procedure.code]},
                    )
                )
            else:
                seen[procedure.code] = line
        if problems:
            errors.append(
                _("Dòng %(line)d: %(problems)s.")
                % {"line": line, "problems": "; ".join(text for _key, text in problems)}
            )
        else:
            clean.append(procedure)
    if errors:
        raise SheetError(errors)
    return clean


def _row(
    site: Site, cell: Callable[[str], str], fields: dict
) -> tuple[Procedure, list[tuple[str, str]]]:
    """One row as a procedure and its problems, as (column, message) pairs."""
    problems: list[tuple[str, str]] = []
    skip = set()
    choices = {}
    for name, choice in CHOICES.items():
        text = cell(name)
        choices[name] = folded_level(choice, text) if text else ""
        if choices[name] is None:
            skip.add(name)
            allowed = ", ".join(str(label) for label in choice.labels)
            problems.append(
                (
                    name,
                    _("%(label)s “%(value)s” không hợp lệ (chọn một trong: %(allowed)s)")
                    % {"label": _label(name), "value": text, "allowed": allowed},
                )
            )
    order = 0
    if cell("sort_order"):
        try:
            order = int(float(cell("sort_order").replace(",", ".")))
        except ValueError:
            problems.append(
                (
                    "sort_order",
                    _("thứ tự “%(value)s” không phải số") % {"value": cell("sort_order")},
                )
            )
    field_name = clean_line(cell("field"))
    procedure = Procedure(
        site=site,
        locale=default_locale(),  # bulk_create skips Wagtail's pre_save that sets it
        name=clean_line(cell("name")),
        code=clean_line(cell("code")),
        field=fields.get(header_key(field_name)),
        level=choices["level"] or "",
        online_level=choices["online_level"] or "",
        national_url=cell("national_url"),
        processing_time=clean_line(cell("processing_time")),
        fees=clean_text(cell("fees")),
        documents=documents_html(cell("documents")),
        agency=clean_line(cell("agency")),
        legal_basis=clean_text(cell("legal_basis")),
        sort_order=order,
    )
    procedure._field_name = field_name
    if field_name and procedure.field_id is None:
        skip.add("field")  # a new entry of the editable list: the import adds it
    try:
        # The model's own rules: lengths, the code's shape, the https link, the code not yet
        # used on this site (its unique constraint).
        procedure.full_clean(exclude=skip, validate_unique=False)
    except ValidationError as error:
        missing, broken = [], []
        for name, field_errors in error.error_dict.items():
            for problem in field_errors:
                if problem.code in ("blank", "null", "required", "invalid_choice") and (
                    name in required_columns()
                ):
                    missing.append((name, _("thiếu %(column)s") % {"column": _label(name)}))
                else:
                    broken.append(_row_message(name, problem, procedure))
        problems[:0] = missing
        problems += broken
    return procedure, problems


def _label(name: str) -> str:
    return str(Procedure._meta.get_field(name).verbose_name)


def _row_message(name: str, problem: ValidationError, procedure: Procedure) -> tuple[str, str]:
    """One model validation error in the words of the import report."""
    if problem.code == "duplicate_code":
        return "code", _("mã thủ tục %(code)s đã có trên website") % {"code": procedure.code}
    text = " ".join(problem.messages).rstrip(".")
    if name == NON_FIELD_ERRORS:
        return name, text
    return name, f"{_label(name)}: {text}"


def import_procedures(
    procedures: list[Procedure], progress: Callable[[int], None] = lambda n: None
) -> Result:
    """Save validated procedures in one transaction, published at once; one purge."""
    now = timezone.now()
    with transaction.atomic():
        known = {header_key(f.name): f for f in ProcedureField.objects.all()}
        new: dict[str, str] = {}
        for procedure in procedures:
            key = header_key(procedure._field_name)
            if procedure.field_id is None and key not in known:
                new.setdefault(key, procedure._field_name)
        ProcedureField.objects.bulk_create([ProcedureField(name=n) for n in new.values()])
        known = {header_key(f.name): f for f in ProcedureField.objects.all()}
        for procedure in procedures:
            procedure.field = known[header_key(procedure._field_name)]
            procedure.live = True
            procedure.has_unpublished_changes = False
            procedure.first_published_at = procedure.last_published_at = now
            procedure.updated_at = now
            procedure.prepare()  # what save() would do; bulk_create does not call it
        Procedure.objects.bulk_create(procedures)
        get_search_backend().add_bulk(Procedure, procedures)
        progress(len(procedures))
        bump_after_commit()
    return Result(created=len(procedures), fields_created=len(new))
