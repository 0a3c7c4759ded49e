"""A week goes through the editorial workflow like any page: the Phóng viên submits it from
the edit form, the Biên tập viên and then the Lãnh đạo duyệt approve it, and only then is it
public; a row changed in a later round through the same steps is marked "Điều chỉnh"."""

from wagtail.models import WorkflowState

from cong.editorial.roles import BIEN_TAP_VIEN, LANH_DAO_DUYET, PHONG_VIEN
from cong.schedule.models import ScheduleEntry, ScheduleIndexPage, ScheduleWeekPage
from tests.editorial.conftest import login, make_user, users  # noqa: F401 (fixtures)
from tests.editorial.test_workflow import act, current_step
from tests.schedule.conftest import MONDAY, WEDNESDAY_NOON, add_week, week_post


def week_form(week: ScheduleWeekPage, rows: list[dict], **extra) -> dict:
    """What the week's edit form posts: the week, its rows, and the action."""
    return week_post(
        rows,
        week_start=week.week_start.isoformat(),
        title=week.title,
        slug=week.slug,
        note="",
        search_description="",
        **extra,
    )


def submit(client, week: ScheduleWeekPage, rows: list[dict]) -> None:
    response = client.post(
        f"/admin/pages/{week.pk}/edit/", week_form(week, rows, **{"action-submit": "1"})
    )
    assert response.status_code == 302, response.context and response.context["form"].errors


def approve_both_steps(login, users, week: ScheduleWeekPage) -> None:  # noqa: F811
    week.refresh_from_db()
    assert current_step(week) == "Biên tập"
    act(login(users[BIEN_TAP_VIEN]), week, "approve")
    week.refresh_from_db()
    assert current_step(week) == "Duyệt"
    act(login(users[LANH_DAO_DUYET]), week, "approve")
    week.refresh_from_db()
    assert week.workflow_states.order_by("-pk").first().status == WorkflowState.STATUS_APPROVED


def test_a_week_is_submitted_approved_twice_then_published_and_later_adjusted(
    client,
    login,  # noqa: F811
    users,  # noqa: F811
    home,
    time_machine,
):
    schedule = ScheduleIndexPage(title="Lịch công tác", slug="lich-cong-tac")
    home.add_child(instance=schedule)
    schedule.save_revision().publish()
    week = add_week(schedule, MONDAY, [], publish=False)
    week.owner = users[PHONG_VIEN]
    week.save()

    rows = [
        {"date": "2026-11-23", "start_time": "08:00", "content": "Giao ban lãnh đạo Sở"},
        {"date": "2026-11-25", "session": "chieu", "content": "Tiếp công dân định kỳ"},
    ]
    submit(login(users[PHONG_VIEN]), week, rows)
    week.refresh_from_db()
    assert current_step(week) == "Biên tập" and not week.live
    assert client.get("/lich-cong-tac/2026-tuan-48/").status_code == 404

    approve_both_steps(login, users, week)
    assert week.live
    live = {e.content: e for e in ScheduleEntry.objects.filter(page=week)}
    assert set(live) == {"Giao ban lãnh đạo Sở", "Tiếp công dân định kỳ"}
    assert all(e.adjusted_at is None for e in live.values())  # first publication
    first_revision = week.live_revision

    # A change after publication goes through the same two steps, then shows "Điều chỉnh".
    time_machine.move_to(WEDNESDAY_NOON, tick=False)
    changed = [
        {**rows[0], "id": str(live["Giao ban lãnh đạo Sở"].pk)},
        {
            **rows[1],
            "id": str(live["Tiếp công dân định kỳ"].pk),
            "location": "Phòng tiếp công dân tầng 1",
        },
    ]
    submit(login(users[PHONG_VIEN]), week, changed)
    # Until the leader approves, the public sees the published rows.
    pending = ScheduleEntry.objects.get(page=week, content="Tiếp công dân định kỳ")
    assert pending.location == "" and pending.adjusted_at is None

    approve_both_steps(login, users, week)
    live = {e.content: e for e in ScheduleEntry.objects.filter(page=week)}
    assert live["Tiếp công dân định kỳ"].location == "Phòng tiếp công dân tầng 1"
    assert live["Tiếp công dân định kỳ"].adjusted_at == WEDNESDAY_NOON
    assert live["Giao ban lãnh đạo Sở"].adjusted_at is None
    # The version published first stays in the history, without the new place.
    assert week.live_revision_id != first_revision.pk
    old = {e.content: e.location for e in first_revision.as_object().entries.all()}
    assert old["Tiếp công dân định kỳ"] == ""
    assert "Điều chỉnh lúc" in client.get(week.url).content.decode()
