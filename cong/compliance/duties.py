"""The compliance app's duties in the self-check: the measurement tag (ND 224/2026 Art. 12),
planned stops announced in time (Art. 13) and IPv6 in the nginx configuration (Art. 11(4)).

Declared from `plugins.register_all()`; `cong.core.duties` runs them for the report. The
answers themselves are `cong/compliance/checks.py`.
"""

from pathlib import Path

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import Site

from cong.compliance import checks
from cong.core.duties import FAIL, PASS, WARN, Check, Result, register_check


def measurement_tag(site: Site) -> Result:
    from cong.compliance.models import MeasurementSettings

    if not checks.measurement_tag_set(site):
        return Result(FAIL, _("Chưa gắn mã đo lường của Nền tảng đo lường quốc gia (EMC)."))
    url = MeasurementSettings.for_site(site).tag_script_url
    return Result(PASS, _("Mã đo lường: %(url)s") % {"url": url})


def planned_stops(site: Site) -> Result:
    late = checks.planned_stops_announced(site)
    if not late:
        return Result(
            PASS, _("Không có lần tạm dừng theo kế hoạch nào báo trước dưới 7 ngày làm việc.")
        )
    when = ", ".join(
        timezone.localtime(window.starts_at).strftime("%H:%M %d/%m/%Y") for window in late
    )
    return Result(
        WARN,
        _("Tạm dừng báo trước dưới 7 ngày làm việc (không phải sự cố bất khả kháng): %(when)s.")
        % {"when": when},
    )


def ipv6(site: Site) -> Result:
    """The deployed nginx site (CONG_NGINX_CONF, what render.py wrote) listens on IPv6."""
    path = Path(settings.CONG_NGINX_CONF)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return Result(
            WARN,
            _("Không đọc được cấu hình nginx đã triển khai (%(path)s) để kiểm tra IPv6.")
            % {"path": path},
        )
    if checks.nginx_listens_on_ipv6(text):
        return Result(PASS, _("nginx nghe trên IPv6 (%(path)s).") % {"path": path})
    return Result(FAIL, _("Cấu hình nginx %(path)s không nghe trên IPv6.") % {"path": path})


def _windows_fix(site: Site) -> str:
    from cong.compliance.models import MaintenanceWindow

    return reverse(MaintenanceWindow.snippet_viewset.get_url_name("list"))


def register_duties() -> None:
    register_check(
        Check(
            code="compliance.measurement_tag",
            title=gettext_lazy("Gắn mã đo lường (EMC)"),
            law_ref=gettext_lazy("NĐ 224/2026/NĐ-CP, Điều 12"),
            run=measurement_tag,
            fix_url=lambda site: reverse(
                "wagtailsettings:edit", args=["compliance", "measurementsettings", site.pk]
            ),
            order=60,
        )
    )
    register_check(
        Check(
            code="compliance.planned_stops",
            title=gettext_lazy("Thông báo trước khi tạm dừng hoạt động"),
            law_ref=gettext_lazy("NĐ 224/2026/NĐ-CP, Điều 13"),
            run=planned_stops,
            fix_url=_windows_fix,
            order=61,
        )
    )
    register_check(
        Check(
            code="compliance.ipv6",
            title=gettext_lazy("Hỗ trợ IPv6"),
            law_ref=gettext_lazy("NĐ 224/2026/NĐ-CP, Điều 11 khoản 4"),
            run=ipv6,
            fix_url=None,
            fix_hint=gettext_lazy(
                "Trên máy chủ: tạo lại cấu hình nginx bằng deploy/nginx/render.py (không dùng "
                "--no-ipv6) rồi nạp lại nginx."
            ),
            order=62,
        )
    )
