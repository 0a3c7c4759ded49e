"""Bulk import from the admin: the same checks as `manage.py import_documents`."""

import tempfile
import zipfile
from pathlib import Path
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files import File
from django.http import Http404, HttpRequest
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cong.core.tenancy import site_for_new
from cong.documents.importer import (
    ImportFailed,
    import_rows,
    read_rows,
    staging_root,
    validate,
)

PERMISSION = "documents.publish_legaldocument"
MAX_SHEET_BYTES = 20 * 1024 * 1024


class ImportForm(forms.Form):
    sheet = forms.FileField(
        label=_("Tệp danh sách (.xlsx hoặc .csv)"),
        help_text=_(
            "Các cột: Số/Ký hiệu, Loại văn bản, Cơ quan ban hành, Lĩnh vực, Người ký, "
            "Ngày ban hành, Ngày có hiệu lực, Ngày hết hiệu lực, Trích yếu, Tệp."
        ),
    )
    attachments = forms.FileField(
        label=_("Tệp đính kèm (.zip, không bắt buộc)"),
        required=False,
        help_text=_("Các tệp được nêu tên ở cột “Tệp”, nén trong một tệp .zip."),
    )
    dry_run = forms.BooleanField(label=_("Chỉ kiểm tra, chưa nhập"), required=False)

    def clean_sheet(self) -> Any:
        sheet = self.cleaned_data["sheet"]
        if sheet.size > MAX_SHEET_BYTES:
            raise forms.ValidationError(_("Tệp danh sách quá lớn (tối đa 20 MB)."))
        return sheet


def _unpack(upload: File, target: Path) -> None:
    """Extract a ZIP of attachments flat into `target`, refusing anything suspicious."""
    limit = settings.CONG_DOCUMENT_MAX_BYTES
    try:
        archive = zipfile.ZipFile(upload)
    except zipfile.BadZipFile as exc:
        raise ImportFailed([str(_("Tệp đính kèm không phải tệp .zip hợp lệ."))]) from exc
    total = 0
    with archive:
        for info in archive.infolist():
            if info.is_dir():
                continue
            name = Path(info.filename).name
            total += info.file_size
            if not name or info.file_size > limit or total > 50 * limit:
                raise ImportFailed(
                    [
                        gettext("Tệp “%(name)s” trong .zip quá lớn hoặc không hợp lệ.")
                        % {"name": info.filename}
                    ]
                )
            with archive.open(info) as source, (target / name).open("wb") as out:
                out.write(source.read(limit + 1))


def import_view(request: HttpRequest) -> HttpResponseBase:
    """The documents go to the site the admin is used for, when the user works for it, else
    to the user's own site (cong.core.tenancy.site_for_new)."""
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied
    site = site_for_new(request)
    if site is None:
        raise Http404  # a user of no site has nowhere to import to
    form = ImportForm(request.POST or None, request.FILES or None)
    errors, result, checked = [], None, None
    if request.method == "POST" and form.is_valid():
        sheet = form.cleaned_data["sheet"]
        try:
            # Unpacked beside the staging folders, so a killed worker's leftovers are swept
            # (manage.py sweep_orphan_files) like a killed import's.
            staging_root().mkdir(parents=True, exist_ok=True)
            with tempfile.TemporaryDirectory(prefix="upload-", dir=staging_root()) as folder:
                files_dir = None
                if form.cleaned_data["attachments"]:
                    files_dir = Path(folder)
                    _unpack(form.cleaned_data["attachments"], files_dir)
                header, rows = read_rows(sheet.name, sheet.read())
                clean = validate(header, rows, files_dir, site)
                if form.cleaned_data["dry_run"]:
                    checked = len(clean)
                else:
                    result = import_rows(clean, site)
        except ImportFailed as failure:
            errors = failure.errors
    return render(
        request,
        "documents/admin/import.html",
        {
            "form": form,
            "errors": errors,
            "result": result,
            "checked": checked,
            "site": site,
            "page_title": _("Nhập văn bản từ tệp"),
            "header_icon": "upload",
        },
    )
