"""Which backups to keep: the newest of each of the last N days, weeks and months.

Backups are recognised by their name (`cong-backup-YYYYmmdd-HHMMSS.tar.gz`, local time), so
a copied or touched file keeps its place; anything else in the folder is left alone.
"""

from datetime import datetime
from pathlib import Path

from cong.ops.archive import ARCHIVE_PREFIX, ARCHIVE_SUFFIX, STAMP


def backups_in(folder: Path) -> dict[datetime, Path]:
    """The backups in `folder`, by the time in their name."""
    found = {}
    for path in folder.glob(f"{ARCHIVE_PREFIX}*{ARCHIVE_SUFFIX}"):
        stamp = path.name[len(ARCHIVE_PREFIX) : -len(ARCHIVE_SUFFIX)]
        try:
            found[datetime.strptime(stamp, STAMP)] = path
        except ValueError:
            continue
    return found


def to_keep(moments, daily: int, weekly: int, monthly: int) -> set[datetime]:
    """The moments to keep: for each period kind, the newest backup of each of the most
    recent `count` periods that have one. The newest backup is always kept.

    >>> days = [datetime(2025, 1, d, h) for d in range(1, 32) for h in (2, 14)]
    >>> kept = sorted(to_keep(days, daily=2, weekly=2, monthly=0))
    >>> [m.strftime("%d %H") for m in kept]
    ['26 14', '30 14', '31 14']
    """
    newest_first = sorted(moments, reverse=True)
    periods = (
        (daily, lambda m: m.date()),
        (weekly, lambda m: m.isocalendar()[:2]),
        (monthly, lambda m: (m.year, m.month)),
    )
    keep = set(newest_first[:1])
    for count, period in periods:
        seen = set()
        for moment in newest_first:
            key = period(moment)
            if key in seen:
                continue
            if len(seen) == count:
                break
            seen.add(key)
            keep.add(moment)
    return keep


def rotate(folder: Path, daily: int, weekly: int, monthly: int) -> list[Path]:
    """Delete the backups in `folder` that `to_keep` does not keep; return them."""
    backups = backups_in(folder)
    keep = to_keep(backups, daily, weekly, monthly)
    deleted = [backups[moment] for moment in sorted(backups) if moment not in keep]
    for path in deleted:
        path.unlink(missing_ok=True)
    return deleted
