"""Moderation in the admin: queue, assignment, answer, publication, decline, exports."""

import csv
import io

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone
from openpyxl import load_workbook

from cong.participation.models import CommentStatus, Question, QuestionStatus
from tests.factories import CommentFactory, QuestionFactory

ADMIN = "/admin/"


@pytest.fixture
def moderator(client, superuser):
    client.force_login(superuser)
    return client


def edit_data(question, **changes):
    data = {
        "topic": question.topic_id,
        "status": question.status,
        "unit": question.unit_id or "",
        "answer": question.answer or "",
        "decline_reason": question.decline_reason,
        "is_public": "on" if question.is_public else "",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v not in ("", None)}


def rich(text):
    """Draftail's form value for a paragraph of text."""
    import json

    return json.dumps(
        {
            "blocks": [
                {
                    "key": "a1b2c",
                    "type": "unstyled",
                    "depth": 0,
                    "text": text,
                    "inlineStyleRanges": [],
                    "entityRanges": [],
                    "data": {},
                }
            ],
            "entityMap": {},
        }
    )


@pytest.mark.parametrize(
    "url",
    [
        "hoi-dap/",
        "hoi-dap/?status=received",
        "gop-y/",
        "gop-y/?status=pending",
        "tong-hop-gop-y/",
        "linh-vuc-hoi-dap/",
        "don-vi-tra-loi/",
        "danh-gia-noi-dung/",
        "danh-gia-noi-dung/?period=0",
        "",
    ],
)
def test_admin_pages_open_for_a_superuser(moderator, consultation, topic, url):
    QuestionFactory(topic=topic)
    CommentFactory(consultation=consultation)
    response = moderator.get(ADMIN + url)
    assert response.status_code == 200, url


def test_the_queue_filters_by_status_and_topic_and_shows_vietnamese_labels(moderator, topic, unit):
    QuestionFactory(topic=topic, title="Câu hỏi mới nhận")
    QuestionFactory(
        topic=topic, title="Câu hỏi đã chuyển", status=QuestionStatus.ASSIGNED, unit=unit
    )
    html = moderator.get(ADMIN + "hoi-dap/", {"status": "received"}).content.decode()
    assert "Câu hỏi mới nhận" in html and "Câu hỏi đã chuyển" not in html
    assert "Đã tiếp nhận" in html
    html = moderator.get(ADMIN + "hoi-dap/", {"topic": topic.pk}).content.decode()
    assert "Câu hỏi mới nhận" in html and "Câu hỏi đã chuyển" in html
    menu = moderator.get(ADMIN).content.decode()
    assert "/admin/hoi-dap/" in menu and "/admin/tong-hop-gop-y/" in menu


def test_a_moderator_assigns_answers_and_publishes_and_the_asker_hears_each_time(
    moderator, questions_page, topic, unit
):
    public = Client()
    question = QuestionFactory(topic=topic, email="hoi@example.vn")
    url = f"{ADMIN}hoi-dap/edit/{question.pk}/"
    html = moderator.get(url).content.decode()
    assert question.code in html and "hoi@example.vn" in html and "0912 345 678" in html

    response = moderator.post(url, edit_data(question, status="assigned", unit=unit.pk))
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.status == QuestionStatus.ASSIGNED and question.assigned_at
    assert len(mail.outbox) == 1
    assert "Phòng Bưu chính - Viễn thông" in mail.outbox[0].body

    answer = rich("Hồ sơ gồm đơn đề nghị.")
    moderator.post(url, edit_data(question, status="answered", answer=answer, is_public="on"))
    question.refresh_from_db()
    assert question.status == QuestionStatus.ANSWERED and question.is_public
    assert len(mail.outbox) == 2
    answer_mail = mail.outbox[1]
    assert "đã được trả lời" in answer_mail.subject
    assert "Hồ sơ gồm đơn đề nghị." in answer_mail.body
    assert f"/hoi-dap/{question.pk}-" in answer_mail.body
    assert question.title in public.get("/hoi-dap/").content.decode()

    moderator.post(url, edit_data(question, answer=answer, is_public=""))
    assert len(mail.outbox) == 2  # publishing or withdrawing is not a status change
    assert question.title not in public.get("/hoi-dap/").content.decode()


def test_answering_needs_an_answer_and_a_unit_and_publishing_needs_an_answer(
    moderator, topic, unit
):
    question = QuestionFactory(topic=topic)
    url = f"{ADMIN}hoi-dap/edit/{question.pk}/"
    response = moderator.post(url, edit_data(question, status="answered"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Chọn đơn vị trả lời." in html and "Nhập nội dung trả lời" in html
    moderator.post(url, edit_data(question, is_public="on"))
    question.refresh_from_db()
    assert question.status == QuestionStatus.RECEIVED and not question.is_public
    assert not mail.outbox


def test_declining_needs_a_reason_which_the_asker_receives(moderator, topic):
    question = QuestionFactory(topic=topic)
    url = f"{ADMIN}hoi-dap/edit/{question.pk}/"
    response = moderator.post(url, edit_data(question, status="declined"))
    assert "Nêu lý do không trả lời" in response.content.decode()
    moderator.post(
        url,
        edit_data(
            question, status="declined", decline_reason="Câu hỏi thuộc thẩm quyền của UBND huyện."
        ),
    )
    question.refresh_from_db()
    assert question.status == QuestionStatus.DECLINED and question.declined_at
    assert "thuộc thẩm quyền của UBND huyện" in mail.outbox[0].body


def test_there_is_no_add_button_questions_come_from_citizens(moderator):
    html = moderator.get(ADMIN + "hoi-dap/").content.decode()
    assert "/admin/hoi-dap/new/" not in html
    assert moderator.get(ADMIN + "hoi-dap/new/").status_code == 404


def test_attachments_are_served_only_to_moderators(
    moderator, client, questions_page, question_data, django_user_model
):
    pdf = SimpleUploadedFile("ho-so.pdf", b"%PDF-1.4 demo", "application/pdf")
    client.post("/hoi-dap/dat-cau-hoi/", question_data(attachment=pdf))
    question = Question.objects.get()
    url = f"{ADMIN}hoi-dap/tep/{question.pk}/"
    assert moderator.get(url).status_code == 404  # not the agency's until confirmed
    Question.objects.update(confirmed_at=timezone.now())
    response = moderator.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert f'filename="cau-hoi-{question.code}.pdf"' in response["Content-Disposition"]
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    editor = django_user_model.objects.create_user("bientap", password="x")
    moderator.force_login(editor)
    assert moderator.get(url).status_code in (302, 403)


def test_moderating_a_comment_publishes_it(moderator, consultation):
    comment = CommentFactory(consultation=consultation)
    url = f"{ADMIN}gop-y/edit/{comment.pk}/"
    html = moderator.get(url).content.decode()
    assert comment.email in html and "Đề nghị bổ sung" in html
    assert moderator.post(url, {"status": "approved"}).status_code == 302
    comment.refresh_from_db()
    assert comment.status == CommentStatus.APPROVED and comment.moderated_at


@pytest.fixture
def comments(consultation):
    CommentFactory(
        consultation=consultation,
        section="Điều 5",
        status=CommentStatus.APPROVED,
        body="Đề nghị sửa Điều 5.",
    )
    CommentFactory(consultation=consultation, section="điều  5", body="Ý kiến thứ hai về Điều 5.")
    CommentFactory(
        consultation=consultation,
        section="Điều 7, khoản 2",
        status=CommentStatus.REJECTED,
        body='=HYPERLINK("http://x","bấm")',
    )
    CommentFactory(
        consultation=consultation,
        section="",
        name="Đỗ Thị Hạnh",
        body="Góp ý chung cho toàn bộ dự thảo.",
    )
    return consultation


def test_the_xlsx_export_lists_every_comment_and_counts_per_section(moderator, comments):
    response = moderator.get(f"{ADMIN}tong-hop-gop-y/{comments.pk}/xlsx/")
    assert response.status_code == 200
    assert "spreadsheetml" in response["Content-Type"]
    assert (
        'filename="gop-y-du-thao-quy-che-quan-ly-cong-thong-tin-dien-tu-tinh.xlsx"'
        in (response["Content-Disposition"])
    )
    workbook = load_workbook(io.BytesIO(response.content))
    sheet = workbook["Góp ý"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("STT", "Ngày gửi", "Họ và tên")
    assert len(rows) == 5
    assert {row[6] for row in rows[1:]} >= {
        "Đề nghị sửa Điều 5.",
        "Góp ý chung cho toàn bộ dự thảo.",
    }
    assert '\'=HYPERLINK("http://x","bấm")' in {row[6] for row in rows[1:]}
    assert sheet.cell(row=2, column=7).data_type == "s"
    assert {row[7] for row in rows[1:]} == {"Đã duyệt, công khai", "Chờ duyệt", "Không duyệt"}
    summary = list(workbook["Theo điều khoản"].iter_rows(values_only=True))
    assert summary[1] == ("Điều, khoản", "Số góp ý", "Đã duyệt", "Chờ duyệt", "Không duyệt")
    assert summary[2] == ("Điều 5", 2, 1, 1, 0)
    assert summary[3] == ("Điều 7, khoản 2", 1, 0, 0, 1)
    assert summary[4] == ("(Không nêu điều, khoản)", 1, 0, 1, 0)
    assert summary[5][:2] == ("Tổng cộng", 4)


def test_the_csv_export_opens_in_excel_with_vietnamese_letters(moderator, comments):
    response = moderator.get(f"{ADMIN}tong-hop-gop-y/{comments.pk}/csv/")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    body = response.content
    assert body.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert rows[0][0] == "STT" and rows[0][6] == "Nội dung góp ý"
    assert len([r for r in rows[1:5] if r]) == 4
    assert ["Điều 5", "2", "1", "1", "0"] in rows
    assert ["Tổng cộng", "4"] in rows
    assert any(r[6].startswith("'=HYPERLINK") for r in rows[1:5])


def test_exports_are_for_moderators_only(client, comments, django_user_model):
    editor = django_user_model.objects.create_user("bientap", password="x")
    client.force_login(editor)
    assert client.get(f"{ADMIN}tong-hop-gop-y/{comments.pk}/csv/").status_code in (302, 403)
