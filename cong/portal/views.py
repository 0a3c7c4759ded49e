"""Báo cáo › Theo dõi các đơn vị: the province's dashboard of every site, with CSV and XLSX.

Only install-wide users see it (the province's staff, superusers: `sites_of(user).everything`);
an agency's own editors get 403.
"""

import datetime

from django.core.exceptions import PermissionDenied
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.defaults import permission_denied
from wagtail.admin.views.reports import ReportView

from cong.core.exports import SafeSpreadsheetExportMixin
from cong.core.tenancy import sites_of
from cong.portal import dashboard


def can_view(user) -> bool:
    return sites_of(user).everything


class ProvinceDashboardView(SafeSpreadsheetExportMixin, ReportView):
    template_name = "portal/admin/dashboard.html"
    page_title = _("Theo dõi các đơn vị")
    header_icon = "site"
    index_url_name = "portal_dashboard"
    paginate_by = None
    list_export = [
        "name",
        "hostname",
        "kind_label",
        "visits_today",
        "visits_period",
        "last_published_local",
        "pending_questions",
        "oldest_question_days",
        "score_value",
        "score_checked_at",
        "backup",
    ]
    export_headings = {
        "name": _("Đơn vị"),
        "hostname": _("Website"),
        "kind_label": _("Loại"),
        "visits_today": _("Lượt truy cập hôm nay"),
        "visits_period": _("Lượt truy cập 30 ngày"),
        "last_published_local": _("Xuất bản gần nhất"),
        "pending_questions": _("Câu hỏi chờ trả lời"),
        "oldest_question_days": _("Câu hỏi chờ lâu nhất (ngày)"),
        "score_value": _("Điểm đáp ứng quy định"),
        "score_checked_at": _("Chấm điểm lúc"),
        "backup": _("Sao lưu gần nhất"),
    }

    def dispatch(self, request, *args, **kwargs):
        # A plain 403: Wagtail would redirect to the dashboard, hiding that it is closed.
        if not can_view(request.user):
            return permission_denied(request, PermissionDenied())
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def figures(self) -> dashboard.Dashboard:
        return dashboard.build()

    def get_queryset(self):
        return self.figures.rows

    def get_filename(self) -> str:
        return f"theo-doi-cac-don-vi-{datetime.date.today():%Y-%m-%d}"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            figures=self.figures,
            rows=self.figures.rows,
            period=dashboard.PERIOD_DAYS,
        )
        return context
