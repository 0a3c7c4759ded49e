"""The pages the browser suite checks: adding a page to every check is one line in PAGES.

Each page is checked with axe-core at both widths and screenshotted; public pages (our
templates) also get the phone, keyboard, image and reader-preference checks.
"""

import datetime
import zoneinfo
from dataclasses import dataclass

from livesite import ADMIN_PATH, ARTICLE


@dataclass(frozen=True)
class SitePage:
    name: str  # test id and screenshot file name
    path: str
    status: int = 200
    public: bool = True  # False: Wagtail's admin, checked with axe and screenshotted only
    lang: str = "vi"  # <html lang>: the English version's pages (docs/english.md) say "en"

    def __str__(self) -> str:
        return self.name


def next_schedule_week() -> str:
    """The demo's next week ("/lich-cong-tac/2026-tuan-49/"): load_demo publishes this week
    and the next, named by ISO week in the site's time zone."""
    today = datetime.datetime.now(zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")).date()
    iso = (today + datetime.timedelta(days=7)).isocalendar()
    return f"/lich-cong-tac/{iso.year}-tuan-{iso.week:02d}/"


PAGES = [
    SitePage("home", "/"),
    SitePage("section", "/tin-tuc-su-kien/"),
    SitePage("article", ARTICLE),
    SitePage("search", "/tim-kiem/?q=quyen+con+nguoi"),
    SitePage("search-paged", "/tim-kiem/?q=th%C3%B4ng+tin"),  # "thông tin": 2 pages of results
    SitePage("not-found", "/khong-ton-tai/", status=404),
    SitePage("admin-login", ADMIN_PATH + "login/", public=False),
    SitePage("documents", "/van-ban/?q=quyen+con+nguoi"),
    SitePage("document", "/van-ban/2-quyet-dinh-1079-qd-ttg/"),
    SitePage("questions", "/hoi-dap/"),
    SitePage("question-form", "/hoi-dap/dat-cau-hoi/"),
    SitePage("question-lookup", "/hoi-dap/theo-doi/"),
    SitePage(
        "answer", "/hoi-dap/1-ho-so-xin-cap-phep-trang-thong-tin-dien-tu-tong-hop-gom-nhung-gi/"
    ),
    SitePage("consultations", "/gop-y-du-thao/"),
    SitePage(
        "consultation-open",
        "/gop-y-du-thao/du-thao-quyet-dinh-ban-hanh-quy-che-quan-ly-van-hanh-cong-thong-tin-dien-tu-tinh/",
    ),
    SitePage(
        "consultation-closed",
        "/gop-y-du-thao/du-thao-ke-hoach-chuyen-doi-so-tinh-thanh-hoa-nam-2025/",
    ),
    SitePage("procedures", "/thu-tuc-hanh-chinh/?q=giay+phep"),
    SitePage("procedure", "/thu-tuc-hanh-chinh/10-cap-giay-phep-buu-chinh/"),
    SitePage("disclosure", "/cong-khai/"),
    SitePage("budget-disclosure", "/cong-khai/cong-khai-ngan-sach/?year=2024"),
    SitePage("about", "/gioi-thieu/"),
    SitePage("about-duties", "/gioi-thieu/chuc-nang-nhiem-vu/"),
    SitePage("about-history", "/gioi-thieu/qua-trinh-phat-trien/"),  # timeline
    SitePage("org-chart", "/gioi-thieu/co-cau-to-chuc/"),
    SitePage("leaders", "/gioi-thieu/lanh-dao-so/"),
    SitePage("site-map", "/so-do-website/"),
    SitePage("contact", "/lien-he/"),
    SitePage("privacy", "/chinh-sach-bao-ve-du-lieu-ca-nhan/"),
    SitePage("disclosure-catalogue", "/cong-khai/danh-muc-thong-tin-cong-khai/"),
    SitePage("press-releases", "/thong-cao-bao-chi/"),  # the spokesperson's statements
    SitePage("schedule", "/lich-cong-tac/"),  # this week's schedule of the leaders
    SitePage("schedule-week", next_schedule_week()),
    # The English version load_demo makes (cong/translations/demo.py).
    SitePage("en-home", "/en/", lang="en"),
    SitePage("en-introduction", "/en/introduction/", lang="en"),
    SitePage("en-leaders", "/en/introduction/leadership/", lang="en"),
    SitePage("en-article", "/en/news/2023-digital-transformation-plan/", lang="en"),
    SitePage("en-search", "/en/tim-kiem/?q=digital+transformation", lang="en"),
]

PUBLIC_PAGES = [p for p in PAGES if p.public]

# name: (width, height) of the viewport
WIDTHS = {"1280px": (1280, 900), "375px": (375, 812)}
