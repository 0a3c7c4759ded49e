"""Admin: "Tạo website thành viên" (Settings menu), for the province's administrators only."""

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.defaults import permission_denied

from cong.core.models import SiteKind
from cong.core.tenancy import sites_of
from cong.editorial.roles import QUAN_TRI
from cong.province.sites import SiteError, create_site


def may_create_sites(user: Any) -> bool:
    """A superuser, or a member of the install-wide "Quản trị" group (bound to no site)."""
    if not user.is_authenticated or not user.is_active or not sites_of(user).everything:
        return False
    if user.is_superuser:
        return True
    return user.groups.filter(name=QUAN_TRI, site_binding__isnull=True).exists()


class CreateSiteForm(forms.Form):
    host = forms.CharField(
        label=gettext_lazy("Tên miền"),
        max_length=253,
        help_text=gettext_lazy(
            "Chỉ ghi tên miền, không kèm http:// hay đường dẫn, ví dụ soyte.thanhhoa.gov.vn. "
            "Tên miền phải trỏ về máy chủ này (bản ghi DNS) để người dân truy cập được."
        ),
    )
    name = forms.CharField(
        label=gettext_lazy("Tên cơ quan"),
        max_length=200,
        help_text=gettext_lazy("Ví dụ: Sở Y tế tỉnh Thanh Hóa, UBND xã Đông Sơn."),
    )
    kind = forms.ChoiceField(
        label=gettext_lazy("Loại cơ quan"),
        choices=SiteKind.choices,
        initial=SiteKind.SO,
        help_text=gettext_lazy("Quyết định các chuyên mục mặc định của website."),
    )


def create_site_view(request: HttpRequest) -> HttpResponse:
    if not may_create_sites(request.user):
        # A plain 403: Wagtail would redirect to the dashboard, hiding that it is closed.
        return permission_denied(request, PermissionDenied())
    form = CreateSiteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            site = create_site(**form.cleaned_data)
        except SiteError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _(
                    "Đã tạo website “%(name)s” tại %(host)s, với các nhóm biên tập và quy trình "
                    "duyệt riêng. Thêm người dùng vào các nhóm “… — %(name)s” để họ làm việc."
                )
                % {"name": site.site_name, "host": site.hostname},
            )
            return redirect("wagtailadmin_explore", site.root_page_id)
    return TemplateResponse(
        request,
        "province/admin/create_site.html",
        {"form": form, "page_title": _("Tạo website thành viên"), "header_icon": "site"},
    )
