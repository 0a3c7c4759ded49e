"""The admin's visit report ("Báo cáo > Thống kê truy cập") and its CSV export.

Each user sees the sites they work for (cong.core.tenancy.sites_of): a site's own editors only
theirs, whatever `?site=` says; the province's administrators choose among every site.
"""

import csv
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Site

from cong.core.exports import safe_cell
from cong.core.tenancy import site_for_new, sites_of
from cong.visits.chart import daily_chart
from cong.visits.report import PERIODS, build_report
from cong.visits.stats import summary_for_site
from cong.visits.stores import get_store

PERMISSION = "visits.view_dailystats"


def can_view_report(user: Any) -> bool:
    return user.has_perm(PERMISSION)


def _site_and_period(request: HttpRequest) -> tuple[Site, int]:
    if not can_view_report(request.user):
        raise PermissionDenied
    site_id = request.GET.get("site")
    if site_id and site_id.isdigit():
        site = get_object_or_404(sites_of(request.user).sites(), pk=site_id)
    else:
        site = site_for_new(request)  # the admin's own site if the user works for it
    if site is None:
        raise PermissionDenied  # a user of no site has no figures to see
    try:
        period = int(request.GET.get("period", 30))
    except ValueError:
        period = 30
    return site, period if period in PERIODS else 30


class VisitReportView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "visits/admin/report.html"
    page_title = _("Thống kê truy cập")
    header_icon = "view"

    def get_breadcrumbs_items(self) -> list[dict[str, Any]]:
        return [
            {"url": reverse("wagtailadmin_home"), "label": gettext("Home")},
            {"url": "", "label": self.page_title},
        ]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        site, period = _site_and_period(self.request)
        get_store().flush()  # Redis counters into SQL, so the report is exact
        report = build_report(site, period)
        return super().get_context_data(
            site=site,
            sites=sites_of(self.request.user).sites(),
            period=period,
            periods=PERIODS,
            report=report,
            summary=summary_for_site(site, fresh=True),
            chart=daily_chart(
                report.days,
                gettext("Lượt truy cập và lượt xem trang trong %(days)d ngày") % {"days": period},
            ),
            **kwargs,
        )


def export_csv(request: HttpRequest) -> HttpResponse:
    """Daily visits and page views of the chosen period, for a spreadsheet."""
    site, period = _site_and_period(request)
    get_store().flush()
    report = build_report(site, period)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="thong-ke-truy-cap-{period}-ngay.csv"'
    response.write("\ufeff")  # lets Excel read the Vietnamese letters as UTF-8
    writer = csv.writer(response)
    # Figures and dates only today, but every export cell goes through the same guard, so a
    # column added later (a page title, a path someone typed) cannot carry a formula.
    header = (gettext("Ngày"), gettext("Lượt truy cập"), gettext("Lượt xem trang"))
    writer.writerow([safe_cell(title) for title in header])
    for day in report.days:
        row = (day.day.strftime("%d/%m/%Y"), day.visits, day.pageviews)
        writer.writerow([safe_cell(cell) for cell in row])
    return response
