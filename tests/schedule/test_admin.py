"""Editing weeks in the admin: a new week pre-filled with a morning row per working day (empty
rows dropped), title and slug derived, chairs limited to the site's leaders, "Sao chép tuần
trước"."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from cong.schedule.models import ScheduleWeekPage
from tests.schedule.conftest import MONDAY, row, week_post


@pytest.fixture
def editor(client, db):
    user = get_user_model().objects.create_superuser("editor", "e@example.vn", "pw-12345678")
    client.force_login(user)
    return user


def add_url(schedule) -> str:
    return reverse("wagtailadmin_pages:add", args=("schedule", "scheduleweekpage", schedule.pk))


def test_the_new_week_form_is_prefilled(client, editor, schedule, week):
    form = client.get(add_url(schedule)).context["form"]
    assert form.initial["week_start"] == MONDAY + datetime.timedelta(days=7)
    forms = form.formsets["entries"].forms
    assert [f.initial["date"].day for f in forms] == [30, 1, 2, 3, 4]


def test_a_new_week_keeps_filled_rows_and_gets_its_title(client, editor, schedule, director, site):
    from cong.agency.models import Leader
    from tests.schedule.conftest import other_site_index

    other_site, _ = other_site_index()
    stranger = Leader.objects.create(site=other_site, full_name="Lê Văn C", position="Giám đốc")
    response = client.get(add_url(schedule))
    chairs = set(response.context["form"].formsets["entries"].forms[0].fields["chair"].queryset)
    assert director in chairs and stranger not in chairs
    html = response.content.decode()  # a plain list of this site's leaders, no chooser
    assert f'<option value="{director.pk}">' in html and stranger.full_name not in html

    rows = [
        {
            "date": "2026-11-23",
            "content": "Giao ban",
            "chair": str(director.pk),
            "start_time": "08:00",
        },
        {"date": "2026-11-24"},  # left empty: dropped
        {"date": "2026-11-25", "session": "chieu", "content": "Tiếp công dân"},
    ]
    data = week_post(rows, week_start="2026-11-23", title="", slug="", note="")
    response = client.post(add_url(schedule), data)
    assert response.status_code == 302, response.context["form"].errors
    week = ScheduleWeekPage.objects.get()
    assert week.title == "Lịch công tác tuần 48 (23/11 – 29/11/2026)"
    assert week.slug == "2026-tuan-48"
    draft = week.get_latest_revision_as_object()
    assert sorted(e.content for e in draft.entries.all()) == ["Giao ban", "Tiếp công dân"]

    # A second week on the same Monday is refused, a row outside the week too.
    response = client.post(add_url(schedule), data)
    assert response.status_code == 200
    assert "Tuần này đã có lịch công tác." in str(response.context["form"].errors)
    data.update(week_start="2026-11-30", **row(0, date="2026-11-23", content="Giao ban"))
    response = client.post(add_url(schedule), data)
    assert response.status_code == 200
    errors = [f.errors for f in response.context["form"].formsets["entries"].forms]
    assert "Ngày này không thuộc tuần của lịch." in str(errors)


def test_copy_last_week_from_the_admin(client, editor, schedule, week):
    url = reverse("schedule_copy_week", args=[schedule.pk])
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[week.pk])).content.decode()
    assert url in edit and "Sao chép tuần trước" in edit
    assert "3 dòng" in client.get(url).content.decode()
    response = client.post(url)
    copy = ScheduleWeekPage.objects.get(week_start=MONDAY + datetime.timedelta(days=7))
    assert response.status_code == 302 and response.url == reverse(
        "wagtailadmin_pages:edit", args=[copy.pk]
    )
    assert not copy.live and copy.entries.count() == 3


def test_a_writer_without_page_rights_cannot_copy(client, schedule, week):
    user = get_user_model().objects.create_user("nobody", "n@example.vn", "pw-12345678")
    from django.contrib.auth.models import Permission

    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    response = client.post(reverse("schedule_copy_week", args=[schedule.pk]))
    assert response.status_code in (302, 403)
    assert not ScheduleWeekPage.objects.filter(week_start=MONDAY + datetime.timedelta(days=7))


def test_the_preview_of_a_draft_shows_its_rows(client, editor, week):
    draft = week.get_latest_revision_as_object()
    rows = list(draft.entries.all())
    rows[0].content = "Giao ban đã dời sang chiều"
    draft.entries = rows
    draft.save_revision()
    url = reverse("wagtailadmin_pages:revisions_view", args=[week.pk, week.latest_revision_id])
    html = client.get(url).content.decode()
    assert "Giao ban đã dời sang chiều" in html
    assert "Giao ban đã dời sang chiều" not in client.get(week.url).content.decode()


def day_buttons(html: str) -> list[tuple[str, str]]:
    """The "Thêm dòng <day>" buttons of an edit form: (date value, label)."""
    import re

    pattern = r'data-schedule-day="\d" data-weekday="[^"]+" data-date="([^"]*)">([^<]+)</button>'
    return re.findall(pattern, html)


def test_the_week_form_has_an_add_button_per_day_and_its_media(client, editor, schedule, week):
    html = client.get(reverse("wagtailadmin_pages:edit", args=[week.pk])).content.decode()
    assert day_buttons(html) == [
        ("2026-11-23", "Thêm dòng Thứ Hai 23/11"),
        ("2026-11-24", "Thêm dòng Thứ Ba 24/11"),
        ("2026-11-25", "Thêm dòng Thứ Tư 25/11"),
        ("2026-11-26", "Thêm dòng Thứ Năm 26/11"),
        ("2026-11-27", "Thêm dòng Thứ Sáu 27/11"),
        ("2026-11-28", "Thêm dòng Thứ Bảy 28/11"),
        ("2026-11-29", "Thêm dòng Chủ nhật 29/11"),
    ]
    # Next to the InlinePanel's own add button, with what the script needs to follow the
    # week's start; the style sheet and script are the panel's media.
    assert 'id="id_entries-ADD"' in html and 'data-formset-prefix="id_entries"' in html
    assert 'data-week-field="id_week_start"' in html and 'data-session="sang"' in html
    assert 'data-label="Thêm dòng {weekday} {date}"' in html
    assert "css/admin-schedule-rows.css" in html and "js/admin-schedule-rows.js" in html
    assert "congInlinePanel" in html

    # A new week's form: the days of the Monday it is pre-filled with.
    html = client.get(add_url(schedule)).content.decode()
    assert day_buttons(html)[0] == ("2026-11-30", "Thêm dòng Thứ Hai 30/11")
    assert day_buttons(html)[6] == ("2026-12-06", "Thêm dòng Chủ nhật 06/12")


def test_the_assets_load_on_the_week_editor_only(client, editor, home):
    html = client.get(reverse("wagtailadmin_pages:edit", args=[home.pk])).content.decode()
    assert "admin-schedule-rows" not in html and "data-schedule-rows" not in html
