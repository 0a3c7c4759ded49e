"""Citizens' satisfaction ratings as a duty of the self-check (ND 224/2026).

Declared from `plugins.register_all()`; `cong.core.duties` runs them for the report.
"""

import datetime

from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import Site

from cong.core.duties import FAIL, PASS, WARN, Check, Result, register_check

RECENT_DAYS = 365


def ratings_enabled(site: Site) -> Result:
    """The rating form ("Thông tin này có hữu ích không?") is served, and used.

    The form is under every article and legal document; the install has no switch to turn it
    off, so "enabled" means its address answers. No rating in a year means nobody sees it."""
    from cong.participation.models import Rating

    try:
        reverse("participation:rate")
    except NoReverseMatch:
        return Result(FAIL, _("Địa chỉ nhận đánh giá (/danh-gia/) không được cài đặt."))
    since = timezone.now() - datetime.timedelta(days=RECENT_DAYS)
    count = Rating.objects.filter(site=site, created_at__gte=since).count()
    if not count:
        return Result(WARN, _("Đã bật, nhưng chưa nhận đánh giá nào trong 12 tháng qua."))
    return Result(PASS, _("Đã bật; %(count)s lượt đánh giá trong 12 tháng qua.") % {"count": count})


def register_duties() -> None:
    register_check(
        Check(
            code="participation.ratings",
            title=gettext_lazy("Người dùng đánh giá được mức độ hài lòng"),
            law_ref=gettext_lazy("NĐ 224/2026/NĐ-CP (tương tác với người dùng)"),
            run=ratings_enabled,
            fix_url=lambda site: reverse("participation_ratings"),
            order=40,
        )
    )
