"""Bulk import from the admin: the same checks as `manage.py import_procedures`."""

from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from wagtail.models import Site

from cong.core.sheets import SheetError, read_sheet
from cong.core.tenancy import site_for_new, sites_of
from cong.procedures.importer import import_procedures, validate
from cong.procedures.viewsets import IMPORT_PERMISSION

MAX_SHEET_BYTES = 5 * 1024 * 1024
COLUMNS_HELP = _(
    "Các cột: Tên thủ tục*, Mã thủ tục, Lĩnh vực*, Cấp thực hiện* (Cấp tỉnh, Cấp huyện, Cấp "
    "xã), Mức độ DVC trực tuyến (Toàn trình, Một phần), Liên kết, Thời hạn giải quyết, "
    "Phí, lệ phí, Thành phần hồ sơ (mỗi giấy tờ một dòng), Cơ quan thực hiện, Căn cứ pháp "
    "lý, Thứ tự. (*) bắt buộc."
)


class ImportForm(forms.Form):
    site = forms.ModelChoiceField(
        Site.objects.all(), label=_("Website"), empty_label=None, required=True
    )
    sheet = forms.FileField(label=_("Tệp danh sách (.xlsx hoặc .csv)"), help_text=COLUMNS_HELP)
    dry_run = forms.BooleanField(label=_("Chỉ kiểm tra, chưa nhập"), required=False)

    def __init__(self, *args: Any, sites: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if sites is not None:  # only the sites the user works for can receive procedures
            self.fields["site"].queryset = sites

    def clean_sheet(self) -> Any:
        sheet = self.cleaned_data["sheet"]
        if sheet.size > MAX_SHEET_BYTES:
            raise forms.ValidationError(_("Tệp danh sách quá lớn (tối đa 5 MB)."))
        return sheet


def import_view(request: HttpRequest) -> HttpResponseBase:
    if not request.user.has_perm(IMPORT_PERMISSION):
        raise PermissionDenied
    form = ImportForm(
        request.POST or None,
        request.FILES or None,
        initial={"site": site_for_new(request)},
        sites=sites_of(request.user).sites(),
    )
    errors, result, checked = [], None, None
    if request.method == "POST" and form.is_valid():
        sheet = form.cleaned_data["sheet"]
        try:
            header, rows = read_sheet(sheet.name, sheet.read())
            clean = validate(form.cleaned_data["site"], header, rows)
            if form.cleaned_data["dry_run"]:
                checked = len(clean)
            else:
                result = import_procedures(clean)
        except SheetError as failure:
            errors = failure.errors
    return render(
        request,
        "procedures/admin/import.html",
        {
            "form": form,
            "errors": errors,
            "result": result,
            "checked": checked,
            "page_title": _("Nhập thủ tục hành chính từ tệp"),
            "header_icon": "upload",
        },
    )
