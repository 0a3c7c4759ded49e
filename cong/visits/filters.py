"""Which hits are not a person reading a page, and why."""

from functools import lru_cache

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from cong.visits.crawlers import crawler_user_agents_says, crawlerdetect_says

# Reasons, as stored in DroppedHits and shown in the report.
CRAWLER = "crawler"
NO_USER_AGENT = "no_user_agent"
PREFETCH = "prefetch"
RATE = "rate"
BAD_PATH = "bad_path"
BAD_REQUEST = "bad_request"
WEBDRIVER = "webdriver"
ADDRESS_NEW_VISITORS = "address_new_visitors"
ADDRESS_RATE = "address_rate"

REASON_LABELS = {
    CRAWLER: _("Trình thu thập tự động (bot, trình duyệt không giao diện)"),
    NO_USER_AGENT: _("Không có thông tin trình duyệt"),
    PREFETCH: _("Tải trước, không phải lượt xem"),
    RATE: _("Vượt giới hạn lượt xem mỗi phút"),
    BAD_PATH: _("Địa chỉ không thuộc website"),
    BAD_REQUEST: _("Yêu cầu không hợp lệ"),
    WEBDRIVER: _("Trình duyệt do phần mềm điều khiển (navigator.webdriver)"),
    ADDRESS_NEW_VISITORS: _("Vượt giới hạn khách mới từ một địa chỉ IP"),
    ADDRESS_RATE: _("Vượt giới hạn lượt xem mỗi phút của một địa chỉ IP"),
}


@lru_cache(maxsize=4096)
def is_crawler(user_agent: str) -> bool:
    """True for bots, scripts and headless browsers: crawlerdetect's list, then the
    crawler-user-agents project's patterns (which catch automation tools, AI agents, CDNs and
    uptime checkers that crawlerdetect lets through). Both lists' verdicts exactly, found
    in ~25 µs for a new User-Agent instead of ~0.6 ms (cong.visits.crawlers); cached.

    >>> is_crawler("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)")
    True
    >>> is_crawler("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    ...            "HeadlessChrome/120.0.0.0 Safari/537.36")
    True
    >>> is_crawler("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 "
    ...            "(KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1")
    False
    """
    return crawlerdetect_says(user_agent) or crawler_user_agents_says(user_agent)


def drop_reason(request: HttpRequest) -> str | None:
    """Why this request is not a page view, judged from its headers alone (or None)."""
    purpose = request.META.get("HTTP_SEC_PURPOSE", "") or request.META.get("HTTP_PURPOSE", "")
    return header_drop_reason(request.META.get("HTTP_USER_AGENT", ""), purpose)


def header_drop_reason(user_agent: str, purpose: str) -> str | None:
    """`drop_reason` from the two headers themselves: a request, or a line nginx logged.

    >>> header_drop_reason("", ""), header_drop_reason("Mozilla/5.0 (X11)", "prefetch")
    ('no_user_agent', 'prefetch')
    """
    user_agent = user_agent.strip()
    if not user_agent:
        return NO_USER_AGENT
    if "prefetch" in purpose.lower():
        return PREFETCH
    if is_crawler(user_agent):
        return CRAWLER
    return None
