"""The install's own duties, declared like any feature's (`cong.core.duties`).

The features declare theirs from their own `plugins.py` (agency, procedures, disclosure,
participation, compliance); these are the ones that belong to no feature: transport security,
the domain, what every page carries, speed, accessibility, backups and sign-in.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.models import Site

from cong.core.duties import Check, register_check


def _site_fix(site: Site) -> str:
    return reverse("wagtailsites:edit", args=[site.pk])


def _home_fix(site: Site) -> str:
    return reverse("wagtailadmin_pages:edit", args=[site.root_page_id])


def _explore_fix(site: Site) -> str:
    return reverse("wagtailadmin_explore", args=[site.root_page_id])


def _users_fix(site: Site) -> str:
    return reverse("wagtailusers_users:index")


# What the server's administrator does where no admin screen can fix the duty.
SERVER_FIXES = {
    "site.hsts": _(
        "Trên máy chủ: đặt CONG_HSTS_SECONDS=31536000 trong tệp .env (khi đã bật HTTPS) "
        "rồi khởi động lại ứng dụng."
    ),
    "site.accessibility": _(
        "Chạy bộ kiểm thử trên trình duyệt (make test-browser) và sửa các lỗi được báo."
    ),
    "site.page_speed": _("Đo lại bằng make lighthouse; cách tăng tốc: docs/performance.md."),
    "site.backup_age": _(
        "Trên máy chủ: kiểm tra bộ hẹn giờ cong-backup.timer (systemctl status "
        "cong-backup.timer) và thư mục CONG_BACKUP_DIR."
    ),
}


def register_all() -> None:
    from cong.selfcheck import checks

    declared = (
        (
            "site.metadata",
            _("Siêu dữ liệu trên trang (Dublin Core, Open Graph, JSON-LD)"),
            _("TT 24/2011/TT-BTTTT; NĐ 224/2026/NĐ-CP, Điều 11 khoản 5"),
            checks.metadata,
            _home_fix,
            50,
        ),
        (
            "site.sitemap",
            _("Sơ đồ website XML (sitemap.xml)"),
            _("NĐ 224/2026/NĐ-CP, Điều 11 khoản 1, 3"),
            checks.sitemap,
            _explore_fix,
            51,
        ),
        (
            "site.rss",
            _("Tin RSS"),
            _("NĐ 224/2026/NĐ-CP, Điều 11 khoản 1, 3"),
            checks.rss,
            _explore_fix,
            52,
        ),
        (
            "site.https",
            _("Sử dụng HTTPS"),
            _("NĐ 224/2026/NĐ-CP, Điều 11; TCVN 11930:2017"),
            checks.https,
            _site_fix,
            70,
        ),
        (
            "site.hsts",
            _("Bắt buộc HTTPS với trình duyệt (HSTS)"),
            _("TCVN 11930:2017"),
            checks.hsts,
            None,
            71,
        ),
        (
            "site.gov_vn",
            _("Tên miền .gov.vn"),
            _("NĐ 224/2026/NĐ-CP, Điều 11 khoản 4"),
            checks.gov_vn,
            _site_fix,
            72,
        ),
        (
            "site.accessibility",
            _("Hỗ trợ người khuyết tật tiếp cận (WCAG 2.1 AA)"),
            _("Luật Người khuyết tật 2010, Điều 43; TT 26/2020/TT-BTTTT"),
            checks.accessibility,
            None,
            80,
        ),
        (
            "site.page_speed",
            _("Tốc độ tải trang"),
            _("NĐ 224/2026/NĐ-CP, Điều 11"),
            checks.page_speed,
            None,
            81,
        ),
        (
            "site.backup_age",
            _("Sao lưu dữ liệu"),
            _("NĐ 85/2016/NĐ-CP; TCVN 11930:2017"),
            checks.backup_age,
            None,
            90,
        ),
        (
            "site.approvers_2fa",
            _("Xác thực hai bước cho người duyệt, quản trị"),
            _("NĐ 85/2016/NĐ-CP; TCVN 11930:2017"),
            checks.approvers_two_factor,
            _users_fix,
            91,
        ),
    )
    for code, title, law_ref, run, fix_url, order in declared:
        register_check(Check(code, title, law_ref, run, fix_url, order, SERVER_FIXES.get(code, "")))
