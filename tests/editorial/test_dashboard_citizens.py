"""The dashboard's questions and comments: waiting ones only, oldest first, with their age."""

import datetime

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.utils import timezone

from cong.editorial.roles import BIEN_TAP_VIEN, PHONG_VIEN, QUAN_TRI
from cong.participation.models import CommentStatus, QuestionStatus
from tests.factories import (
    CommentFactory,
    ConsultationPageFactory,
    QuestionFactory,
    UnitFactory,
)

NOW = datetime.datetime(2026, 11, 30, 9, 0, tzinfo=datetime.UTC)


def panel(client, name):
    response = client.get("/admin/")
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser").select_one(f"#{name}-section")


def rows(section) -> list[str]:
    return [td.get_text(strip=True) for td in section.select("tbody td.title")]


@time_machine.travel(NOW, tick=False)
def test_questions_waiting_for_an_answer_oldest_first(login, users, site):
    days_ago = lambda n: timezone.now() - datetime.timedelta(days=n)  # noqa: E731
    QuestionFactory(title="Hỏi mới", submitted_at=days_ago(1))
    QuestionFactory(
        title="Hỏi đã chuyển",
        submitted_at=days_ago(9),
        status=QuestionStatus.ASSIGNED,
        unit=UnitFactory(name="Phòng Bưu chính"),
    )
    QuestionFactory(title="Hỏi chưa xác nhận", confirmed_at=None, submitted_at=days_ago(3))
    QuestionFactory(
        title="Hỏi đã từ chối", status=QuestionStatus.DECLINED, decline_reason="Trùng lặp"
    )
    section = panel(login(users[BIEN_TAP_VIEN]), "pending-questions")
    assert rows(section) == ["Hỏi đã chuyển", "Hỏi mới"]
    text = section.get_text(" ", strip=True).replace("\xa0", " ")
    assert "Câu hỏi chờ trả lời (2)" in text
    assert "Đã chuyển đơn vị trả lời: Phòng Bưu chính" in text
    assert "1 tuần, 2 ngày trước" in text and "1 ngày trước" in text
    assert section.select_one("td.title a")["href"].startswith("/admin/hoi-dap/edit/")
    assert section.select_one(".cong-dashboard__more a")["href"] == "/admin/hoi-dap/"


@time_machine.travel(NOW, tick=False)
def test_comments_waiting_for_a_decision(login, users, home):
    draft = ConsultationPageFactory(parent=home, title="Dự thảo quy chế cổng thông tin")
    CommentFactory(consultation=draft, name="Trần Văn Nam", body="Bổ sung thời hạn.")
    CommentFactory(consultation=draft, status=CommentStatus.APPROVED, body="Đã duyệt rồi.")
    section = panel(login(users[BIEN_TAP_VIEN]), "pending-comments")
    assert rows(section) == ["Trần Văn Nam: Bổ sung thời hạn."]
    assert "Dự thảo quy chế cổng thông tin" in section.get_text()
    assert section.select_one("td.title a")["href"].startswith("/admin/gop-y/edit/")


def test_nothing_waiting_says_so(login, users, home):
    client = login(users[QUAN_TRI])
    assert "Không có câu hỏi nào chờ trả lời." in panel(client, "pending-questions").get_text()
    assert "Không có góp ý nào chờ duyệt." in panel(client, "pending-comments").get_text()


@pytest.mark.parametrize("name", ["pending-questions", "pending-comments"])
def test_a_writer_does_not_see_citizens_messages(login, users, home, name):
    QuestionFactory(title="Hỏi mới")
    assert panel(login(users[PHONG_VIEN]), name) is None
