"""Media served by Django (CONG_SERVE_MEDIA): images yes, document files never."""

import importlib

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import clear_url_caches
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction

PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def media_served(settings):
    """The URL configuration as built with media served and this test's MEDIA_ROOT (the
    media route is added at import time)."""
    settings.CONG_SERVE_MEDIA = True
    urls = importlib.import_module(settings.ROOT_URLCONF)
    importlib.reload(urls)
    clear_url_caches()
    yield
    importlib.reload(urls)
    clear_url_caches()


@pytest.fixture
def restricted_document(db):
    """A document in a collection that only signed-in users may see."""
    collection = Collection.get_first_root_node().add_child(name="Mật")
    CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.LOGIN
    )
    document = get_document_model()(title="Báo cáo mật", collection=collection)
    document.file.save("bao-cao-mat.pdf", ContentFile(PDF))
    return document


def test_a_restricted_document_is_refused_under_media_as_under_documents(restricted_document):
    client = Client()
    assert client.get(restricted_document.url).status_code == 302  # Wagtail's login redirect
    response = client.get(f"/media/{restricted_document.file.name}")
    assert response.status_code == 404
    assert PDF not in b"".join(getattr(response, "streaming_content", [response.content]))


@pytest.mark.parametrize(
    "path",
    [
        "/media/documents/bao-cao-mat.pdf",
        "/media/Documents/bao-cao-mat.pdf",
        "/media//documents/bao-cao-mat.pdf",
        "/media/./documents/bao-cao-mat.pdf",
        "/media/original_images/../documents/bao-cao-mat.pdf",
        "/media/%64ocuments/bao-cao-mat.pdf",
        "/media/documents/",
    ],
)
def test_it_refuses_every_spelling_of_the_documents_folder(client, restricted_document, path):
    assert client.get(path).status_code == 404


def test_images_are_still_served_from_media(client, settings, db):
    folder = settings.MEDIA_ROOT / "original_images"
    folder.mkdir(parents=True)
    (folder / "anh.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    response = client.get("/media/original_images/anh.png")
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")
