"""Polite HTTP for crawling an old site: a rate limit, robots.txt, retries with back-off.

An agency's old portal often runs on one small, slow server that is still serving the
public while it is copied; the crawler must not be what takes it down.
"""

import os
import time
import urllib.robotparser
from dataclasses import dataclass
from urllib.parse import urljoin, urlparse

import requests
from django.utils.translation import gettext as _

USER_AGENT = "Cong-SiteImport/1.0 (+https://github.com/; chuyen website cu)"
RETRY_STATUSES = {429, 500, 502, 503, 504}


class FetchError(Exception):
    """An address that could not be fetched; `reason` is Vietnamese for the report."""

    def __init__(self, url: str, reason: str) -> None:
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason


@dataclass
class Response:
    url: str
    status: int
    content: bytes
    content_type: str
    charset: str | None
    filename: str = ""  # from Content-Disposition (DNN's LinkClick.aspx names its file so)


class Fetcher:
    """GETs with a minimum interval between page requests (`rate` per second; 0: none),
    robots.txt honoured per host, and up to `retries` retries on timeouts, connection errors
    and 429/5xx, waiting `backoff`, 2×`backoff`, 4×`backoff`… seconds."""

    def __init__(
        self,
        rate: float = 2.0,
        timeout: float = 20.0,
        retries: int = 3,
        backoff: float = 1.0,
        robots: bool = True,
        max_bytes: int = 50 * 1024 * 1024,
    ) -> None:
        self.interval = 1.0 / rate if rate > 0 else 0.0
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self.robots = robots
        self.max_bytes = max_bytes
        self.session = requests.Session()
        self.session.headers["User-Agent"] = USER_AGENT
        self._last = 0.0
        self._robots: dict[str, urllib.robotparser.RobotFileParser | None] = {}
        self.bytes = 0

    def allowed(self, url: str) -> bool:
        """Whether robots.txt lets us fetch `url` (no robots.txt: yes)."""
        if not self.robots:
            return True
        parts = urlparse(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in self._robots:
            parser: urllib.robotparser.RobotFileParser | None = None
            try:
                answer = self.session.get(urljoin(origin, "/robots.txt"), timeout=self.timeout)
                if answer.status_code == 200:
                    parser = urllib.robotparser.RobotFileParser()
                    parser.parse(answer.text.splitlines())
            except requests.RequestException:
                parser = None
            self._robots[origin] = parser
        parser = self._robots[origin]
        return parser is None or parser.can_fetch(USER_AGENT, url)

    def _wait(self) -> None:
        if self.interval:
            pause = self._last + self.interval - time.monotonic()
            if pause > 0:
                time.sleep(pause)
            self._last = time.monotonic()

    def get(self, url: str, *, page: bool = True) -> Response:
        """Fetch `url`; raise FetchError with the reason (robots, status, timeout…)."""
        if not self.allowed(url):
            raise FetchError(url, _("robots.txt không cho phép tải"))
        attempt = 0
        while True:
            if page:
                self._wait()
            try:
                answer = self.session.get(url, timeout=self.timeout)
                content = answer.content
            except requests.Timeout:
                reason = _("quá thời gian chờ (%(seconds)s giây)") % {
                    "seconds": f"{self.timeout:g}"
                }
            except requests.RequestException as exc:
                reason = _("lỗi kết nối (%(error)s)") % {"error": exc.__class__.__name__}
            else:
                if answer.status_code == 200:
                    if len(content) > self.max_bytes:
                        raise FetchError(url, _("tệp quá lớn"))
                    self.bytes += len(content)
                    content_type = answer.headers.get("Content-Type", "")
                    charset = requests.utils.get_encoding_from_headers(answer.headers)
                    if "charset" not in content_type.lower():
                        charset = None  # requests' ISO-8859-1 default for text/* is a guess
                    filename = _disposition_name(answer.headers.get("Content-Disposition", ""))
                    return Response(url, 200, content, content_type, charset, filename)
                reason = _("máy chủ trả lời %(status)d") % {"status": answer.status_code}
                if answer.status_code not in RETRY_STATUSES:
                    raise FetchError(url, reason)
            if attempt >= self.retries:
                raise FetchError(url, reason)
            time.sleep(self.backoff * 2**attempt)
            attempt += 1


def _disposition_name(header: str) -> str:
    """The file name a Content-Disposition header gives (RFC 6266 `filename*` first).

    >>> _disposition_name("attachment; filename*=UTF-8''Quy%E1%BA%BFt%20%C4%91%E1%BB%8Bnh.pdf")
    'Quyết định.pdf'
    >>> _disposition_name('attachment; filename="Ke-hoach.docx"')
    'Ke-hoach.docx'
    """
    from email.message import Message

    if not header:
        return ""
    message = Message()
    message["Content-Disposition"] = header
    name = message.get_filename() or ""
    return os.path.basename(name.replace("\\", "/")).strip()
