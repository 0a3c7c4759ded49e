"""Refused uploads are explained in Vietnamese only, never with Django's English message."""

from django.core.files.uploadedfile import SimpleUploadedFile

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
