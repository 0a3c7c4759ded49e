"""'Lịch công tác hôm nay' on the editors' dashboard: today's rows of the live week."""

import datetime

from bs4 import BeautifulSoup
from django.contrib.auth.models import Group

from cong.editorial.roles import PHONG_VIEN
from tests.schedule.conftest import WEDNESDAY_NOON


def schedule_panel(client):
    response = client.get("/admin/")
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser").select_one("#schedule-today-section")


def writer(django_user_model):
    user = django_user_model.objects.create_user("phongvien", password="mat-khau-dai-1")
    user.groups.add(Group.objects.get(name=PHONG_VIEN))
    return user


def test_todays_rows_with_time_chair_and_place(client, week, django_user_model, time_machine):
    time_machine.move_to(WEDNESDAY_NOON, tick=False)
    client.force_login(writer(django_user_model))
    panel = schedule_panel(client)
    rows = [td.get_text(" ", strip=True) for td in panel.select("tbody td")]
    assert rows[:2] == [
        "Chiều – Họp thẩm định hồ sơ chuyển đổi số cấp xã",
        "Trần Thị Bình – Phó Giám đốc Sở · Hội trường A",
    ]
    assert len(panel.select("tbody tr")) == 1  # Monday's and Thursday's rows are not today's
    assert panel.select_one("td a")["href"] == f"/admin/pages/{week.pk}/edit/"


def test_a_day_without_meetings_says_so(client, week, django_user_model, time_machine):
    time_machine.move_to(WEDNESDAY_NOON + datetime.timedelta(days=2), tick=False)  # Friday
    client.force_login(writer(django_user_model))
    assert "Hôm nay không có lịch công tác." in schedule_panel(client).get_text()


def test_no_schedule_page_no_panel(client, home, django_user_model):
    client.force_login(writer(django_user_model))
    assert schedule_panel(client) is None
