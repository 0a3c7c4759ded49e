"""Budget disclosure as a duty of the self-check (Luật Ngân sách nhà nước 2015 Art. 15;
TT 61/2017/TT-BTC; ND 224/2026 Art. 9).

Declared from `plugins.register_all()`; `cong.core.duties` runs them for the report.
"""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import Site

from cong.core.duties import FAIL, PASS, WARN, Check, Result, register_check
from cong.disclosure.kinds import Kind

# The stages of a budget report (TT 61/2017): the estimate, its execution, the final accounts.
BUDGET_KINDS = (Kind.ESTIMATE, Kind.EXECUTION, Kind.FINAL_ACCOUNTS)


def _budget_items(site: Site):
    from cong.disclosure.models import DisclosureItem, DisclosurePage

    pages = DisclosurePage.objects.live().public().descendant_of(site.root_page)
    return DisclosureItem.objects.filter(page__in=pages, kind__in=BUDGET_KINDS)


def budget_disclosed(site: Site) -> Result:
    """A budget report of the current year is published (last year's only: a warning)."""
    year = timezone.localdate().year
    items = _budget_items(site)
    this_year = items.filter(year=year)
    if this_year.exists():
        kinds = sorted({str(Kind(item.kind).label) for item in this_year})
        return Result(
            PASS,
            _("Năm %(year)s đã công khai: %(kinds)s.") % {"year": year, "kinds": ", ".join(kinds)},
        )
    last = items.order_by("-year").values_list("year", flat=True).first()
    if last:
        return Result(
            WARN,
            _("Chưa công khai ngân sách năm %(year)s; gần nhất là năm %(last)s.")
            % {"year": year, "last": last},
        )
    return Result(FAIL, _("Chưa có báo cáo công khai ngân sách nào."))


def _fix(site: Site) -> str:
    from cong.disclosure.models import DisclosurePage

    page = DisclosurePage.for_site(site)
    if page is not None:
        return reverse("wagtailadmin_pages:edit", args=[page.pk])
    return reverse("wagtailadmin_explore", args=[site.root_page_id])


def register_duties() -> None:
    register_check(
        Check(
            code="disclosure.budget",
            title=gettext_lazy("Công khai ngân sách năm hiện hành"),
            law_ref=gettext_lazy("Luật Ngân sách nhà nước 2015, Điều 15; TT 61/2017/TT-BTC"),
            run=budget_disclosed,
            fix_url=_fix,
            order=30,
        )
    )
