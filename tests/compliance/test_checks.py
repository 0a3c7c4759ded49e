"""The answers a compliance self-check asks of this app."""

import datetime

import time_machine

from cong.compliance.checks import (
    measurement_tag_set,
    nginx_listens_on_ipv6,
    planned_stops_announced,
)
from cong.compliance.models import MaintenanceWindow, MeasurementSettings
from tests.compliance.test_maintenance import at


def test_measurement_tag_set(site):
    assert not measurement_tag_set(site)
    setting = MeasurementSettings.for_site(site)
    setting.tag_script_url = "https://emc.gov.vn/tag.js"
    setting.save()
    assert measurement_tag_set(site)


def make(site, created, start, force_majeure=False):
    window = MaintenanceWindow.objects.create(
        site=site,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=8),
        reason="Nâng cấp",
        force_majeure=force_majeure,
    )
    MaintenanceWindow.objects.filter(pk=window.pk).update(created_at=created)
    return window


@time_machine.travel(at(2026, 12, 31, 9, 0), tick=False)
def test_planned_stops_announced_lists_the_late_ones_only(site):
    make(site, at(2026, 11, 30, 9, 0), at(2026, 12, 10, 22, 0))  # in time
    late = make(site, at(2026, 11, 30, 9, 0), at(2026, 12, 9, 22, 0))  # one day short
    make(site, at(2026, 12, 1, 9, 0), at(2026, 12, 1, 10, 0), force_majeure=True)
    make(site, at(2026, 12, 30, 9, 0), at(2027, 1, 5, 22, 0))  # not started yet
    assert planned_stops_announced(site) == [late]


def test_nginx_listens_on_ipv6():
    assert nginx_listens_on_ipv6("server {\n    listen 80;\n    listen [::]:80;\n}")
    assert nginx_listens_on_ipv6("    listen [::]:443 ssl;")
    assert not nginx_listens_on_ipv6("    listen 80;\n    # listen [::]:80;\n")
