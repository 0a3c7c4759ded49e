"""Planned stops (ND 224/2026 Art. 13): the banner before, the 503 page during.

Before: every public page shows a banner for each of its site's windows that has not ended
(`upcoming_windows`), from the moment the window is saved (the admin refuses one starting
sooner than 7 working days ahead unless it is force majeure). Saving or deleting a window
purges every cached page (`watch()`); once a window ends, `manage.py maintenance sync` (a
systemd timer, every minute) purges them again so no cached copy keeps the old banner.

During: `manage.py maintenance on` writes the static page (`maintenance.html`, from
templates/core/maintenance.html with the window's times) and then the flag file
(`maintenance.on`, holding the expected end) into `CONG_MAINTENANCE_DIR`. nginx answers
every public request with that page, 503 and Retry-After while the flag exists
(deploy/nginx/cong.conf); without nginx, `MaintenanceModeMiddleware` does the same. The admin
stays reachable. `maintenance off` removes the flag and purges the cached pages.
"""

import datetime
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.template import loader
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Site

from cong.core import pagecache, surrogate
from cong.core.cache import bump_content_version, content_version

FLAG = "maintenance.on"
PAGE = "maintenance.html"
# Retry-After when the flag names no end (or the end has passed): come back in an hour.
DEFAULT_RETRY_SECONDS = 3600
MIN_RETRY_SECONDS = 60
CACHE_TIMEOUT = 60 * 60


@dataclass(frozen=True)
class Notice:
    """What the banner needs of a window (kept in the cache, so no model instance)."""

    starts_at: datetime.datetime
    ends_at: datetime.datetime
    reason: str
    force_majeure: bool

    def text(self) -> str:
        values = {"start": moment_text(self.starts_at), "end": moment_text(self.ends_at)}
        if self.force_majeure:
            return (
                _(
                    "Thông báo tạm dừng hoạt động do sự cố bất khả kháng: từ %(start)s đến dự "
                    "kiến %(end)s."
                )
                % values
            )
        return _("Thông báo tạm dừng hoạt động: từ %(start)s đến dự kiến %(end)s.") % values


def moment_text(moment: datetime.datetime) -> str:
    """A moment as "22:00 ngày 10/12/2026", in the site's time zone."""
    local = timezone.localtime(moment)
    return _("%(time)s ngày %(date)s") % {
        "time": local.strftime("%H:%M"),
        "date": local.strftime("%d/%m/%Y"),
    }


def upcoming_windows(site: Site | None, now: datetime.datetime | None = None) -> list[Notice]:
    """`site`'s windows that have not ended, earliest first. The list is cached per content
    version (a saved window bumps it); the clock is applied on every call."""
    from cong.compliance.models import MaintenanceWindow

    if site is None:
        return []
    key = f"cong:maintenance:{site.pk}:{content_version()}"

    def find() -> list[Notice]:
        windows = MaintenanceWindow.objects.filter(site=site).not_ended().order_by("starts_at")
        return [Notice(w.starts_at, w.ends_at, w.reason, w.force_majeure) for w in windows]

    # With the surrogate keys of the windows (and their table): a saved window purges the
    # pages showing the banner, also those rendered from the cached list.
    notices = surrogate.cached(key, find, CACHE_TIMEOUT)
    now = now or timezone.now()
    return [notice for notice in notices if notice.ends_at > now]


def sync(now: datetime.datetime | None = None) -> int:
    """Purge the cached pages once for each window that has ended since; how many ended."""
    from cong.compliance.models import MaintenanceWindow

    ended = MaintenanceWindow.objects.filter(
        ends_at__lte=now or timezone.now(), banner_cleared=False
    )
    count = ended.update(banner_cleared=True)
    if count:
        bump_content_version()
        pagecache.purge_all()
    return count


# The flag and the static page.


def directory() -> Path:
    return Path(settings.CONG_MAINTENANCE_DIR)


def flag_path() -> Path:
    return directory() / FLAG


def is_on() -> bool:
    return flag_path().exists()


def flag_until() -> datetime.datetime | None:
    """The expected end written in the flag file, if any."""
    try:
        text = flag_path().read_text(encoding="utf-8").strip()
    except (FileNotFoundError, UnicodeDecodeError):
        return None
    try:
        moment = datetime.datetime.fromisoformat(text) if text else None
    except ValueError:
        return None
    if moment is not None and timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


def retry_after(now: datetime.datetime | None = None) -> int:
    """Seconds until the expected end (at least a minute), or an hour when none is known."""
    until = flag_until()
    if until is None:
        return DEFAULT_RETRY_SECONDS
    seconds = int((until - (now or timezone.now())).total_seconds())
    return seconds if seconds >= MIN_RETRY_SECONDS else DEFAULT_RETRY_SECONDS


def page_html(notice: Notice | None, until: datetime.datetime | None) -> str:
    """The maintenance page (templates/core/maintenance.html) saying when service returns."""
    if notice is not None:
        message = notice.text()
    elif until is not None:
        message = _(
            "Website tạm dừng hoạt động để bảo trì, dự kiến hoạt động trở lại lúc %(end)s."
        ) % {"end": moment_text(until)}
    else:
        message = _("Website tạm dừng hoạt động để bảo trì.")
    reason = notice.reason if notice else ""
    return loader.get_template("core/maintenance.html").render(
        {"planned": True, "message": message, "reason": reason}
    )


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
    os.chmod(tmp, 0o644)  # nginx reads it as another user
    os.replace(tmp, path)


def switch_on(notice: Notice | None, until: datetime.datetime | None) -> Path:
    """Write the page, then the flag (so nginx never finds a flag without its page)."""
    _write(directory() / PAGE, page_html(notice, until))
    _write(flag_path(), until.isoformat() if until else "")
    return flag_path()


def switch_off() -> bool:
    """Remove the flag and every cached page; whether the flag was there."""
    try:
        flag_path().unlink()
    except FileNotFoundError:
        return False
    finally:
        bump_content_version()
        pagecache.purge_all()
    return True


def current_page() -> str | None:
    """The static page written by `switch_on`, if any."""
    try:
        return (directory() / PAGE).read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
