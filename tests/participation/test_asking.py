"""/hoi-dap/dat-cau-hoi/: a citizen asks, gets a tracking code on screen and by e-mail."""

import datetime
import io
import re

import pytest
import time_machine
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone
from PIL import Image

from cong.participation.models import Question, QuestionStatus
from tests.accounts.helpers import login_with_second_factor

ASK = "/hoi-dap/dat-cau-hoi/"


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (20, 10), "red").save(buffer, "PNG")
    return buffer.getvalue()


def test_the_form_has_labelled_fields_a_hidden_honeypot_and_no_captcha_at_first(
    client, questions_page, topic
):
    html = client.get(ASK).content.decode()
    for name in ("asker_name", "email", "phone", "address", "topic", "title", "body", "attachment"):
        assert f'<label for="id_{name}">' in html, name
    assert 'name="csrfmiddlewaretoken"' in html
    assert re.search(r'<div class="hp-field" aria-hidden="true">', html)
    assert 'tabindex="-1"' in html
    assert "captcha" not in html
    assert 'enctype="multipart/form-data"' in html


def confirmation_link(message) -> str:
    return re.search(r"http://localhost(/hoi-dap/xac-nhan/[\w/-]+/)", message.body).group(1)


def test_asking_mails_only_a_fixed_text_and_a_link_until_the_address_is_confirmed(
    client, questions_page, question_data
):
    response = client.post(
        ASK,
        question_data(asker_name="Trúng thưởng 100 triệu", title="Nhận quà tại http://lua-dao.vn"),
    )
    assert response.status_code == 302
    assert response["Location"] == "/hoi-dap/xac-nhan/"
    question = Question.objects.get()
    assert question.confirmed_at is None
    page = client.get(response["Location"])
    assert "Kiểm tra thư điện tử để xác nhận" in page.content.decode()
    assert question.code not in page.content.decode()
    assert "no-store" in page["Cache-Control"]

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["an.nguyen@example.vn"]
    assert message.subject == "Xác nhận địa chỉ thư điện tử"
    for typed in ("Trúng thưởng", "lua-dao", question.code, "Thủ tục"):
        assert typed not in message.subject and typed not in message.body
    assert confirmation_link(message)


def test_confirming_sends_the_question_on_and_mails_the_code(client, questions_page, question_data):
    client.post(ASK, question_data())
    link = confirmation_link(mail.outbox[0])
    question = Question.objects.get()

    page = client.get(link)  # a mail scanner fetching the link confirms nothing
    assert "Xác nhận và gửi câu hỏi" in page.content.decode()
    assert "no-store" in page["Cache-Control"]
    assert Question.objects.get().confirmed_at is None
    assert len(mail.outbox) == 1

    response = client.post(link)
    assert response["Location"] == f"/hoi-dap/theo-doi/{question.code}/?da-gui=1"
    html = client.get(response["Location"]).content.decode()
    assert question.code in html
    assert "Câu hỏi của bạn đã được gửi." in html
    assert "Đã tiếp nhận" in html
    assert Question.objects.get().confirmed_at is not None
    assert len(mail.outbox) == 2
    message = mail.outbox[1]
    assert message.subject == f"Đã tiếp nhận câu hỏi của Ông/Bà (mã {question.code})"
    assert f"http://localhost/hoi-dap/theo-doi/{question.code}/" in message.body
    assert question.status == QuestionStatus.RECEIVED
    assert question.site is not None

    # A second press of the button sends nothing more.
    assert client.post(link)["Location"] == f"/hoi-dap/theo-doi/{question.code}/"
    assert len(mail.outbox) == 2


def test_an_unconfirmed_question_cannot_be_tracked_nor_moderated(
    client, questions_page, question_data, superuser
):
    client.post(ASK, question_data(title="Câu hỏi chưa xác nhận địa chỉ"))
    question = Question.objects.get()
    assert client.get(f"/hoi-dap/theo-doi/{question.code}/").status_code == 404
    assert client.get("/hoi-dap/theo-doi/", {"code": question.code}).status_code == 404
    login_with_second_factor(client, superuser)
    assert "Câu hỏi chưa xác nhận" not in client.get("/admin/hoi-dap/").content.decode()
    assert client.get(f"/admin/hoi-dap/edit/{question.pk}/").status_code == 404


@pytest.mark.parametrize("tamper", ["x", ""])
def test_a_forged_link_is_refused_in_vietnamese(client, questions_page, question_data, tamper):
    client.post(ASK, question_data())
    link = confirmation_link(mail.outbox[0])
    forged = link[:-2] + tamper + "/" if tamper else "/hoi-dap/xac-nhan/abc/def/ghi/"
    response = client.post(forged)
    assert response.status_code == 410
    assert "Liên kết xác nhận không đúng" in response.content.decode()
    assert Question.objects.get().confirmed_at is None


def test_an_expired_link_is_refused_and_the_question_swept(
    client, questions_page, question_data, settings
):
    settings.CONG_QUESTION_CONFIRM_HOURS = 48
    pdf = SimpleUploadedFile("hoso.pdf", b"%PDF-1.4\n% demo\n", "application/pdf")
    client.post(ASK, question_data(attachment=pdf))
    stored = settings.CONG_PARTICIPATION_UPLOAD_ROOT / Question.objects.get().attachment.name
    link = confirmation_link(mail.outbox[0])
    with time_machine.travel(timezone.now() + datetime.timedelta(hours=48, minutes=1)):
        response = client.post(link)
        assert response.status_code == 410
        assert "Liên kết xác nhận đã hết hạn (chỉ dùng được trong 48 giờ)" in (
            response.content.decode()
        )
        out = io.StringIO()
        call_command("purge_unconfirmed_questions", stdout=out)
    assert "Deleted 1 question(s)" in out.getvalue()
    assert not Question.objects.exists()
    assert not stored.exists()


def test_a_confirmed_question_is_never_swept(client, questions_page, question_data):
    client.post(ASK, question_data())
    client.post(confirmation_link(mail.outbox[0]))
    with time_machine.travel(timezone.now() + datetime.timedelta(days=30)):
        call_command("purge_unconfirmed_questions", stdout=io.StringIO())
    assert Question.objects.count() == 1


def test_codes_are_random_and_unique(client, questions_page, question_data, settings):
    settings.CONG_PARTICIPATION_CAPTCHA_ALWAYS = True
    for n in range(3):
        client.post(ASK, question_data(email=f"a{n}@example.vn", captcha_0="x", captcha_1="PASSED"))
    codes = set(Question.objects.values_list("code", flat=True))
    assert len(codes) == 3


def test_text_is_stored_in_nfc_and_on_one_line_where_it_should(
    client, questions_page, question_data
):
    client.post(
        ASK,
        question_data(
            asker_name="  Nguye\u0302\u0303n\x07  Văn   An ", body="Dòng 1\r\n\r\n\r\n\r\nDòng 2"
        ),
    )
    question = Question.objects.get()
    assert question.asker_name == "Nguyễn Văn An"
    assert question.body == "Dòng 1\n\nDòng 2"


@pytest.mark.parametrize(
    ("field", "value"),
    [("title", "x" * 201), ("body", "y" * 5001), ("asker_name", "z" * 121), ("phone", "gọi tôi")],
)
def test_over_long_or_malformed_fields_are_refused_and_nothing_is_stored(
    client, questions_page, question_data, field, value
):
    response = client.post(ASK, question_data(**{field: value}))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'role="alert"' in html
    assert (
        f'aria-describedby="id_{field}_error"' in html
        or f"id_{field}_helptext id_{field}_error" in html
    )
    assert 'aria-invalid="true"' in html
    assert not Question.objects.exists()
    assert not mail.outbox


def test_a_pdf_or_image_attachment_is_kept_under_a_random_name(
    client, questions_page, question_data, settings
):
    pdf = SimpleUploadedFile("../../etc/passwd.pdf", b"%PDF-1.4\n% demo\n", "application/pdf")
    client.post(ASK, question_data(attachment=pdf))
    question = Question.objects.get()
    assert question.attachment_type == "pdf"
    assert "passwd" not in question.attachment.name
    assert re.fullmatch(r"questions/[0-9a-f]{32}\.pdf", question.attachment.name)
    stored = settings.CONG_PARTICIPATION_UPLOAD_ROOT / question.attachment.name
    assert stored.read_bytes().startswith(b"%PDF-")
    assert not (settings.MEDIA_ROOT / question.attachment.name).exists()


def test_an_image_is_recognised_by_its_content_not_its_name(client, questions_page, question_data):
    image = SimpleUploadedFile("anh-chup.pdf", png_bytes(), "application/pdf")
    client.post(ASK, question_data(attachment=image))
    assert Question.objects.get().attachment.name.endswith(".png")


@pytest.mark.parametrize(
    "upload",
    [
        SimpleUploadedFile("hoso.pdf", b"MZ\x90\x00 not a pdf", "application/pdf"),
        SimpleUploadedFile("anh.jpg", b"<script>alert(1)</script>", "image/jpeg"),
        SimpleUploadedFile("trong.pdf", b"", "application/pdf"),
    ],
)
def test_files_that_are_not_pdf_or_image_are_refused(client, questions_page, question_data, upload):
    response = client.post(ASK, question_data(attachment=upload))
    assert response.status_code == 200
    assert "Tệp đính kèm" in response.content.decode()
    assert not Question.objects.exists()


def test_a_file_over_the_limit_is_refused(client, questions_page, question_data, settings):
    settings.CONG_PARTICIPATION_ATTACHMENT_MAX_BYTES = 1024
    pdf = SimpleUploadedFile("lon.pdf", b"%PDF-1.4\n" + b"0" * 2048, "application/pdf")
    html = client.post(ASK, question_data(attachment=pdf)).content.decode()
    assert "quá lớn" in html
    assert not Question.objects.exists()


def test_an_unknown_topic_is_refused(client, questions_page, question_data):
    response = client.post(ASK, question_data(topic=9999))
    assert response.status_code == 200
    assert not Question.objects.exists()


def test_it_refuses_a_name_and_title_made_only_of_zero_width_characters(
    client, questions_page, question_data
):
    response = client.post(ASK, question_data(asker_name="\u200b\u200c\u2060", title="\u200b" * 9))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'aria-describedby="id_asker_name_error"' in html
    assert not Question.objects.exists()
    assert not mail.outbox


def test_it_strips_right_to_left_overrides_from_what_is_stored(
    client, questions_page, question_data
):
    client.post(
        ASK, question_data(asker_name="Nguyễn \u202eVăn An\u202c", body="Nội dung\u200b câu hỏi")
    )
    question = Question.objects.get()
    assert question.asker_name == "Nguyễn Văn An"
    assert question.body == "Nội dung câu hỏi"
