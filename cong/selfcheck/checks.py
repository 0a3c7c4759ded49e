"""The install's own duties in the self-check: what no single feature answers for (HTTPS,
HSTS, the domain, metadata, sitemap, RSS, speed, accessibility, backups, 2FA).

Each function takes a Site and returns a `cong.core.duties.Result`; `plugins.py` declares
them. Features declare their own duties from their own `plugins.py`.
"""

import datetime
import json
import statistics
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Site

from cong.accounts import twofactor
from cong.core.duties import FAIL, PASS, WARN, Result
from cong.editorial.roles import LANH_DAO_DUYET, QUAN_TRI
from cong.ops.rotation import backups_in
from cong.selfcheck import probes

# TT 24/2011/TT-BTTTT: the Dublin Core elements a page must carry at least.
REQUIRED_DC = (
    "DC.title",
    "DC.creator",
    "DC.date",
    "DC.description",
    "DC.publisher",
    "DC.identifier",
)
REQUIRED_OG = ("og:title", "og:url", "og:type")
HSTS_YEAR = 31_536_000
# A warm page rendered by Django in this time or less passes; up to SLOW_SECONDS warns.
FAST_SECONDS = 1.0
SLOW_SECONDS = 3.0
SPEED_RUNS = 3
LIGHTHOUSE_GOOD = 90
# What the test tools of the checkout record (tests_browser/lighthouse.py, the browser suite).
TOOLS_DIR = Path(settings.BASE_DIR) / "var"
LIGHTHOUSE_DIR = TOOLS_DIR / "lighthouse"
ACCESSIBILITY_FILE = TOOLS_DIR / "selfcheck" / "accessibility.json"
ACCESSIBILITY_DAYS = 90
# `cong-backup.timer` runs daily: a day and a bit passes, a week warns.
BACKUP_FRESH = datetime.timedelta(hours=26)
BACKUP_STALE = datetime.timedelta(days=7)
APPROVER_GROUPS = (LANH_DAO_DUYET, QUAN_TRI)


def https(site: Site) -> Result:
    """Served over HTTPS only: SECURE_COOKIES (redirect to https://, Secure cookies)."""
    if settings.SECURE_SSL_REDIRECT and settings.SESSION_COOKIE_SECURE:
        return Result(PASS, _("Chuyển hướng sang https:// và cookie chỉ gửi qua HTTPS."))
    if site.port == 443:
        return Result(
            WARN,
            _("Website khai báo cổng 443 nhưng ứng dụng chưa bật SECURE_COOKIES=true."),
        )
    return Result(
        FAIL,
        _("Chưa bật HTTPS (SECURE_COOKIES=false, website ở cổng %(port)s).") % {"port": site.port},
    )


def hsts(site: Site) -> Result:
    seconds = settings.SECURE_HSTS_SECONDS or 0
    if seconds >= HSTS_YEAR:
        return Result(PASS, _("Strict-Transport-Security: max-age=%(s)s.") % {"s": seconds})
    if seconds > 0:
        return Result(WARN, _("HSTS ngắn hơn một năm (max-age=%(s)s).") % {"s": seconds})
    return Result(FAIL, _("Chưa gửi Strict-Transport-Security (CONG_HSTS_SECONDS=0)."))


def gov_vn(site: Site) -> Result:
    host = site.hostname.lower().rstrip(".")
    if host.endswith(".gov.vn"):
        return Result(PASS, host)
    if host.endswith(".vn"):
        return Result(
            WARN, _("%(host)s là tên miền .vn nhưng không thuộc .gov.vn.") % {"host": host}
        )
    return Result(FAIL, _("%(host)s không phải tên miền .gov.vn.") % {"host": host})


def _newest_page(site: Site):
    """The site's most recently published page below its home page (usually an article)."""
    return (
        site.root_page.get_descendants()
        .live()
        .public()
        .exclude(last_published_at=None)
        .order_by("-last_published_at")
        .first()
    )


def _page_metadata_problems(site: Site, path: str) -> list[str]:
    fetched = probes.fetch(site, path)
    if fetched.status != 200:
        return [_("%(path)s trả về mã %(status)s") % {"path": path, "status": fetched.status}]
    meta = probes.read_metadata(fetched.content)
    problems = [name for name in REQUIRED_DC if name not in meta.dublin_core]
    problems += [name for name in REQUIRED_OG if name not in meta.open_graph]
    if not meta.jsonld_types:
        problems.append("JSON-LD")
    if meta.jsonld_errors:
        problems.append(_("JSON-LD không đọc được"))
    return [f"{path}: {problem}" for problem in problems]


def metadata(site: Site) -> Result:
    """The home page and the newest page carry Dublin Core, Open Graph and JSON-LD."""
    paths = ["/"]
    newest = _newest_page(site)
    if newest is not None:
        paths.append(newest.specific.relative_url(site) or "/")
    problems = [problem for path in paths for problem in _page_metadata_problems(site, path)]
    if problems:
        return Result(FAIL, _("Thiếu: %(problems)s.") % {"problems": "; ".join(problems)})
    return Result(
        PASS,
        _("Dublin Core, Open Graph và JSON-LD có trên %(paths)s.") % {"paths": ", ".join(paths)},
    )


def sitemap(site: Site) -> Result:
    fetched = probes.fetch(site, "/sitemap.xml")
    if fetched.status != 200:
        return Result(FAIL, _("/sitemap.xml trả về mã %(status)s.") % {"status": fetched.status})
    urls = probes.count_elements(fetched.content, "loc")
    if urls < 0:
        return Result(FAIL, _("/sitemap.xml không phải XML hợp lệ."))
    if urls == 0:
        return Result(FAIL, _("/sitemap.xml không có địa chỉ nào."))
    return Result(PASS, _("/sitemap.xml có %(count)s địa chỉ.") % {"count": urls})


def rss(site: Site) -> Result:
    fetched = probes.fetch(site, "/rss/")
    if fetched.status != 200:
        return Result(FAIL, _("/rss/ trả về mã %(status)s.") % {"status": fetched.status})
    items = probes.count_elements(fetched.content, "item")
    if items < 0:
        return Result(FAIL, _("/rss/ không phải XML hợp lệ."))
    if items == 0:
        return Result(WARN, _("/rss/ chưa có tin nào."))
    return Result(PASS, _("/rss/ có %(count)s tin.") % {"count": items})


def _lighthouse_figures() -> tuple[int, str] | None:
    """The newest recorded Lighthouse performance score of the home page, and its date."""
    reports = sorted(
        LIGHTHOUSE_DIR.glob("home-*.report.json"), key=lambda path: path.stat().st_mtime
    )
    if not reports:
        return None
    data = json.loads(reports[-1].read_text(encoding="utf-8"))
    score = round(100 * (data["categories"]["performance"]["score"] or 0))
    when = datetime.datetime.fromtimestamp(reports[-1].stat().st_mtime).strftime("%d/%m/%Y")
    return score, when


def page_speed(site: Site) -> Result:
    """Django's time for the home page (median of warm requests) and the last Lighthouse."""
    first = probes.fetch(site, "/")
    if first.status != 200:
        return Result(FAIL, _("Trang chủ trả về mã %(status)s.") % {"status": first.status})
    median = statistics.median(probes.fetch(site, "/").seconds for _run in range(SPEED_RUNS))
    status = PASS if median <= FAST_SECONDS else WARN if median <= SLOW_SECONDS else FAIL
    detail = _("Máy chủ tạo trang chủ trong %(ms)s ms (lần đầu %(first)s ms).") % {
        "ms": round(median * 1000),
        "first": round(first.seconds * 1000),
    }
    figures = _lighthouse_figures()
    if figures is None:
        detail += " " + _("Chưa có số đo Lighthouse (make lighthouse).")
    else:
        score, when = figures
        detail += " " + _("Lighthouse (điện thoại) ngày %(when)s: hiệu năng %(score)s/100.") % {
            "when": when,
            "score": score,
        }
        if score < LIGHTHOUSE_GOOD and status == PASS:
            status = WARN
    return Result(status, detail)


def accessibility(site: Site) -> Result:
    """The last run of the browser suite's accessibility tests (axe, WCAG 2.1 AA)."""
    try:
        data = json.loads(ACCESSIBILITY_FILE.read_text(encoding="utf-8"))
        finished = datetime.datetime.fromisoformat(data["finished_at"])
        passed, failed = int(data["passed"]), int(data["failed"])
    except (OSError, ValueError, KeyError, TypeError):
        return Result(WARN, _("Chưa có kết quả kiểm thử khả năng tiếp cận (make test-browser)."))
    when = timezone.localtime(finished).strftime("%d/%m/%Y")
    if failed:
        return Result(
            FAIL,
            _("Lần chạy ngày %(when)s: %(failed)s kiểm thử không đạt, %(passed)s đạt.")
            % {"when": when, "failed": failed, "passed": passed},
        )
    if timezone.now() - finished > datetime.timedelta(days=ACCESSIBILITY_DAYS):
        return Result(
            WARN,
            _("Đạt lần chạy ngày %(when)s, đã quá %(days)s ngày.")
            % {"when": when, "days": ACCESSIBILITY_DAYS},
        )
    return Result(
        PASS,
        _("%(passed)s kiểm thử đạt (WCAG 2.1 AA, axe) ngày %(when)s.")
        % {"passed": passed, "when": when},
    )


def backup_age(site: Site) -> Result:
    """The newest archive of `manage.py backup` in CONG_BACKUP_DIR."""
    found = backups_in(Path(settings.CONG_BACKUP_DIR))
    if not found:
        return Result(
            FAIL, _("Chưa có bản sao lưu nào trong %(dir)s.") % {"dir": settings.CONG_BACKUP_DIR}
        )
    newest = max(found)  # local time, from the archive's name
    age = timezone.localtime().replace(tzinfo=None) - newest
    detail = _("Bản sao lưu mới nhất: %(when)s (%(hours)s giờ trước).") % {
        "when": newest.strftime("%H:%M %d/%m/%Y"),
        "hours": max(0, round(age.total_seconds() / 3600)),
    }
    status = PASS if age <= BACKUP_FRESH else WARN if age <= BACKUP_STALE else FAIL
    return Result(status, detail)


def approvers_two_factor(site: Site) -> Result:
    """Every active member of "Lãnh đạo duyệt" and "Quản trị" has a confirmed authenticator."""
    users = (
        get_user_model()
        .objects.filter(is_active=True, groups__name__in=APPROVER_GROUPS)
        .distinct()
        .order_by("username")
    )
    users = list(users)
    if not users:
        return Result(WARN, _("Chưa có tài khoản nào thuộc nhóm Lãnh đạo duyệt hoặc Quản trị."))
    without = [user.get_username() for user in users if twofactor.confirmed_device(user) is None]
    if without:
        return Result(
            FAIL,
            _("%(count)s trên %(total)s người duyệt chưa bật xác thực hai bước: %(names)s.")
            % {"count": len(without), "total": len(users), "names": ", ".join(without)},
        )
    return Result(
        PASS, _("%(total)s người duyệt đều đã bật xác thực hai bước.") % {"total": len(users)}
    )
