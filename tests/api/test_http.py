"""HTTP of the API: validators and 304, its cache and purge, CORS, read-only, rate limit."""

import pytest
from django.core.cache import cache

ARTICLES = "/api/v2/articles/"


@pytest.fixture
def one_article(article):
    return article(title="Tin thứ nhất")


def test_an_answer_carries_etag_last_modified_and_a_short_public_max_age(client, one_article):
    response = client.get(ARTICLES)
    assert response["ETag"].startswith('"') and len(response["ETag"]) == 34
    assert response["Last-Modified"].endswith(" GMT")
    assert response["Cache-Control"] == "public, max-age=60"
    assert response["Content-Type"] == "application/json"


def test_if_none_match_gets_304_until_the_content_changes(
    client, one_article, article, django_capture_on_commit_callbacks
):
    first = client.get(ARTICLES)
    etag = first["ETag"]

    again = client.get(ARTICLES, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b""
    assert again["ETag"] == etag

    with django_capture_on_commit_callbacks(execute=True):
        article(title="Tin thứ hai")  # a publish bumps the content version: no stale answer
    changed = client.get(ARTICLES, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed["ETag"] != etag
    assert [a["title"] for a in changed.json()["results"]] == ["Tin thứ hai", "Tin thứ nhất"]


def test_if_modified_since_gets_304_and_a_removal_counts_as_a_change(
    client, one_article, article, time_machine, django_capture_on_commit_callbacks
):
    time_machine.move_to("2026-11-30 08:00:00+07:00", tick=False)
    second = article(title="Tin thứ hai")
    first = client.get(ARTICLES)
    since = first["Last-Modified"]
    assert since == "Mon, 30 Nov 2026 01:00:00 GMT"  # when this answer was first made
    assert client.get(ARTICLES, HTTP_IF_MODIFIED_SINCE=since).status_code == 304

    time_machine.move_to("2026-11-30 08:10:00+07:00", tick=False)
    assert client.get(ARTICLES, HTTP_IF_MODIFIED_SINCE=since).status_code == 304
    with django_capture_on_commit_callbacks(execute=True):
        second.unpublish()  # the list shrinks: its newest item is older, the answer is newer
    response = client.get(ARTICLES, HTTP_IF_MODIFIED_SINCE=since)
    assert response.status_code == 200
    assert [a["title"] for a in response.json()["results"]] == ["Tin thứ nhất"]
    assert response["Last-Modified"] == "Mon, 30 Nov 2026 01:10:00 GMT"


def test_the_answer_is_served_from_the_cache_without_queries(
    client, one_article, django_assert_max_num_queries
):
    client.get(ARTICLES)
    with django_assert_max_num_queries(0):
        assert client.get(ARTICLES).status_code == 200
        assert client.get(ARTICLES, HTTP_IF_NONE_MATCH='"x"').status_code == 200


def test_head_has_the_headers_and_no_body(client, one_article):
    response = client.head(ARTICLES)
    assert response.status_code == 200 and response.content == b""
    assert response["ETag"] == client.get(ARTICLES)["ETag"]


def test_cors_lets_any_site_read_without_credentials(client, one_article):
    response = client.get(ARTICLES, HTTP_ORIGIN="https://thanhhoa.gov.vn")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response
    assert "ETag" in response["Access-Control-Expose-Headers"]
    preflight = client.options(
        ARTICLES,
        HTTP_ORIGIN="https://thanhhoa.gov.vn",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
    )
    assert preflight.status_code == 200
    assert preflight["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"


def test_writes_are_refused_and_cors_never_allows_them(client, one_article):
    for method in (client.post, client.put, client.patch, client.delete):
        response = method(ARTICLES, {}, HTTP_ORIGIN="https://thanhhoa.gov.vn")
        assert response.status_code == 405
        assert response["Allow"] == "GET, HEAD, OPTIONS"
    preflight = client.options(
        ARTICLES,
        HTTP_ORIGIN="https://thanhhoa.gov.vn",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
    )
    assert "POST" not in preflight["Access-Control-Allow-Methods"]


def test_cors_is_only_on_the_api(client, site):
    response = client.get("/", HTTP_ORIGIN="https://thanhhoa.gov.vn")
    assert "Access-Control-Allow-Origin" not in response
    response = client.get("/api/visits/summary", HTTP_ORIGIN="https://thanhhoa.gov.vn")
    assert "Access-Control-Allow-Origin" not in response


def test_a_client_over_the_rate_gets_429_with_retry_after_in_vietnamese(
    client, one_article, settings, time_machine
):
    time_machine.move_to("2026-11-30 08:00:10+07:00", tick=False)
    settings.CONG_API_RATE = "3/m"
    cache.clear()
    for _ in range(3):
        assert client.get(ARTICLES, REMOTE_ADDR="203.0.113.5").status_code == 200
    refused = client.get(ARTICLES, REMOTE_ADDR="203.0.113.5")
    assert refused.status_code == 429
    wait = int(refused["Retry-After"])  # the rest of this client's one-minute window
    assert 1 <= wait <= 60
    assert refused.json() == {
        "detail": f"Quá nhiều yêu cầu từ địa chỉ của bạn. Vui lòng thử lại sau {wait} giây."
    }
    assert refused["Cache-Control"] == "no-store"
    # Another client is not held back; the same one is again after the window.
    assert client.get(ARTICLES, REMOTE_ADDR="203.0.113.6").status_code == 200
    time_machine.move_to("2026-11-30 08:01:11+07:00", tick=False)
    assert client.get(ARTICLES, REMOTE_ADDR="203.0.113.5").status_code == 200


def test_robots_txt_keeps_crawlers_out_of_the_api(client, site):
    assert "Disallow: /api/" in client.get("/robots.txt").content.decode()


def test_a_document_published_or_a_collection_made_private_changes_the_cached_answer(
    client, index, make_document, django_capture_on_commit_callbacks
):
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model
    from wagtail.models import Collection, CollectionViewRestriction

    from cong.documents.models import LegalDocumentFile

    document = make_document("12/QĐ-UBND")
    collection = Collection.get_first_root_node().add_child(name="Hồ sơ")
    file = get_document_model()(title="Bản ký số", collection=collection)
    file.file.save("qd-12.pdf", ContentFile(b"%PDF-1.4\n"), save=False)
    file.save()
    LegalDocumentFile.objects.create(legal_document=document, document=file)

    def files():
        return [len(d["files"]) for d in client.get("/api/v2/documents/").json()["results"]]

    assert files() == [1]
    with django_capture_on_commit_callbacks(execute=True):
        make_document("13/QĐ-UBND", issued="2024-01-01")  # documents are watched: a new one
    assert files() == [0, 1]
    with django_capture_on_commit_callbacks(execute=True):  # cong.api.plugins watches these
        CollectionViewRestriction.objects.create(
            collection=collection, restriction_type=CollectionViewRestriction.LOGIN
        )
    assert files() == [0, 0]
