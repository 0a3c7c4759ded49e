"""The editors' dashboard: each panel for the roles that may see it, with only their items."""

import datetime

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.utils import timezone

from cong.editorial.roles import BIEN_TAP_VIEN, LANH_DAO_DUYET, PHONG_VIEN, QUAN_TRI
from cong.visits.models import PageDailyStats
from tests.editorial.conftest import page_form
from tests.editorial.test_workflow import act
from tests.factories import ArticlePageFactory, CategoryPageFactory

NOW = datetime.datetime(2026, 11, 30, 9, 0, tzinfo=datetime.UTC)


def panels(client) -> dict[str, BeautifulSoup]:
    """The dashboard's panels by id, each with its heading and rows."""
    response = client.get("/admin/")
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return {
        section["id"].removesuffix("-section"): section
        for section in soup.select("section.w-panel--dashboard")
    }


def rows(panel) -> list[str]:
    return [row.select_one("td.title").get_text(strip=True) for row in panel.select("tbody tr")]


@pytest.fixture
def submitted(login, users, draft):
    client = login(users[PHONG_VIEN])
    response = client.post(
        f"/admin/pages/{draft.pk}/edit/", page_form(draft, **{"action-submit": "action-submit"})
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    return draft


def test_a_writer_sees_their_drafts_and_nothing_to_approve(login, users, draft, section):
    CategoryPageFactory(parent=section, title="Nháp của người khác", live=False)
    found = panels(login(users[PHONG_VIEN]))
    assert "Bản nháp của tôi (1)" in found["my-drafts"].get_text(" ", strip=True)
    assert rows(found["my-drafts"]) == ["Thông báo lịch tiếp công dân tháng 12"]
    assert found["my-drafts"].select_one("td.title a")["href"] == f"/admin/pages/{draft.pk}/edit/"
    for hidden in ("awaiting-approval", "most-read-week", "pending-questions"):
        assert hidden not in found


def test_a_published_page_is_no_draft_until_changed(login, users, draft):
    draft.get_latest_revision().publish()
    found = panels(login(users[PHONG_VIEN]))
    assert rows(found["my-drafts"]) == []
    assert "Bạn không có bản nháp nào" in found["my-drafts"].get_text()
    draft.refresh_from_db()
    draft.title = "Thông báo lịch tiếp công dân (sửa)"
    draft.save_revision(user=users[PHONG_VIEN])
    found = panels(login(users[PHONG_VIEN]))
    assert rows(found["my-drafts"]) == ["Thông báo lịch tiếp công dân (sửa)"]
    assert "Đã xuất bản, có thay đổi chưa xuất bản" in found["my-drafts"].get_text()


def test_the_editor_then_the_leader_find_the_submitted_page(login, users, submitted):
    editor = panels(login(users[BIEN_TAP_VIEN]))
    assert rows(editor["awaiting-approval"]) == [submitted.title]
    assert "Bước “Biên tập”, gửi bởi phongvien" in editor["awaiting-approval"].get_text()
    assert "Wagtail" not in editor["awaiting-approval"].get_text()
    assert "awaiting-review" not in editor  # Wagtail's own panel is replaced

    leader = panels(login(users[LANH_DAO_DUYET]))
    assert rows(leader["awaiting-approval"]) == []
    assert "Không có nội dung nào chờ bạn duyệt." in leader["awaiting-approval"].get_text()

    assert act(login(users[BIEN_TAP_VIEN]), submitted, "approve").status_code == 302
    assert rows(panels(login(users[BIEN_TAP_VIEN]))["awaiting-approval"]) == []
    leader = panels(login(users[LANH_DAO_DUYET]))
    assert rows(leader["awaiting-approval"]) == [submitted.title]
    assert "Bước “Duyệt”" in leader["awaiting-approval"].get_text()


@time_machine.travel(NOW, tick=False)
def test_most_read_this_week_counts_seven_days_of_articles(login, users, site, section):
    read, older, other = (
        ArticlePageFactory(parent=section, title=title)
        for title in ("Đọc nhiều trong tuần", "Đọc nhiều tháng trước", "Đọc ít")
    )
    today = timezone.localdate()
    counts = [
        (read, today, 40),
        (read, today - datetime.timedelta(days=6), 30),
        (older, today - datetime.timedelta(days=7), 500),  # eight days ago: not this week
        (older, today, 5),
        (other, today, 20),
        (section, today, 900),  # a section page is not an article
    ]
    for page, day, views in counts:
        PageDailyStats.objects.create(
            site=site, day=day, path=page.url_path, page=page, views=views
        )
    found = panels(login(users[BIEN_TAP_VIEN]))
    assert rows(found["most-read-week"]) == [
        "Đọc nhiều trong tuần",
        "Đọc ít",
        "Đọc nhiều tháng trước",
    ]
    assert "70 lượt xem" in found["most-read-week"].get_text()
    assert found["most-read-week"].select_one(".cong-dashboard__more a")["href"] == (
        "/admin/thong-ke-truy-cap/"
    )


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        (PHONG_VIEN, {"my-drafts"}),
        (BIEN_TAP_VIEN, {"my-drafts", "awaiting-approval", "most-read-week"}),
        (LANH_DAO_DUYET, {"my-drafts", "awaiting-approval", "most-read-week"}),
        (QUAN_TRI, {"my-drafts", "most-read-week"}),
    ],
)
def test_each_role_gets_its_editorial_panels(login, users, home, role, expected):
    editorial = {"my-drafts", "awaiting-approval", "most-read-week"}
    assert set(panels(login(users[role]))) & editorial == expected
