"""Administrative procedures as a duty of the self-check (ND 224/2026 Art. 9; ND 42/2022).

Declared from `plugins.register_all()`; `cong.core.duties` runs them for the report.
"""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import Site

from cong.core.duties import FAIL, PASS, WARN, Check, Result, register_check
from cong.core.i18n import originals


def procedures_linked(site: Site) -> Result:
    """The site lists its procedures, and each links to the public-service portal."""
    from cong.procedures.models import Procedure, ProcedureIndexPage

    if ProcedureIndexPage.for_site(site) is None:
        return Result(FAIL, _("Chưa có trang thủ tục hành chính."))
    procedures = originals(Procedure.objects.live().filter(site=site))
    total = procedures.count()
    if not total:
        return Result(FAIL, _("Trang thủ tục hành chính chưa có thủ tục nào được xuất bản."))
    unlinked = procedures.filter(national_url="").count()
    if unlinked:
        return Result(
            WARN,
            _("%(unlinked)s trên %(total)s thủ tục chưa có liên kết đến Cổng Dịch vụ công.")
            % {"unlinked": unlinked, "total": total},
        )
    return Result(
        PASS,
        _("%(total)s thủ tục được công khai, đều liên kết đến Cổng Dịch vụ công.")
        % {"total": total},
    )


def _fix(site: Site) -> str:
    from cong.procedures.models import Procedure

    return reverse(Procedure.snippet_viewset.get_url_name("list"))


def register_duties() -> None:
    register_check(
        Check(
            code="procedures.linked",
            title=gettext_lazy("Thủ tục hành chính được công khai, liên kết Cổng Dịch vụ công"),
            law_ref=gettext_lazy("NĐ 224/2026/NĐ-CP, Điều 9; NĐ 42/2022/NĐ-CP"),
            run=procedures_linked,
            fix_url=_fix,
            order=20,
        )
    )
