"""A schedule week's metadata: its WebPage node and a schema.org Event for each row
(cong.core.metadata). Works on the page object only, so the models need not import it
back at module level."""

import datetime
from typing import Any

from django.utils import timezone

from cong.core.metadata import Metadata, iso, organisation_ld, short, site_identity


def entry_start(entry: Any) -> datetime.date | datetime.datetime:
    """The row's start: its day and time (local time), or the day alone without a time."""
    if entry.start_time is None:
        return entry.date
    moment = datetime.datetime.combine(entry.date, entry.start_time)
    return timezone.make_aware(moment, timezone.get_current_timezone())


def entry_event(entry: Any, organiser: dict[str, Any], url: str) -> dict[str, Any]:
    """One row as a schema.org Event: what, when, where, who chairs it."""
    event: dict[str, Any] = {
        "@type": "Event",
        "name": short(entry.content, 200) or entry.chair_name or str(entry.date),
        "startDate": iso(entry_start(entry)),
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "organizer": organiser,
        "url": url,
        "inLanguage": "vi",
    }
    if entry.location:
        event["location"] = {"@type": "Place", "name": entry.location}
    if entry.participants:
        event["description"] = short(entry.participants)
    if entry.chair_id and entry.chair is not None:
        event["performer"] = {
            "@type": "Person",
            "name": entry.chair.full_name,
            "jobTitle": entry.chair.position,
        }
    elif entry.chair_text:
        event["performer"] = {"@type": "Person", "name": entry.chair_text}
    return event


def week_metadata(page: Any, meta: Metadata, site: Any) -> Metadata:
    """Add an Event per non-blank row of the week `page` to its `meta`."""
    organiser = organisation_ld(site_identity(site))
    parent = page.get_parent()
    meta.subject = parent.title if parent else ""
    rows = [entry for entry in page.entries.select_related("chair") if not entry.is_blank()]
    meta.jsonld += [entry_event(entry, organiser, meta.url) for entry in rows]
    return meta
