"""What every visit store does, and the values that cross its interface."""

import datetime
from dataclasses import dataclass
from typing import Protocol

VISIT_GAP = datetime.timedelta(minutes=30)


@dataclass(frozen=True)
class Hit:
    """One page view to count."""

    site_id: int
    visitor: str
    path: str
    page_id: int | None
    at: datetime.datetime
    day: datetime.date
    # The client address's daily keyed hash (cong.visits.counting.address_key); "" applies
    # no per-address cap.
    address: str = ""


@dataclass(frozen=True)
class Drop:
    """A beacon not counted, and why (a cong.visits.filters reason)."""

    site_id: int
    day: datetime.date
    reason: str


@dataclass(frozen=True)
class LogPosition:
    """A place in nginx's beacon log: the file (its inode) and the byte after the last line
    counted."""

    inode: int
    offset: int


@dataclass(frozen=True)
class AddressLimits:
    """What one address may add: new visitors a minute and a day, page views a minute."""

    new_per_minute: int
    new_per_day: int
    views_per_minute: int

    @classmethod
    def from_settings(cls) -> "AddressLimits":
        from django.conf import settings

        return cls(
            settings.CONG_VISITS_ADDRESS_NEW_PER_MINUTE,
            settings.CONG_VISITS_ADDRESS_NEW_PER_DAY,
            settings.CONG_VISITS_ADDRESS_VIEWS_PER_MINUTE,
        )


@dataclass(frozen=True)
class Summary:
    """The widget's figures; `total` and `today` count visits."""

    online: int
    today: int
    total: int
    pageviews_today: int
    pageviews_total: int


class VisitStore(Protocol):
    def record(self, hit: Hit) -> bool | None:
        """Count `hit`; True when it started a new visit, False when not, None when its
        address was over a cap (then counted as dropped, by reason). Durable once it returns."""

    def drop(self, site_id: int, day: datetime.date, reason: str) -> None:
        """Count a hit that was filtered out, by reason."""

    def summary(
        self, site_id: int, now: datetime.datetime, online_window: datetime.timedelta
    ) -> Summary:
        """Figures before the carried-over baseline is added."""

    def page_views(self, site_id: int, page_id: int) -> int:
        """All views ever of one page."""

    def apply_batch(self, verdicts: "list[Hit | Drop]", log: str, position: LogPosition) -> None:
        """Store a batch of judged beacons and the log position after them, all or nothing:
        a worker killed before it returns has stored neither, after it both."""

    def log_position(self, log: str) -> LogPosition | None:
        """Where counting of the log named `log` stopped (None: not started)."""

    def flush(self) -> int:
        """Move pending counters to SQL (a no-op for the database store); returns batches."""
