"""Planned stops (ND 224/2026 Art. 13): 7 working days' notice, the banner from the notice
until the end, the 503 page during the stop (the command's flag, Django's answer)."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.management import call_command

from cong.compliance.models import MaintenanceWindow, earliest_planned_start
from tests.compliance.conftest import HOST, OTHER_HOST

VN = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")


def at(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=VN)


def window(site, start, end, **extra) -> MaintenanceWindow:
    return MaintenanceWindow(
        site=site, starts_at=start, ends_at=end, reason="Nâng cấp máy chủ", **extra
    )


# Friday 24/4/2026: Monday 27/4 (Giỗ Tổ, in lieu), 30/4 and 1/5 are public holidays, so the
# 7 working days of notice are 28, 29/4 and 4 to 8/5: the stop may start on 9/5 at the
# earliest (without the holidays it would be 5/5).
NOTICE_DAY = at(2026, 4, 24, 9, 0)


@time_machine.travel(NOTICE_DAY, tick=False)
def test_seven_working_days_notice_skips_weekends_and_public_holidays(site):
    assert earliest_planned_start(datetime.date(2026, 4, 24)) == datetime.date(2026, 5, 9)
    too_soon = window(site, at(2026, 5, 6, 22, 0), at(2026, 5, 7, 6, 0))
    with pytest.raises(ValidationError) as caught:
        too_soon.full_clean()
    message = caught.value.message_dict["starts_at"][0]
    assert "ít nhất 7 ngày làm việc" in message and "09/05/2026" in message
    window(site, at(2026, 5, 9, 22, 0), at(2026, 5, 10, 6, 0)).full_clean()


@time_machine.travel(at(2026, 11, 30, 9, 0), tick=False)
def test_an_ordinary_week_needs_the_stop_on_the_eighth_working_day_after(site):
    window(site, at(2026, 12, 10, 22, 0), at(2026, 12, 11, 6, 0)).full_clean()
    with pytest.raises(ValidationError):
        window(site, at(2026, 12, 9, 22, 0), at(2026, 12, 10, 6, 0)).full_clean()


@time_machine.travel(NOTICE_DAY, tick=False)
def test_force_majeure_needs_no_notice_but_an_end_after_the_start(site):
    window(site, at(2026, 4, 24, 10, 0), at(2026, 4, 24, 12, 0), force_majeure=True).full_clean()
    backwards = window(site, at(2026, 4, 24, 12, 0), at(2026, 4, 24, 10, 0), force_majeure=True)
    with pytest.raises(ValidationError) as caught:
        backwards.full_clean()
    assert "phải sau thời điểm bắt đầu" in caught.value.message_dict["ends_at"][0]


def test_editing_the_reason_of_an_announced_window_is_not_refused_later(site):
    with time_machine.travel(NOTICE_DAY, tick=False):
        announced = window(site, at(2026, 5, 9, 22, 0), at(2026, 5, 10, 6, 0))
        announced.full_clean()
        announced.save()
    with time_machine.travel(at(2026, 5, 8, 9, 0), tick=False):
        announced.reason = "Nâng cấp máy chủ và cơ sở dữ liệu"
        announced.full_clean()  # the start did not move: the notice given still counts
        announced.starts_at = at(2026, 5, 9, 20, 0)
        with pytest.raises(ValidationError):
            announced.full_clean()


def banner(client, host=HOST) -> str:
    html = client.get("/", HTTP_HOST=host).content.decode()
    return html.split('class="maintenance-banner"', 1)[1] if "maintenance-banner" in html else ""


def test_the_banner_shows_from_the_notice_until_the_end_then_disappears(
    client, site, other_site, commit
):
    with time_machine.travel(NOTICE_DAY, tick=False):
        with commit(execute=True):
            window(site, at(2026, 5, 9, 22, 0), at(2026, 5, 10, 6, 0)).save()
        text = banner(client)
        assert (
            "Thông báo tạm dừng hoạt động: từ 22:00 ngày 09/05/2026 đến dự kiến "
            "06:00 ngày 10/05/2026."
        ) in text
        assert "Lý do: Nâng cấp máy chủ" in text
        assert banner(client, OTHER_HOST) == ""  # another agency's site
    with time_machine.travel(at(2026, 5, 9, 23, 0), tick=False):
        assert "22:00 ngày 09/05/2026" in banner(client)  # during (if Django answers)
    with time_machine.travel(at(2026, 5, 10, 6, 0), tick=False):
        assert banner(client) == ""


def test_a_force_majeure_banner_says_so(client, site, commit):
    with time_machine.travel(NOTICE_DAY, tick=False):
        with commit(execute=True):
            window(site, at(2026, 4, 24, 10, 0), at(2026, 4, 24, 12, 0), force_majeure=True).save()
        assert "do sự cố bất khả kháng: từ 10:00 ngày 24/04/2026" in banner(client)


def cached_home(var):
    return var / "pagecache" / HOST / "index.html"


def test_saving_a_window_and_its_end_purge_the_cached_pages(client, site, commit, var):
    with time_machine.travel(NOTICE_DAY, tick=False):
        client.get("/")
        assert cached_home(var).exists()
        with commit(execute=True):
            window(site, at(2026, 5, 9, 22, 0), at(2026, 5, 10, 6, 0)).save()
        assert not cached_home(var).exists()  # the next copy carries the banner
        client.get("/")
        assert "maintenance-banner" in cached_home(var).read_text()
        call_command("maintenance", "sync")
        assert cached_home(var).exists()  # not ended: nothing purged
    with time_machine.travel(at(2026, 5, 10, 6, 1), tick=False):
        call_command("maintenance", "sync")
        assert not cached_home(var).exists()
        client.get("/")
        assert "maintenance-banner" not in cached_home(var).read_text()
        call_command("maintenance", "sync")  # purged once only
        assert cached_home(var).exists()


def test_maintenance_on_writes_the_page_then_the_flag_and_django_answers_503(
    client, admin_client, site, var
):
    with time_machine.travel(NOTICE_DAY, tick=False):
        window(site, at(2026, 5, 9, 22, 0), at(2026, 5, 10, 6, 0)).save()
    with time_machine.travel(at(2026, 5, 9, 22, 0), tick=False):
        call_command("maintenance", "on")
        flag = var / "maintenance" / "maintenance.on"
        page = (var / "maintenance" / "maintenance.html").read_text()
        assert flag.exists()
        assert datetime.datetime.fromisoformat(flag.read_text()) == at(2026, 5, 10, 6, 0)
        assert '<html lang="vi">' in page and "Website tạm dừng hoạt động" in page
        assert "đến dự kiến 06:00 ngày 10/05/2026" in page and "Nâng cấp máy chủ" in page

        response = client.get("/")
        assert response.status_code == 503
        assert response["Retry-After"] == str(8 * 3600)
        assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
        assert "06:00 ngày 10/05/2026" in response.content.decode()
        assert client.post("/danh-gia/").status_code == 503
        assert not cached_home(var).exists()
        # The admin stays reachable for administrators.
        assert admin_client.get("/admin/").status_code == 200

        call_command("maintenance", "off")
        assert not flag.exists()
        assert client.get("/").status_code == 200


def test_maintenance_until_overrides_the_end_and_works_without_a_window(client, site, var):
    with time_machine.travel(at(2026, 5, 9, 22, 0), tick=False):
        call_command("maintenance", "on", "--until", "2026-05-09 23:30")
        response = client.get("/")
        assert response.status_code == 503
        assert response["Retry-After"] == "5400"
        assert "23:30 ngày 09/05/2026" in response.content.decode()
    with time_machine.travel(at(2026, 5, 10, 0, 0), tick=False):
        # Past the announced end and still on: come back in an hour.
        assert client.get("/")["Retry-After"] == "3600"
    call_command("maintenance", "off")
