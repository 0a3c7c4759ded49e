"""Admin: "Nhập từ bảng tính", a week's schedule from an office system's export, in three
short steps: upload → column mapping (skipped once every column of the sheet was mapped on
this site before) → preview of the week → confirm, which saves a draft of the week page.

The same checks as `manage.py import_schedule` (cong.schedule.importer). Between the steps the
uploaded file waits in the editor's session (a week's sheet is a few kilobytes; the limit is
MAX_SHEET_BYTES), so nothing is written anywhere before the confirmation.
"""

import base64
import datetime
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.models import Site

from cong.core.sheets import ALL_FORMATS, SheetError, header_key, looks_like_html
from cong.schedule import importer
from cong.schedule.access import index_for
from cong.schedule.models import ScheduleWeekPage, week_monday

MAX_SHEET_BYTES = 2 * 1024 * 1024
SESSION_KEY = "schedule_import"
SIGNATURES = {".xlsx": b"PK\x03\x04", ".xls": bytes.fromhex("D0CF11E0A1B11AE1")}


class UploadForm(forms.Form):
    sheet = forms.FileField(
        label=_("Tệp lịch công tác (.xlsx, .xls hoặc .csv)"),
        help_text=_(
            "Tệp xuất từ hệ thống quản lý văn bản (iOffice, vOffice…), một tuần. Các cột "
            "thường gặp: Thứ, ngày | Thời gian | Nội dung | Chủ trì | Thành phần | Địa điểm | "
            "Đơn vị chuẩn bị."
        ),
    )
    week = forms.DateField(
        label=_("Tuần (một ngày bất kỳ trong tuần, không bắt buộc)"),
        required=False,
        help_text=_("Để trống: lấy theo các ngày trong tệp."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def clean_sheet(self) -> Any:
        sheet = self.cleaned_data["sheet"]
        suffix = "." + sheet.name.rsplit(".", 1)[-1].lower() if "." in sheet.name else ""
        if suffix not in ALL_FORMATS:
            raise forms.ValidationError(_("Chỉ nhận tệp .xlsx, .xls hoặc .csv."))
        if sheet.size > MAX_SHEET_BYTES:
            raise forms.ValidationError(_("Tệp quá lớn (tối đa 2 MB)."))
        head = sheet.read(64 * 1024)
        sheet.seek(0)
        signature = SIGNATURES.get(suffix)
        html_xls = suffix == ".xls" and looks_like_html(head)  # an "Xuất Excel" HTML table
        if signature and not head.startswith(signature) and not html_xls:
            raise forms.ValidationError(
                _("Nội dung tệp không phải là bảng tính %(suffix)s.") % {"suffix": suffix}
            )
        return sheet


class MappingForm(forms.Form):
    """One choice per column of the sheet: which entry field it holds, or none."""

    def __init__(
        self, sheet: importer.Sheet, initial_columns: dict[str, str], *args: Any, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", gettext("— bỏ qua cột này —"))] + [
            (k, v) for k, v in importer.FIELDS.items()
        ]
        self.keys: list[str] = []
        for position, text in enumerate(sheet.header):
            key = header_key(text)
            if not key or key in self.keys:
                continue
            self.fields[f"col{len(self.keys)}"] = forms.ChoiceField(
                label=text.strip(),
                help_text=_example(sheet, position),
                choices=choices,
                required=False,
                initial=initial_columns.get(key, ""),
            )
            self.keys.append(key)

    def clean(self) -> dict:
        data = super().clean()
        chosen = [data.get(f"col{n}", "") for n in range(len(self.keys))]
        # The day alone may take two columns ("Thứ" | "Ngày"): the import joins them.
        twice = sorted(
            {
                str(importer.FIELDS[f])
                for f in chosen
                if f not in ("", "day") and chosen.count(f) > 1
            }
        )
        if twice:
            raise forms.ValidationError(
                gettext("Mỗi thông tin chỉ chọn cho một cột: %(fields)s.")
                % {"fields": ", ".join(twice)}
            )
        missing = [str(importer.FIELDS[f]) for f in importer.REQUIRED if f not in chosen]
        if missing:
            raise forms.ValidationError(
                gettext("Cần chọn cột cho: %(fields)s.") % {"fields": ", ".join(missing)}
            )
        return data

    def columns(self) -> dict[str, str]:
        return {key: self.cleaned_data.get(f"col{n}", "") for n, key in enumerate(self.keys)}


def sample_view(request: HttpRequest, index_id: int) -> HttpResponseBase:
    """ "Tải tệp mẫu": an .xlsx in the shape the import reads best, for an agency whose
    office system exports nothing (the title block, the header, next week's days)."""
    index = index_for(request, index_id)
    monday = week_monday(timezone.localdate()) + datetime.timedelta(days=7)
    content = importer.sample_workbook(index.get_site(), monday)
    response = HttpResponse(
        content,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="lich-cong-tac-{monday.isocalendar().year}'
        f'-tuan-{monday.isocalendar().week:02d}.xlsx"'
    )
    return response


def _example(sheet: importer.Sheet, position: int) -> str:
    """The column's first value, so the editor sees what it holds ("Ví dụ: Thứ Hai 30/11")."""
    for _line, cells in sheet.rows:
        value = cells[position] if position < len(cells) else None
        if value not in (None, "") and str(value).strip():
            text = " ".join(str(value).split())
            return gettext("Ví dụ: %(value)s") % {"value": text[:80]}
    return ""


def import_view(request: HttpRequest, index_id: int) -> HttpResponseBase:
    index = index_for(request, index_id)
    site = index.get_site()
    step = request.POST.get("step", "upload") if request.method == "POST" else ""
    context: dict[str, Any] = {"index": index, "step": "upload", "errors": []}
    if step == "upload":
        form = UploadForm(request.POST, request.FILES)
        context["form"] = form
        if form.is_valid():
            upload = form.cleaned_data["sheet"]
            week = form.cleaned_data["week"]
            pending = {
                "index": index.pk,
                "name": upload.name,
                "content": base64.b64encode(upload.read()).decode("ascii"),
                "week": week_monday(week).isoformat() if week else "",
            }
            request.session[SESSION_KEY] = pending
            return _after_upload(request, index, site, pending, context)
    elif step in ("map", "remap", "confirm"):
        pending = request.session.get(SESSION_KEY)
        if not pending or pending.get("index") != index.pk:
            messages.error(request, gettext("Phiên nhập đã hết hạn: hãy tải tệp lên lại."))
            return redirect("schedule_import", index.pk)
        handler = {"map": _map, "remap": _remap, "confirm": _confirm}[step]
        return handler(request, index, site, pending, context)
    else:
        request.session.pop(SESSION_KEY, None)
        context["form"] = UploadForm()
    return _render(request, context)


def _sheet(pending: dict, site: Site) -> importer.Sheet:
    return importer.load(
        pending["name"], base64.b64decode(pending["content"]), importer.remembered(site)
    )


def _week(pending: dict) -> datetime.date | None:
    return datetime.date.fromisoformat(pending["week"]) if pending.get("week") else None


def _after_upload(
    request: HttpRequest, index: Any, site: Site, pending: dict, context: dict
) -> HttpResponseBase:
    """The mapping step, or straight to the preview when the site knows every column."""
    try:
        sheet = _sheet(pending, site)
    except SheetError as failure:
        context["errors"] = failure.errors
        return _render(request, context)
    known = importer.remembered(site)
    if importer.covered(sheet, known):
        return _preview(
            request, index, site, pending, sheet, importer.initial_columns(sheet, known), context
        )
    context.update(
        step="map", mapping=MappingForm(sheet, importer.initial_columns(sheet, known)), sheet=sheet
    )
    return _render(request, context)


def _remap(
    request: HttpRequest, index: Any, site: Site, pending: dict, context: dict
) -> HttpResponseBase:
    sheet = _sheet(pending, site)
    columns = importer.initial_columns(sheet, importer.remembered(site))
    context.update(step="map", mapping=MappingForm(sheet, columns), sheet=sheet)
    return _render(request, context)


def _map(
    request: HttpRequest, index: Any, site: Site, pending: dict, context: dict
) -> HttpResponseBase:
    sheet = _sheet(pending, site)
    mapping = MappingForm(sheet, {}, request.POST)
    if not mapping.is_valid():
        context.update(step="map", mapping=mapping, sheet=sheet)
        return _render(request, context)
    # The editor confirmed it: the next sheet of this site with these headers skips the step.
    importer.remember(site, mapping.columns())
    return _preview(request, index, site, pending, sheet, mapping.columns(), context)


def _preview(
    request: HttpRequest,
    index: Any,
    site: Site,
    pending: dict,
    sheet: importer.Sheet,
    columns: dict,
    context: dict,
) -> HttpResponseBase:
    context.update(sheet=sheet, columns=_column_labels(sheet, columns))
    try:
        parsed = importer.parse(site, sheet, columns, _week(pending))
    except SheetError as failure:
        context.update(step="map", errors=failure.errors, mapping=MappingForm(sheet, columns))
        return _render(request, context)
    existing = ScheduleWeekPage.objects.child_of(index).filter(week_start=parsed.week_start).first()
    context.update(step="preview", parsed=parsed, existing=existing)
    return _render(request, context)


def _confirm(
    request: HttpRequest, index: Any, site: Site, pending: dict, context: dict
) -> HttpResponseBase:
    try:
        sheet = _sheet(pending, site)
        parsed = importer.parse(
            site, sheet, importer.initial_columns(sheet, importer.remembered(site)), _week(pending)
        )
        existing = (
            ScheduleWeekPage.objects.child_of(index).filter(week_start=parsed.week_start).first()
        )
        if existing is not None and not existing.permissions_for_user(request.user).can_edit():
            raise PermissionDenied
        page, _revision = importer.apply(site, parsed, user=request.user, index=index)
    except SheetError as failure:
        context["errors"] = failure.errors
        context["form"] = UploadForm()
        return _render(request, context)
    request.session.pop(SESSION_KEY, None)
    messages.success(
        request,
        gettext(
            "Đã nhập %(count)d dòng vào bản nháp “%(title)s”. Kiểm tra rồi gửi duyệt hoặc xuất bản."
        )
        % {"count": len(parsed.rows), "title": page.title},
    )
    return redirect("wagtailadmin_pages:edit", page.pk)


def _column_labels(sheet: importer.Sheet, columns: dict[str, str]) -> list[tuple[str, str]]:
    """(header as written, field it feeds) for the preview's reminder of the mapping."""
    shown = []
    for text in sheet.header:
        name = columns.get(header_key(text), "")
        if text.strip():
            shown.append((text.strip(), str(importer.FIELDS[name]) if name else ""))
    return shown


def _render(request: HttpRequest, context: dict) -> HttpResponseBase:
    index = context["index"]
    context.update(
        page_title=gettext("Nhập lịch công tác từ bảng tính"),
        header_icon="upload",
        action=reverse("schedule_import", args=[index.pk]),
        sample_url=reverse("schedule_import_sample", args=[index.pk]),
    )
    return TemplateResponse(request, "schedule/admin/import.html", context)
