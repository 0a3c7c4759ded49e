"""Answers for a compliance self-check ("Mức độ đáp ứng quy định"): small, side-effect free."""

import re

from django.utils import timezone
from wagtail.models import Site

from cong.compliance.models import MaintenanceWindow, MeasurementSettings, earliest_planned_start


def measurement_tag_set(site: Site) -> bool:
    """Art. 12: the national measurement platform's tag is set for `site`."""
    return bool(MeasurementSettings.for_site(site).tag_script_url)


def planned_stops_announced(site: Site) -> list[MaintenanceWindow]:
    """Art. 13: the site's past planned stops (not force majeure) saved less than 7 working
    days before they started; an empty list means every one was announced in time."""
    late = []
    windows = MaintenanceWindow.objects.filter(
        site=site, force_majeure=False, starts_at__lte=timezone.now()
    )
    for window in windows:
        announced = timezone.localtime(window.created_at).date()
        if timezone.localtime(window.starts_at).date() < earliest_planned_start(announced):
            late.append(window)
    return late


_LISTEN_V6 = re.compile(r"^\s*listen\s+\[[0-9a-fA-F:]*\](:\d+)?[\s;]", re.MULTILINE)


def nginx_listens_on_ipv6(conf_text: str) -> bool:
    """Art. 11(4): an nginx configuration has an IPv6 `listen` (e.g. `listen [::]:443 ssl;`)."""
    return bool(_LISTEN_V6.search(conf_text))
