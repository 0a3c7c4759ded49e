"""Editors upload through the admin; only real images and real documents get in."""

import io
import struct
import zipfile
import zlib
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

SVG_WITH_SCRIPT = b"""<?xml version="1.0"?>
<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">
  <script>fetch('/admin/users/').then(r => r.text()).then(alert)</script>
</svg>"""
HTML = b"<!DOCTYPE html><html><body><script>document.location='//evil.example'</script>"
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def picture(fmt="JPEG", size=(64, 48)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(out, fmt)
    return out.getvalue()


def png_declaring(width: int, height: int) -> bytes:
    """A valid 1-bit PNG of width × height, all black: a few KB that decode to ~50 MB."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    compressor, row = zlib.compressobj(9), b"\x00" * (1 + (width + 7) // 8)
    pixels = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def docx() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return out.getvalue()


def upload_image(client, name, content):
    return client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Ảnh hội nghị",
            "file": SimpleUploadedFile(name, content),
            "collection": Collection.get_first_root_node().pk,
        },
    )


def upload_document(client, name, content):
    return client.post(
        reverse("wagtaildocs:add"),
        {
            "title": "Quyết định 1079/QĐ-TTg",
            "file": SimpleUploadedFile(name, content),
            "collection": Collection.get_first_root_node().pk,
        },
    )


def file_errors(response) -> str:
    assert response.status_code == 200, "the form should come back with an error"
    return " ".join(response.context["form"].errors["file"])


def test_the_admin_add_views_are_under_the_configured_admin_path(settings):
    assert reverse("wagtailimages:add").startswith(f"/{settings.CONG_ADMIN_PATH}")
    assert reverse("wagtaildocs:add").startswith(f"/{settings.CONG_ADMIN_PATH}")


@pytest.mark.parametrize(
    ("name", "content"),
    [("anh.jpg", lambda: picture("JPEG")), ("anh.png", lambda: picture("PNG"))],
)
def test_a_real_photo_is_accepted(admin_client, settings, name, content):
    response = upload_image(admin_client, name, content())

    assert response.status_code == 302
    image = get_image_model().objects.get()
    assert image.file.name.startswith("original_images/")
    assert Path(image.file.path).is_relative_to(settings.MEDIA_ROOT)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("logo.svg", SVG_WITH_SCRIPT, "Tệp SVG, HTML hoặc XML không được nhận làm ảnh"),
        ("anh.jpg", HTML, "Tệp SVG, HTML hoặc XML không được nhận làm ảnh"),
        ("anh.jpg", b"MZ\x90\x00" + bytes(200), "Tệp không phải ảnh hợp lệ"),
        ("anh.jpg", picture("PNG"), "Đuôi .jpg không khớp với định dạng ảnh PNG"),
        ("bom.png", png_declaring(20_000, 20_000), "nghi là “bom giải nén”"),
        ("lon.png", png_declaring(8_000, 6_000), "tối đa 40.000.000 điểm ảnh"),
    ],
    ids=["svg-with-script", "html-as-jpg", "program-as-jpg", "png-as-jpg", "bomb", "48-megapixels"],
)
def test_anything_but_a_real_photo_is_refused_with_a_vietnamese_message(
    admin_client, settings, name, content, message
):
    response = upload_image(admin_client, name, content)

    assert message in file_errors(response)
    assert not get_image_model().objects.exists()
    assert not any(Path(settings.MEDIA_ROOT).rglob("*.*"))


def test_a_decompression_bomb_is_refused_without_being_decoded(admin_client, monkeypatch):
    def no_decoding(*args, **kwargs):
        raise AssertionError("the image was decoded")

    monkeypatch.setattr(Image.Image, "load", no_decoding)
    response = upload_image(admin_client, "bom.png", png_declaring(20_000, 20_000))

    assert "bom giải nén" in file_errors(response)


def test_an_image_over_the_size_limit_is_refused(admin_client, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 1000
    response = upload_image(admin_client, "anh.jpg", picture("JPEG", (400, 300)))
    assert "Tệp quá lớn" in file_errors(response)
    assert "giới hạn là 1000" in file_errors(response)


def test_the_multiple_upload_view_refuses_too(admin_client):
    response = admin_client.post(
        reverse("wagtailimages:add_multiple"),
        {"files[]": SimpleUploadedFile("anh.jpg", HTML)},
    )
    assert response.json()["success"] is False
    assert "không được nhận làm ảnh" in response.json()["error_message"]


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("qd-1079.pdf", PDF),
        ("bao-cao.docx", docx()),
        ("ban-chup.jpg", picture("JPEG")),
        ("bieu-mau.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500)),
    ],
)
def test_a_real_document_is_accepted(admin_client, name, content):
    response = upload_document(admin_client, name, content)

    assert response.status_code == 302
    document = get_document_model().objects.get()
    assert document.file.name.startswith("documents/")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("qd-1079.pdf", HTML, "Nội dung tệp không phải tệp .pdf hợp lệ"),
        ("ban-chup.jpg", HTML, "Nội dung tệp không phải tệp .jpg hợp lệ"),
        ("bao-cao.docx", PDF, "Nội dung tệp không phải tệp .docx hợp lệ"),
        ("bieu-mau.doc", b"MZ\x90\x00" + bytes(200), "Nội dung tệp không phải tệp .doc hợp lệ"),
        ("trang.html", HTML, "Không nhận tệp .html"),
        ("logo.svg", SVG_WITH_SCRIPT, "Không nhận tệp .svg"),
        ("cai-dat.exe", b"MZ\x90\x00", "Không nhận tệp .exe"),
    ],
)
def test_html_scripts_and_programs_are_refused_however_they_are_named(
    admin_client, settings, name, content, message
):
    response = upload_document(admin_client, name, content)

    assert message in file_errors(response)
    assert not get_document_model().objects.exists()
    assert not any(Path(settings.MEDIA_ROOT).rglob("*.*"))


def test_a_document_over_the_size_limit_is_refused_before_it_is_read(admin_client, settings):
    settings.CONG_DOCUMENT_MAX_BYTES = 100
    response = upload_document(admin_client, "qd-1079.pdf", PDF + bytes(200))
    assert "Tệp quá lớn" in file_errors(response)


def test_the_editors_file_name_never_becomes_a_path(admin_client, settings):
    response = upload_document(admin_client, "../../cong/settings Quyết định.pdf", PDF)

    assert response.status_code == 302
    stored = get_document_model().objects.get().file
    assert stored.name.startswith("documents/") and ".." not in stored.name
    assert "/" not in stored.name.removeprefix("documents/")
    assert Path(stored.path).resolve().is_relative_to(Path(settings.MEDIA_ROOT).resolve())


@pytest.fixture
def stored(db):
    def store(name, content):
        document = get_document_model()(title=name)
        document.file.save(name, ContentFile(content), save=False)
        document.save()
        return document

    return store


def test_a_pdf_opens_in_the_browser_without_sniffing(client, stored):
    document = stored("qd-1079.pdf", PDF)

    response = client.get(document.url)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'"


def test_other_documents_download_as_attachments(client, stored):
    document = stored("bao-cao.docx", docx())

    response = client.get(document.url)

    assert response["Content-Disposition"].startswith("attachment")
    assert "bao-cao.docx" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"


def test_every_response_says_nosniff(client, settings, db):
    assert settings.SECURE_CONTENT_TYPE_NOSNIFF is True
    response = client.get(reverse("wagtailadmin_login"))
    assert response["X-Content-Type-Options"] == "nosniff"
