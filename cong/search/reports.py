"""Reports › Search terms (wagtail.contrib.search_promotions), with formula-safe exports.

The terms are what anonymous visitors typed in the search box, so the report's CSV/XLSX
export goes through `cong.core.exports.safe_cell` like every other export. Wagtail's view is
kept as it is otherwise (columns, filters, superusers only); `wagtail_hooks` puts this
subclass at the same admin address, ahead of Wagtail's.
"""

from wagtail.contrib.search_promotions.views.reports import SearchTermsReportView

from cong.core.exports import SafeSpreadsheetExportMixin


class SafeSearchTermsReportView(SafeSpreadsheetExportMixin, SearchTermsReportView):
    """Wagtail's search-terms report; exported cells never start a formula."""
