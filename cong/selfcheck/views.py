"""Báo cáo › Mức độ đáp ứng quy định: every declared duty run on one site, with XLSX and PDF.

Who may see it: holders of `selfcheck.view_report` (Lãnh đạo duyệt, Quản trị; roles.py).
Which site: one the user works for (cong.core.tenancy.sites_of), by default the one the
admin is opened on; whoever works for several chooses among them (`?site=`), and another
agency's site is 404 whatever its number.
"""

import datetime
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.defaults import permission_denied
from wagtail.admin.views.reports import ReportView
from wagtail.admin.widgets import Button
from wagtail.models import Site

from cong.core.duties import FAIL, PASS, WARN, Evaluation, Outcome, evaluate
from cong.core.exports import SafeSpreadsheetExportMixin
from cong.core.tenancy import sites_of
from cong.core.text import slugify_vi
from cong.selfcheck import pdf

VIEW_PERMISSION = "selfcheck.view_report"
STATUS_LABELS = {
    PASS: gettext_lazy("Đạt"),
    WARN: gettext_lazy("Cảnh báo"),
    FAIL: gettext_lazy("Chưa đạt"),
}


def can_view(user) -> bool:
    return user.has_perm(VIEW_PERMISSION)


@dataclass(frozen=True)
class Row:
    """One line of the report, as the table and the exports show it."""

    outcome: Outcome

    @property
    def code(self) -> str:
        return self.outcome.check.code

    @property
    def title(self) -> str:
        return str(self.outcome.check.title)

    @property
    def law_ref(self) -> str:
        return str(self.outcome.check.law_ref)

    @property
    def status(self) -> str:
        return self.outcome.status

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS[self.outcome.status])

    @property
    def detail(self) -> str:
        return self.outcome.result.detail

    @property
    def fix_url(self) -> str:
        return self.outcome.fix_url

    @property
    def fix_hint(self) -> str:
        return self.outcome.fix_hint

    @property
    def fix(self) -> str:
        """The export's "Khắc phục": the admin screen's address, else what the server's
        administrator does (for a duty not met)."""
        if self.fix_url:
            return self.fix_url
        return self.fix_hint if self.status != PASS else ""


def sites_for(request: HttpRequest) -> list[Site]:
    """The sites this user may see the report of: those they work for (cong.core.tenancy):
    every site for a superuser or an install-wide group, an agency's own for its groups."""
    return list(sites_of(request.user).sites())


def chosen_site(request: HttpRequest, sites: list[Site]) -> Site | None:
    """The site asked for by `?site=`, else the admin address's site when it is one of
    `sites`, else the first. None when `?site=` names a site not among them."""
    wanted = request.GET.get("site", "")
    if wanted:
        return next((site for site in sites if str(site.pk) == wanted), None)
    current = Site.find_for_request(request)
    return current if current in sites else (sites[0] if sites else None)


class SelfCheckReportView(SafeSpreadsheetExportMixin, ReportView):
    template_name = "selfcheck/report.html"
    page_title = gettext_lazy("Mức độ đáp ứng quy định")
    header_icon = "tasks"
    index_url_name = "selfcheck_report"
    paginate_by = None
    list_export = ["title", "law_ref", "status_label", "detail", "fix"]
    export_headings = {
        "title": gettext_lazy("Yêu cầu"),
        "law_ref": gettext_lazy("Căn cứ"),
        "status_label": gettext_lazy("Kết quả"),
        "detail": gettext_lazy("Chi tiết"),
        "fix": gettext_lazy("Khắc phục"),
    }

    def dispatch(self, request, *args, **kwargs):
        # A plain 403: Wagtail would redirect to the dashboard, hiding that it is closed.
        if not can_view(request.user):
            return permission_denied(request, PermissionDenied())
        self.sites = sites_for(request)
        if not self.sites:
            return permission_denied(request, PermissionDenied())
        self.site = chosen_site(request, self.sites)
        if self.site is None:  # another agency's site, by its number in the address
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def evaluation(self) -> Evaluation:
        return evaluate(self.site)

    def get_queryset(self):
        return [Row(outcome) for outcome in self.evaluation.outcomes]

    def get_filename(self) -> str:
        return f"muc-do-dap-ung-{slugify_vi(self.site.hostname)}-{datetime.date.today():%Y-%m-%d}"

    def write_xlsx(self, queryset, output):
        """Wagtail's sheet of rows (formulas made inert), named, then a summary sheet: the
        file goes into the agency's annual report on its own."""
        from openpyxl import Workbook

        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet(title=_("Mức độ đáp ứng"))
        sheet.append(self.get_heading(queryset, field) for field in self.list_export)
        for item in queryset:
            sheet.append(self.generate_xlsx_row(sheet, self.to_row_dict(item)))
        summary = workbook.create_sheet(title=_("Tổng hợp"))
        evaluation = self.evaluation
        for label, value in (
            (_("Website"), self.site.hostname),
            (_("Kiểm tra lúc"), timezone.localtime().strftime("%H:%M %d/%m/%Y")),
            (_("Điểm"), evaluation.score),
            (_("Đạt"), evaluation.count(PASS)),
            (_("Cảnh báo"), evaluation.count(WARN)),
            (_("Chưa đạt"), evaluation.count(FAIL)),
        ):
            summary.append([label, value])
        workbook.save(output)

    @cached_property
    def header_more_buttons(self):
        buttons = super().header_more_buttons.copy()
        buttons.append(
            Button(_("Tải PDF"), url=self.get_export_url("pdf"), icon_name="doc-full", priority=95)
        )
        return buttons

    def get(self, request, *args, **kwargs):
        if request.GET.get("export") == "pdf":
            return self.pdf_response()
        return super().get(request, *args, **kwargs)

    def pdf_response(self) -> HttpResponse:
        content = pdf.report_pdf(self.evaluation, self.get_queryset(), timezone.localtime())
        response = HttpResponse(content, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{self.get_filename()}.pdf"'
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        evaluation = self.evaluation
        context.update(
            rows=self.get_queryset(),
            site=self.site,
            sites=self.sites,
            score=evaluation.score,
            counts={status: evaluation.count(status) for status in (PASS, WARN, FAIL)},
            checked_at=timezone.localtime(),
        )
        return context
