"""The admin screens: planned stops (who announced them, the notice rule's message) and the
measurement setting's origin check, in Vietnamese."""

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.urls import reverse

from cong.compliance.models import MaintenanceWindow, MeasurementSettings
from tests.compliance.test_maintenance import at


@pytest.fixture
def admin_client(client, site):
    user = get_user_model().objects.create_superuser("quantri", password="x")
    client.force_login(user)
    client.user = user
    return client


def form(site, start, end, **extra):
    return {"site": site.pk, "starts_at": start, "ends_at": end, "reason": "Nâng cấp", **extra}


@time_machine.travel(at(2026, 11, 30, 9, 0), tick=False)
def test_a_planned_stop_is_announced_from_the_admin_with_its_author(admin_client, site):
    url = reverse("wagtailsnippets_compliance_maintenancewindow:add")
    page = admin_client.get(url).content.decode()
    assert "Sự cố bất khả kháng" in page and "Dự kiến hoạt động trở lại" in page

    refused = admin_client.post(url, form(site, "2026-12-09 22:00", "2026-12-10 06:00"))
    assert "ít nhất 7 ngày làm việc" in refused.content.decode()
    assert not MaintenanceWindow.objects.exists()

    admin_client.post(url, form(site, "2026-12-10 22:00", "2026-12-11 06:00"))
    saved = MaintenanceWindow.objects.get()
    assert saved.created_by == admin_client.user
    assert saved.starts_at == at(2026, 12, 10, 22, 0)
    listing = admin_client.get(reverse("wagtailsnippets_compliance_maintenancewindow:list"))
    assert "Nâng cấp" in listing.content.decode()


def test_the_setting_form_refuses_an_http_origin_in_vietnamese(admin_client, site):
    url = reverse("wagtailsettings:edit", args=["compliance", "measurementsettings", site.pk])
    assert "Nguồn được phép" in admin_client.get(url).content.decode()
    response = admin_client.post(
        url, {"allowed_origins": "http://cdn.thanhhoa.gov.vn", "badge_html": ""}
    )
    assert "chỉ chấp nhận nguồn https://" in response.content.decode()
    assert MeasurementSettings.for_site(site).allowed_origins == ""
