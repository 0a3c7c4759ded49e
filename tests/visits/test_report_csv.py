"""The visits CSV goes through the spreadsheet formula guard (cong.core.exports.safe_cell)."""

import datetime

from django.utils import timezone

from cong.core.clients import local_day
from cong.core.exports import safe_cell
from cong.visits.models import DailyStats

URL = "/admin/thong-ke-truy-cap/csv/"


def test_every_cell_of_the_visits_csv_goes_through_the_formula_guard(
    admin_client, site, monkeypatch
):
    today = local_day(timezone.now())
    DailyStats.objects.create(site=site, day=today, visits=12, pageviews=40)
    seen = []

    def spy(value):
        seen.append(value)
        return safe_cell(value)

    monkeypatch.setattr("cong.visits.admin_views.safe_cell", spy)
    lines = admin_client.get(URL, {"period": "30"}).content.decode("utf-8-sig").splitlines()
    assert len(seen) == 3 * len(lines) == 3 * 31
    assert f"{today:%d/%m/%Y}" in seen and 12 in seen and 40 in seen


def test_a_header_that_looks_like_a_formula_is_exported_as_text(admin_client, site, monkeypatch):
    monkeypatch.setattr(
        "cong.visits.admin_views.gettext", lambda text: "=1+1" if text == "Ngày" else text
    )
    DailyStats.objects.create(
        site=site, day=local_day(timezone.now()) - datetime.timedelta(days=1), visits=1, pageviews=2
    )
    first = admin_client.get(URL).content.decode("utf-8-sig").splitlines()[0]
    assert first.startswith("'=1+1,")
