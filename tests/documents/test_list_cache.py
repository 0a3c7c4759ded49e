"""/van-ban/ from its cached fragments (issue 20): the filter form, the count and the rows are
kept under the content version, the filters and the page number; a change shows at once, the
rest of the query string and a preview never reuse a stale list."""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

from cong.core import surrogate
from cong.documents.models import DocumentType, LegalDocument


def rows(html: str) -> list[str]:
    return re.findall(r'<tr>\s*<td><a href="[^"]+">([^<]+)</a>', html)


def count(html: str) -> str:
    return re.search(r'<p class="doc-count" role="status">([^<]*)</p>', html).group(1)


def test_a_list_seen_before_reads_no_document_whatever_else_its_query_says(
    client, index, seed_documents
):
    first = client.get("/van-ban/", {"bench": "1"}).content.decode()
    with CaptureQueriesContext(connection) as captured:
        again = client.get("/van-ban/", {"bench": "2"}).content.decode()
    read = [q["sql"] for q in captured]
    assert not [sql for sql in read if re.search(r'"documents_(?!legaldocumentindexpage")', sql)]
    # the same page but for the parameter its pagination links would carry
    assert first.replace("bench=1", "bench=2") == again
    assert set(rows(again)) == {"21/KH-UBND", "1079/QĐ-TTg", "44-CT/TW", "46-TB/TW"}


def test_each_filter_set_and_page_has_its_own_rows(client, index, make_document):
    for n in range(25):
        make_document(f"{n}/QĐ-UBND", issued=f"2020-01-{n + 1:02d}")
    make_document("1/KH-UBND", "Kế hoạch", issued="2019-05-05")
    plan = DocumentType.objects.get(name="Kế hoạch")
    for _view in range(2):  # a miss, then the fragments from the cache
        first = client.get("/van-ban/").content.decode()
        second = client.get("/van-ban/", {"page": 2}).content.decode()
        plans = client.get("/van-ban/", {"doc_type": plan.pk}).content.decode()
        oldest = client.get("/van-ban/", {"sort": "oldest"}).content.decode()
        assert rows(first)[:2] == ["24/QĐ-UBND", "23/QĐ-UBND"] and len(rows(first)) == 20
        assert rows(second) == ["4/QĐ-UBND", "3/QĐ-UBND", "2/QĐ-UBND", "1/QĐ-UBND"] + [
            "0/QĐ-UBND",
            "1/KH-UBND",
        ]
        assert rows(plans) == ["1/KH-UBND"] and count(plans) == "1 văn bản"
        assert rows(oldest)[0] == "1/KH-UBND" and count(oldest) == "26 văn bản"
        # the chosen filter is the selected option of the form kept for these values
        assert f'<option value="{plan.pk}" selected>' in plans
        assert f'<option value="{plan.pk}">' in first


def test_an_edited_document_shows_at_once(
    client, index, seed_documents, django_capture_on_commit_callbacks
):
    assert "Triển khai Đề án" in client.get("/van-ban/").content.decode()
    document = LegalDocument.objects.get(number="21/KH-UBND")
    document.summary = "Trích yếu đã sửa"
    with django_capture_on_commit_callbacks(execute=True):
        document.save_revision().publish()
    html = client.get("/van-ban/").content.decode()
    assert "Trích yếu đã sửa" in html and "Triển khai Đề án" not in html


def test_a_new_document_enters_and_a_draft_never_appears(
    client, index, seed_documents, make_document, django_capture_on_commit_callbacks
):
    assert count(client.get("/van-ban/").content.decode()) == "4 văn bản"
    with django_capture_on_commit_callbacks(execute=True):
        make_document("99/QĐ-UBND", summary="Văn bản mới ban hành", issued="2024-01-01")
        make_document("98/QĐ-UBND", summary="Bản nháp chưa công bố", live=False)
    html = client.get("/van-ban/").content.decode()
    assert count(html) == "5 văn bản" and rows(html)[0] == "99/QĐ-UBND"
    assert "Bản nháp chưa công bố" not in html
    assert '<option value="2024">2024</option>' in html  # the form's years too
    assert rows(client.get("/van-ban/", {"year": 2024}).content.decode()) == ["99/QĐ-UBND"]


def test_an_unpublished_document_leaves_every_list_at_once(
    client, index, seed_documents, django_capture_on_commit_callbacks
):
    decision = DocumentType.objects.get(name="Quyết định")
    assert rows(client.get("/van-ban/", {"doc_type": decision.pk}).content.decode())
    document = LegalDocument.objects.get(number="1079/QĐ-TTg")
    with django_capture_on_commit_callbacks(execute=True):
        document.unpublish()
    assert not rows(client.get("/van-ban/", {"doc_type": decision.pk}).content.decode())
    html = client.get("/van-ban/").content.decode()
    assert "1079/QĐ-TTg" not in html and count(html) == "3 văn bản"


def test_a_list_from_the_cache_carries_the_keys_of_the_documents_it_shows(
    client, index, seed_documents
):
    found = []
    for view in range(2):
        with surrogate.collect() as keys:
            assert client.get("/van-ban/", {"bench": view}).status_code == 200
        found.append(keys)
    documents = [{key for key in keys if key.startswith("documents.")} for keys in found]
    assert documents[0] == documents[1]
    assert {f"documents.legaldocument:{d.pk}" for d in seed_documents} <= found[1]
    assert {
        "documents.legaldocument",
        f"documents.documenttype:{seed_documents[0].doc_type_id}",
    } <= (found[1])


def test_a_preview_reads_the_list_afresh(client, index, seed_documents):
    assert "Về công tác nhân quyền" in client.get("/van-ban/").content.decode()
    # changed without a content version bump: the live list rightly keeps its fragments
    LegalDocument.objects.filter(number="44-CT/TW").update(summary="Sửa thẳng trong cơ sở dữ liệu")
    assert "Về công tác nhân quyền" in client.get("/van-ban/").content.decode()
    preview = index.make_preview_request().render().content.decode()
    assert "Sửa thẳng trong cơ sở dữ liệu" in preview
    assert "Về công tác nhân quyền" in client.get("/van-ban/").content.decode()  # none kept
