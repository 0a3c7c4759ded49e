"""The agency's own information as duties of the self-check (ND 224/2026 Art. 9; ND 244/2026).

Declared from `plugins.register_all()`; `cong.core.duties` runs them for the report.
"""

import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import Site

from cong.core.duties import FAIL, PASS, WARN, Check, Result, register_check
from cong.core.text import fold

# Art. 9(3) asks for the information to be updated as soon as it changes; a year without any
# change to the pages or records that carry it is worth a look.
FRESH_DAYS = 365
# How an information page's title names what Art. 9 asks for (folded, lower case).
INTRODUCTION_WORDS = ("gioi thieu",)
FUNCTIONS_WORDS = ("chuc nang", "nhiem vu")


def _information_page(site: Site, words: tuple[str, ...]):
    """The site's first live information page whose title contains one of `words`."""
    from cong.agency.models import InformationPage

    pages = InformationPage.objects.live().descendant_of(site.root_page).only("title")
    for page in pages.order_by("path"):
        title = fold(page.title).lower()
        if any(word in title for word in words):
            return page
    return None


def _contacts_given(site: Site) -> bool:
    from cong.core.models import AgencySettings

    agency = AgencySettings.for_site(site)
    return bool(agency.address and agency.phone and agency.email)


def art9_content(site: Site) -> Result:
    """Introduction, functions and duties, organisation, leaders and contacts are published,
    and something among them changed in the last FRESH_DAYS days."""
    from cong.agency.models import Leader, LeadersPage, OrganisationPage, OrgUnit

    parts = {
        _("Giới thiệu"): _information_page(site, INTRODUCTION_WORDS),
        _("Chức năng, nhiệm vụ"): _information_page(site, FUNCTIONS_WORDS),
        _("Cơ cấu tổ chức"): OrganisationPage.for_site(site),
        _("Lãnh đạo"): LeadersPage.for_site(site),
    }
    missing = [name for name, page in parts.items() if page is None]
    if not _contacts_given(site):
        missing.append(_("Địa chỉ, điện thoại, thư điện tử liên hệ"))
    if missing:
        return Result(FAIL, _("Còn thiếu: %(missing)s.") % {"missing": ", ".join(missing)})
    moments = [page.last_published_at for page in parts.values() if page.last_published_at]
    for model in (Leader, OrgUnit):
        newest = model.objects.filter(site=site).order_by("-updated_at").first()
        if newest:
            moments.append(newest.updated_at)
    newest = max(moments) if moments else None
    if newest is None or timezone.now() - newest > datetime.timedelta(days=FRESH_DAYS):
        when = timezone.localtime(newest).strftime("%d/%m/%Y") if newest else "—"
        return Result(
            WARN,
            _("Đủ các mục, nhưng lần cập nhật gần nhất là %(when)s (quá %(days)s ngày).")
            % {"when": when, "days": FRESH_DAYS},
        )
    return Result(
        PASS,
        _(
            "Đủ giới thiệu, chức năng nhiệm vụ, cơ cấu tổ chức, lãnh đạo, liên hệ; cập nhật "
            "gần nhất %(when)s."
        )
        % {"when": timezone.localtime(newest).strftime("%d/%m/%Y")},
    )


def _art9_fix(site: Site) -> str:
    return reverse("wagtailadmin_explore", args=[site.root_page_id])


def leaders_biographies(site: Site) -> Result:
    """Every current leader has a short biography."""
    from cong.agency.models import Leader
    from cong.core.i18n import originals

    current = originals(Leader.objects.filter(site=site)).current()
    leaders = list(current.order_by("sort_order", "pk"))
    if not leaders:
        return Result(FAIL, _("Chưa có lãnh đạo đương nhiệm nào."))
    without = [leader.full_name for leader in leaders if not strip_tags(leader.biography).strip()]
    if not without:
        return Result(
            PASS, _("%(count)s lãnh đạo đều có tóm tắt tiểu sử.") % {"count": len(leaders)}
        )
    status = FAIL if len(without) == len(leaders) else WARN
    return Result(status, _("Chưa có tóm tắt tiểu sử: %(names)s.") % {"names": ", ".join(without)})


def _leaders_fix(site: Site) -> str:
    from cong.agency.models import Leader

    return reverse(Leader.snippet_viewset.get_url_name("list"))


def spokesperson_named(site: Site) -> Result:
    """A spokesperson is named, with a phone number and an e-mail address."""
    from cong.agency.models import AgencyContacts

    speaker = AgencyContacts.for_site(site).speaker
    if speaker is None:
        return Result(FAIL, _("Chưa công bố người phát ngôn."))
    missing = [
        label
        for label, key in ((_("điện thoại"), "phone"), (_("thư điện tử"), "email"))
        if not speaker[key]
    ]
    if missing:
        return Result(
            WARN,
            _("%(name)s, còn thiếu: %(missing)s.")
            % {"name": speaker["name"], "missing": ", ".join(missing)},
        )
    return Result(PASS, _("%(name)s, %(position)s.") % speaker)


def _contacts_fix(site: Site) -> str:
    return reverse("wagtailsettings:edit", args=["agency", "agencycontacts", site.pk])


def register_duties() -> None:
    register_check(
        Check(
            code="agency.art9_content",
            title=gettext_lazy("Thông tin giới thiệu cơ quan đầy đủ và được cập nhật"),
            law_ref=gettext_lazy("NĐ 224/2026/NĐ-CP, Điều 9 khoản 1, 3"),
            run=art9_content,
            fix_url=_art9_fix,
            order=10,
        )
    )
    register_check(
        Check(
            code="agency.leaders_biographies",
            title=gettext_lazy("Lãnh đạo có tóm tắt tiểu sử"),
            law_ref=gettext_lazy("NĐ 224/2026/NĐ-CP, Điều 9 khoản 1"),
            run=leaders_biographies,
            fix_url=_leaders_fix,
            order=11,
        )
    )
    register_check(
        Check(
            code="agency.spokesperson",
            title=gettext_lazy("Người phát ngôn được công bố"),
            law_ref=gettext_lazy("NĐ 224/2026/NĐ-CP, Điều 9; NĐ 244/2026/NĐ-CP"),
            run=spokesperson_named,
            fix_url=_contacts_fix,
            order=12,
        )
    )
