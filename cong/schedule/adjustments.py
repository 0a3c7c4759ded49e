"""The "Điều chỉnh" mark: a row changed or added after the week was first published.

The database rows of a week are its live version (a draft lives only in its revision), so
when a week that has been published before is saved in full (which Wagtail does only when
publishing a revision) the rows about to be written are compared with the rows in the
database. A row whose public fields (`ScheduleEntry.key`) differ, or which is new, gets
`adjusted_at = now`; an unchanged row keeps the mark it had. The earlier version stays in
the page's revision history.
"""

from typing import Any

from django.utils import timezone


def mark_adjusted(week: Any) -> None:
    """Set `adjusted_at` on `week`'s rows (in memory, before they are saved)."""
    published_before = (
        week.pk is not None
        and type(week).objects.filter(pk=week.pk, first_published_at__isnull=False).exists()
    )
    if not published_before:
        return
    live = {entry.pk: entry for entry in week.entries.model.objects.filter(page_id=week.pk)}
    unmatched = dict(live)
    now = timezone.now()
    entries = list(week.entries.all())
    # First the rows that kept their id, then new rows identical to a live one (an import
    # that replaced every row must not mark the unchanged ones).
    for entry in entries:
        before = live.get(entry.pk) if entry.pk else None
        if before is not None:
            unmatched.pop(entry.pk, None)
            entry.adjusted_at = before.adjusted_at if before.key() == entry.key() else now
    for entry in entries:
        if entry.pk and entry.pk in live:
            continue
        same = next((e for e in unmatched.values() if e.key() == entry.key()), None)
        if same is not None:
            unmatched.pop(same.pk)
        entry.adjusted_at = same.adjusted_at if same is not None else now
