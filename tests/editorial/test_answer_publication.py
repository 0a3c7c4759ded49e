"""Only "Lãnh đạo duyệt" and "Quản trị" make an answer to a citizen's question public."""

import json

import pytest

from cong.editorial.roles import BIEN_TAP_VIEN, LANH_DAO_DUYET, QUAN_TRI
from cong.participation.models import QuestionStatus
from tests.factories import QuestionFactory, UnitFactory


def rich(text):
    """Draftail's form value for one paragraph."""
    block = {
        "key": "a1b2c",
        "type": "unstyled",
        "depth": 0,
        "text": text,
        "inlineStyleRanges": [],
        "entityRanges": [],
        "data": {},
    }
    return json.dumps({"blocks": [block], "entityMap": {}})


@pytest.fixture
def answered(db):
    return QuestionFactory(
        status=QuestionStatus.ANSWERED,
        unit=UnitFactory(),
        answer="<p>Hồ sơ nộp tại Bộ phận một cửa của Sở.</p>",
    )


def post(client, question, **changes):
    data = {
        "topic": question.topic_id,
        "status": question.status,
        "unit": question.unit_id,
        "answer": rich("Hồ sơ nộp tại Bộ phận một cửa của Sở."),
        "decline_reason": "",
    }
    data.update(changes)
    return client.post(f"/admin/hoi-dap/edit/{question.pk}/", data)


@pytest.mark.parametrize(
    ("role", "public"), [(BIEN_TAP_VIEN, False), (LANH_DAO_DUYET, True), (QUAN_TRI, True)]
)
def test_only_leaders_make_an_answer_public(login, users, answered, role, public):
    response = post(login(users[role]), answered, is_public="on")
    assert response.status_code == 302
    answered.refresh_from_db()
    assert answered.is_public is public


def test_an_editor_sees_the_box_disabled(login, users, answered):
    html = login(users[BIEN_TAP_VIEN]).get(f"/admin/hoi-dap/edit/{answered.pk}/").content.decode()
    assert 'name="is_public"' in html and "disabled" in html.split('name="is_public"')[1][:200]


def test_an_editor_cannot_withdraw_or_rewrite_a_public_answer(login, users, answered):
    answered.is_public = True
    answered.save()
    response = post(login(users[BIEN_TAP_VIEN]), answered, answer=rich("Câu trả lời bị sửa."))
    assert response.status_code == 302
    answered.refresh_from_db()
    assert answered.is_public
    assert "bị sửa" not in answered.answer


def test_an_editor_still_answers_a_question_that_is_not_public(login, users, answered):
    post(login(users[BIEN_TAP_VIEN]), answered, answer=rich("Câu trả lời mới."))
    answered.refresh_from_db()
    assert "Câu trả lời mới." in answered.answer
