"""/api/v2/: what each endpoint returns, its filters, pagination and order."""

import datetime
from types import SimpleNamespace

import pytest
import wagtail_factories
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.rich_text import RichText

from cong.api.views import MAX_LIMIT, Pagination
from cong.documents.models import LegalDocument, LegalDocumentFile
from tests.api.conftest import local
from tests.factories import CategoryPageFactory


def results(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, response.content
    return response.json()


@pytest.fixture
def photo(db):
    return wagtail_factories.ImageFactory(
        title="Toàn cảnh hội nghị",
        description="Hội trường đông kín đại biểu",
        width=1600,
        height=1000,
    )


def test_the_root_lists_the_endpoints(client, site):
    data = results(client, "/api/v2/")
    assert data["endpoints"] == {
        name: f"http://localhost/api/v2/{name}/"
        for name in ("articles", "sections", "documents", "answers", "schedule")
    }


def test_an_article_has_its_text_image_caption_byline_section_dates_and_address(
    client, section, article, photo
):
    page = article(
        title="Tập huấn công tác thông tin đối ngoại",
        slug="tap-huan",
        lead="Ngày 18/8, Sở tổ chức hội nghị tập huấn.",
        featured_image=photo,
        source="Cổng TTĐT tỉnh",
        date=local(2026, 11, 28, 9, 30),
        body=[
            ("paragraph", RichText('<p>Đoạn mở đầu, xem <a href="/van-ban/">văn bản</a>.</p>')),
            ("image", {"image": photo, "alt": "", "caption": "Toàn cảnh", "credit": "Ảnh: Hiền"}),
        ],
    )
    page.tags.add("đối ngoại")
    page.save_revision().publish()
    page.refresh_from_db()

    [item] = results(client, "/api/v2/articles/")["results"]

    assert item["id"] == page.pk
    assert item["title"] == "Tập huấn công tác thông tin đối ngoại"
    assert item["lead"] == "Ngày 18/8, Sở tổ chức hội nghị tập huấn."
    assert '<a href="http://localhost/van-ban/">văn bản</a>' in item["body"]
    # The body's photo: one absolute JPEG with its caption and credit, no <picture>.
    assert 'src="http://localhost/media/images/' in item["body"] and "<picture" not in item["body"]
    assert '.jpg" width="' in item["body"] and 'alt="Hội trường đông kín đại biểu"' in item["body"]
    assert "<figcaption>Toàn cảnh Ảnh: Hiền</figcaption>" in item["body"]
    assert "Đoạn mở đầu, xem văn bản." in item["body_text"] and "<" not in item["body_text"]
    image = item["featured_image"]
    assert image["url"].startswith("http://localhost/media/images/") and image["url"].endswith(
        ".jpg"
    )
    # The og:image crop (1200×630, or smaller: a small photo is not enlarged).
    assert image["width"] <= 1200 and abs(image["width"] / image["height"] - 1200 / 630) < 0.1
    assert image["alt"] == "Hội trường đông kín đại biểu"
    assert image["caption"] == "Toàn cảnh Ảnh: Hiền"
    assert item["byline"] == "Nguyễn Hiền - Phòng QLTTBCXB"
    assert (item["author_names"], item["author_unit"]) == ("Nguyễn Hiền", "Phòng QLTTBCXB")
    assert item["source"] == "Cổng TTĐT tỉnh"
    assert item["section"] == {
        "id": section.pk,
        "title": "Tin tức - Sự kiện",
        "path": section.slug,
        "url": f"http://localhost/{section.slug}/",
    }
    assert item["tags"] == ["đối ngoại"]
    assert item["date"] == "2026-11-28T09:30:00+07:00"
    assert datetime.datetime.fromisoformat(item["first_published_at"]) == page.first_published_at
    assert datetime.datetime.fromisoformat(item["last_published_at"]) == page.last_published_at
    assert item["url"] == f"http://localhost/{section.slug}/tap-huan/"


def test_articles_filter_by_section_id_or_path_subsections_included(client, home, section, publish):
    from tests.factories import ArticlePageFactory

    events = CategoryPageFactory(parent=section, title="Sự kiện", slug="su-kien")
    other = CategoryPageFactory(parent=home, title="Thông báo", slug="thong-bao")
    publish(ArticlePageFactory(parent=section, title="Ở mục cha"))
    publish(ArticlePageFactory(parent=events, title="Ở mục con"))
    publish(ArticlePageFactory(parent=other, title="Thông báo nghỉ lễ"))

    def titles(**params):
        return {a["title"] for a in results(client, "/api/v2/articles/", **params)["results"]}

    assert titles(section=events.pk) == {"Ở mục con"}
    assert titles(section=f"{section.slug}/su-kien") == {"Ở mục con"}
    assert titles(section=section.slug) == {"Ở mục cha", "Ở mục con"}
    assert titles(section="/thong-bao/") == {"Thông báo nghỉ lễ"}
    sections = results(client, "/api/v2/sections/")["results"]
    assert {s["path"] for s in sections} == {section.slug, f"{section.slug}/su-kien", "thong-bao"}
    response = client.get("/api/v2/articles/", {"section": "khong-co"})
    assert response.status_code == 400
    assert response.json() == {"section": ["Không có chuyên mục này."]}


def test_articles_filter_by_date_range_newest_first(client, article):
    for day in (1, 10, 20, 30):
        article(title=f"Ngày {day}", date=local(2026, 11, day, 23, 30))

    def titles(**params):
        return [a["title"] for a in results(client, "/api/v2/articles/", **params)["results"]]

    assert titles() == ["Ngày 30", "Ngày 20", "Ngày 10", "Ngày 1"]
    # Local dates: 23:30 on the 10th (16:30 UTC) is the 10th.
    assert titles(**{"from": "2026-11-10", "to": "2026-11-20"}) == ["Ngày 20", "Ngày 10"]
    assert titles(**{"from": "2026-11-21"}) == ["Ngày 30"]
    assert titles(to="2026-11-01") == ["Ngày 1"]


def test_pagination_limit_offset_count_and_a_maximum(client, article):
    for n in range(5):
        article(title=f"Bài {n}", date=local(2026, 11, 1 + n, 8, 0))
    first = results(client, "/api/v2/articles/", limit=2)
    assert first["count"] == 5
    assert [a["title"] for a in first["results"]] == ["Bài 4", "Bài 3"]
    assert first["next"] == "http://testserver/api/v2/articles/?limit=2&offset=2"
    assert first["previous"] is None
    last = results(client, "/api/v2/articles/", limit=2, offset=4)
    assert [a["title"] for a in last["results"]] == ["Bài 0"] and last["next"] is None
    # Over the maximum: the maximum, not an error and not everything.
    request = SimpleNamespace(query_params={"limit": "100000"})
    assert Pagination().get_limit(request) == MAX_LIMIT == 100


def test_unknown_and_malformed_parameters_are_refused_in_vietnamese(client, site):
    response = client.get("/api/v2/articles/", {"since": "2026-11-01"})
    assert response.status_code == 400
    [message] = response.json()["non_field_errors"]
    assert "Tham số không được hỗ trợ: since" in message and "modified_since" in message
    response = client.get("/api/v2/documents/", {"from": "30/11/2026"})
    assert response.json() == {"from": ["Ngày không hợp lệ: dùng dạng YYYY-MM-DD."]}
    response = client.get("/api/v2/answers/", {"modified_since": "hôm qua"})
    assert response.status_code == 400 and "ISO 8601" in response.json()["modified_since"][0]
    assert response["Cache-Control"] == "no-store"


@pytest.fixture
def pdf(db):
    document = get_document_model()(title="Quyết định 12 (bản ký số)")
    document.file.save("qd-12.pdf", ContentFile(b"%PDF-1.4\n%test\n"), save=False)
    document.save()
    return document


def test_a_document_has_its_facts_status_files_and_address(client, index, make_document, pdf):
    document = make_document(
        "12/QĐ-UBND",
        summary="Ban hành Quy chế quản lý Cổng thông tin điện tử tỉnh",
        field="Thông tin và Truyền thông",
        signer="Nguyễn Văn A",
        effective_on=datetime.date(2023, 2, 20),
    )
    LegalDocumentFile.objects.create(legal_document=document, document=pdf, title="Bản ký số")

    [item] = results(client, "/api/v2/documents/")["results"]

    assert item["number"] == "12/QĐ-UBND"
    assert item["summary"] == "Ban hành Quy chế quản lý Cổng thông tin điện tử tỉnh"
    assert item["type"] == {"id": document.doc_type_id, "name": "Quyết định"}
    assert item["issuing_body"] == {"id": document.issuing_body_id, "name": "UBND tỉnh Thanh Hóa"}
    assert item["field"]["name"] == "Thông tin và Truyền thông"
    assert item["signer"] == "Nguyễn Văn A"
    assert (item["issued_on"], item["effective_on"], item["expires_on"]) == (
        "2023-02-06",
        "2023-02-20",
        None,
    )
    assert item["status"] == {"code": "in_force", "label": "Còn hiệu lực"}
    assert item["files"] == [
        {
            "title": "Bản ký số",
            "url": f"http://localhost/documents/{pdf.pk}/qd-12.pdf",
            "extension": "pdf",
            "size": len(b"%PDF-1.4\n%test\n"),
        }
    ]
    assert item["url"] == f"http://localhost/van-ban/{document.pk}-{document.slug}/"
    assert client.get(item["url"].removeprefix("http://localhost")).status_code == 200


def test_documents_filter_by_type_body_field_status_and_issue_date(client, index, make_document):
    old = make_document("44-CT/TW", "Chỉ thị", "Ban Bí thư", "2010-07-20")
    new = make_document("21/KH-UBND", "Kế hoạch", issued="2023-02-06", field="Chuyển đổi số")
    replaced = make_document(
        "10/QĐ-UBND", issued="2020-01-01", expires_on=datetime.date(2021, 1, 1)
    )

    def numbers(**params):
        return [d["number"] for d in results(client, "/api/v2/documents/", **params)["results"]]

    assert numbers() == ["21/KH-UBND", "10/QĐ-UBND", "44-CT/TW"]  # newest issued first
    assert numbers(type=old.doc_type_id) == ["44-CT/TW"]
    assert numbers(type="kế hoạch") == ["21/KH-UBND"]  # by name, any case
    assert numbers(issuing_body="Ban Bí thư") == ["44-CT/TW"]
    assert numbers(issuing_body=new.issuing_body_id) == ["21/KH-UBND", "10/QĐ-UBND"]
    assert numbers(field="Chuyển đổi số") == ["21/KH-UBND"]
    assert numbers(status="expired") == ["10/QĐ-UBND"]
    assert numbers(status="in_force") == ["21/KH-UBND", "44-CT/TW"]
    assert numbers(**{"from": "2020-01-01", "to": "2022-12-31"}) == ["10/QĐ-UBND"]
    assert replaced.status().value == "expired"
    assert client.get("/api/v2/documents/", {"status": "valid"}).status_code == 400


def test_an_answer_has_question_answer_topic_unit_dates_and_address(client, answer):
    question = answer(title="Hỏi về giấy phép trang tin")

    [item] = results(client, "/api/v2/answers/")["results"]

    assert item["id"] == question.pk
    assert item["title"] == "Hỏi về giấy phép trang tin"
    assert item["question"] == question.body
    assert item["answer"] == (
        '<p>Hồ sơ gồm đơn đề nghị và <a href="http://localhost/van-ban/">đề án</a>.</p>'
    )
    assert item["topic"]["name"] == "Bưu chính, viễn thông"
    assert item["answering_unit"]["name"] == "Phòng Bưu chính - Viễn thông"
    assert datetime.datetime.fromisoformat(item["answered_at"]) == question.answered_at
    assert datetime.datetime.fromisoformat(item["published_at"]) == question.published_at
    assert item["url"] == f"http://localhost/hoi-dap/{question.pk}-{question.slug}/"
    assert set(item) == {
        "id",
        "title",
        "question",
        "answer",
        "topic",
        "answering_unit",
        "submitted_on",
        "answered_at",
        "published_at",
        "url",
    }


def test_answers_filter_by_topic_and_answer_date(client, answer):
    from tests.factories import TopicFactory

    answer(title="Tháng mười", answered_at=local(2026, 10, 5, 9, 0))
    answer(title="Tháng mười một", answered_at=local(2026, 11, 5, 9, 0))
    other = TopicFactory(name="Chuyển đổi số")
    answer(title="Chuyển đổi số", topic=other, answered_at=local(2026, 11, 20, 9, 0))

    def titles(**params):
        return [a["title"] for a in results(client, "/api/v2/answers/", **params)["results"]]

    assert titles() == ["Chuyển đổi số", "Tháng mười một", "Tháng mười"]
    assert titles(topic=other.pk) == ["Chuyển đổi số"]
    assert titles(topic="bưu chính, viễn thông") == ["Tháng mười một", "Tháng mười"]
    assert titles(**{"from": "2026-11-01", "to": "2026-11-10"}) == ["Tháng mười một"]


def test_the_documents_list_is_empty_without_a_public_documents_page(client, site, make_document):
    make_document("12/QĐ-UBND")
    assert results(client, "/api/v2/documents/")["count"] == 0
    assert LegalDocument.objects.live().count() == 1
