"""What the API never shows: another site's content, drafts, private pages and files, and
anyone's personal data (the demo's askers are searched for in every endpoint's JSON)."""

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction, Page, PageViewRestriction, Site

from cong.documents.models import LegalDocumentFile, LegalDocumentIndexPage
from cong.participation.models import Question
from tests import installs
from tests.factories import ArticlePageFactory, CategoryPageFactory, HomePageFactory

ENDPOINTS = ("/api/v2/", "/api/v2/articles/", "/api/v2/sections/", "/api/v2/documents/")
ENDPOINTS += ("/api/v2/answers/",)


def titles(client, url, **extra):
    response = client.get(url, **extra)
    assert response.status_code == 200, response.content
    return [item.get("title") or item.get("number") for item in response.json()["results"]]


@pytest.fixture
def second_site(db, settings, publish):
    """Another agency on the same install (province mode), at xa-quang-tam.example.vn."""
    settings.ALLOWED_HOSTS = ["*"]
    home = HomePageFactory(parent=Page.get_first_root_node(), title="Xã Quảng Tâm", slug="xa")
    Site.objects.create(hostname="xa-quang-tam.example.vn", port=80, root_page=home)
    section = CategoryPageFactory(parent=home, title="Tin xã", slug="tin-xa")
    publish(ArticlePageFactory(parent=section, title="Tin của xã"))
    return home


def test_each_site_sees_only_its_own_articles_sections_and_answers(
    client, second_site, article, answer, site, index, make_document
):
    article(title="Tin của Sở")
    answer(title="Hỏi Sở")
    other_site = Site.objects.get(hostname="xa-quang-tam.example.vn")
    answer(title="Hỏi xã", site=other_site)
    make_document("12/QĐ-UBND")
    xa = {"HTTP_HOST": "xa-quang-tam.example.vn"}

    assert titles(client, "/api/v2/articles/") == ["Tin của Sở"]
    assert titles(client, "/api/v2/articles/", **xa) == ["Tin của xã"]
    assert titles(client, "/api/v2/sections/", **xa) == ["Tin xã"]
    assert "Tin xã" not in titles(client, "/api/v2/sections/")
    assert titles(client, "/api/v2/answers/") == ["Hỏi Sở"]
    # The commune has no Hỏi đáp page, nor a Văn bản page: it publishes neither.
    assert titles(client, "/api/v2/answers/", **xa) == []
    assert titles(client, "/api/v2/documents/", **xa) == []
    assert titles(client, "/api/v2/documents/") == ["12/QĐ-UBND"]
    # A section of the other site is not a section here.
    other_section = Page.objects.get(slug="tin-xa")
    assert client.get("/api/v2/articles/", {"section": other_section.pk}).status_code == 400
    root = client.get("/api/v2/", **xa).json()
    assert root["endpoints"]["articles"] == "http://xa-quang-tam.example.vn/api/v2/articles/"


def test_drafts_unpublished_changes_and_private_sections_stay_out(
    client, home, section, article, publish
):
    live = article(title="Tiêu đề đã xuất bản")
    live.title = "Tiêu đề bản nháp chưa duyệt"
    live.save_revision()  # a draft of a live page: the public still reads the published one
    draft = ArticlePageFactory(parent=section, title="Bài nháp", live=False)
    draft.save_revision()
    internal = CategoryPageFactory(parent=home, title="Nội bộ", slug="noi-bo")
    publish(ArticlePageFactory(parent=internal, title="Tin nội bộ"))
    PageViewRestriction.objects.create(page=internal, restriction_type=PageViewRestriction.LOGIN)

    assert titles(client, "/api/v2/articles/") == ["Tiêu đề đã xuất bản"]
    assert "Nội bộ" not in titles(client, "/api/v2/sections/")
    assert client.get("/api/v2/articles/", {"section": "noi-bo"}).status_code == 400


def test_a_signed_in_editor_gets_no_more_than_the_public(client, section, article, admin_user):
    article(title="Đã xuất bản")
    ArticlePageFactory(parent=section, title="Bài nháp", live=False)
    client.force_login(admin_user)
    assert titles(client, "/api/v2/articles/") == ["Đã xuất bản"]


def test_draft_documents_and_private_files_stay_out(client, index, make_document):
    document = make_document("12/QĐ-UBND")
    make_document("13/QĐ-UBND", live=False)
    root = Collection.get_first_root_node()
    private = root.add_child(name="Hồ sơ mật")
    inner = private.add_child(name="Năm 2026")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.LOGIN
    )
    for title, collection in (("Bản công khai", root), ("Bản mật", inner)):
        file = get_document_model()(title=title, collection=collection)
        file.file.save(f"{title}.pdf", ContentFile(b"%PDF-1.4\n"), save=False)
        file.save()
        LegalDocumentFile.objects.create(legal_document=document, document=file, title=title)

    [item] = client.get("/api/v2/documents/").json()["results"]

    assert item["number"] == "12/QĐ-UBND"
    assert [f["title"] for f in item["files"]] == ["Bản công khai"]


def test_a_private_documents_page_publishes_no_documents(client, index, make_document):
    make_document("12/QĐ-UBND")
    PageViewRestriction.objects.create(
        page=index, restriction_type=PageViewRestriction.PASSWORD, password="mat-khau"
    )
    assert titles(client, "/api/v2/documents/") == []
    assert LegalDocumentIndexPage.objects.live().count() == 1


def test_unpublished_and_unanswered_questions_stay_out(client, answer):
    from cong.participation.models import QuestionStatus

    answer(title="Đã công khai")
    answer(title="Trả lời riêng", public=False)
    answer(title="Chưa trả lời", status=QuestionStatus.RECEIVED, public=False, answer="")
    assert titles(client, "/api/v2/answers/") == ["Đã công khai"]


# The demo site: every endpoint, every page of results, scanned for the askers' details.


@pytest.fixture(scope="module")
def _demo_loaded(django_db_setup, django_db_blocker, tmp_path_factory):
    with installs.demo_in_test_database(django_db_blocker, tmp_path_factory) as folder:
        yield folder


@pytest.fixture
def demo(_demo_loaded, db, settings):
    settings.MEDIA_ROOT = _demo_loaded / "media"
    settings.CONG_PARTICIPATION_UPLOAD_ROOT = _demo_loaded / "private"


def every_answer(client):
    """Every endpoint's JSON, following `next` to the last page."""
    for url in ENDPOINTS:
        while url:
            response = client.get(url, {"limit": 100} if "?" not in url else None)
            assert response.status_code == 200, (url, response.content)
            yield url, response.content.decode()
            url = response.json().get("next")


def test_no_askers_name_email_phone_or_address_in_any_answer_of_the_demo(client, demo):
    public = Question.objects.public()
    assert public.count() >= 3  # the demo's published answers are in the API
    assert len(client.get("/api/v2/answers/").json()["results"]) == public.count()
    personal = set()
    for question in Question.objects.all():  # published or not: none may appear
        personal.update({question.asker_name, question.email, question.phone, question.address})
        personal.add(question.code)  # the tracking code leads to the asker's page
    personal.discard("")
    assert len(personal) >= 10
    bodies = dict(every_answer(client))
    assert set(bodies) >= set(ENDPOINTS)
    assert "/api/v2/articles/" in bodies and '"count":0' not in bodies["/api/v2/articles/"]
    assert '"count":0' not in bodies["/api/v2/documents/"]
    leaks = {(url, value) for url, body in bodies.items() for value in personal if value in body}
    assert not leaks
