"""Refused uploads are explained in Vietnamese only, never with Django's English message."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from tests.accounts.helpers import login_with_second_factor


def test_a_document_without_an_extension_is_refused_in_vietnamese_only(
    client, django_user_model, home
):
    admin = django_user_model.objects.create_superuser("quantri", "qt@example.vn", "x")
    login_with_second_factor(client, admin)
    upload = SimpleUploadedFile("hoso", b"%PDF-1.4\n% demo\n", "application/pdf")
    response = client.post("/admin/documents/multiple/add/", {"files[]": upload})
    assert response.status_code == 200
    message = response.json()["error_message"]
    assert "Không nhận tệp" in message
    assert "is not allowed" not in message and "File extension" not in message


def test_a_truncated_png_is_refused_with_a_form_error_not_a_500(client, django_user_model, home):
    buffer = io.BytesIO()
    Image.effect_noise((200, 150), 50).convert("RGB").save(buffer, "PNG")
    truncated = buffer.getvalue()[: len(buffer.getvalue()) // 2]
    admin = django_user_model.objects.create_superuser("quantri", "qt@example.vn", "x")
    login_with_second_factor(client, admin)
    client.raise_request_exception = False
    upload = SimpleUploadedFile("anh.png", truncated, "image/png")
    response = client.post("/admin/images/multiple/add/", {"files[]": upload})
    assert response.status_code == 200
    assert "Tệp ảnh bị hỏng hoặc không đầy đủ" in response.json()["error_message"]
