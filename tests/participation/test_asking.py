"""/hoi-dap/dat-cau-hoi/: a citizen asks, gets a tracking code on screen and by e-mail."""

import io
import re

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from cong.participation.models import Question, QuestionStatus

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


def test_asking_shows_the_code_and_emails_it(client, questions_page, question_data):
    response = client.post(ASK, question_data())
    question = Question.objects.get()
    assert len(question.code) == 10
    assert response.status_code == 302
    assert response["Location"] == f"/hoi-dap/theo-doi/{question.code}/?da-gui=1"
    html = client.get(response["Location"]).content.decode()
    assert question.code in html
    assert "Câu hỏi của bạn đã được gửi." in html
    assert "Đã tiếp nhận" in html
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["an.nguyen@example.vn"]
    assert question.code in message.subject and question.code in message.body
    assert f"http://localhost/hoi-dap/theo-doi/{question.code}/" in message.body
    assert question.status == QuestionStatus.RECEIVED
    assert question.site is not None


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
    client.post(ASK, question_data(asker_name="Nguyễn \u202eVăn An\u202c", body="Nội dung\u200b câu hỏi"))
    question = Question.objects.get()
    assert question.asker_name == "Nguyễn Văn An"
    assert question.body == "Nội dung câu hỏi"
