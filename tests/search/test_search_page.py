"""/tim-kiem/: one accent-insensitive search over articles and legal documents."""

import unicodedata

import pytest
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.rich_text import RichText

from tests.factories import ArticlePageFactory


@pytest.fixture
def corpus(section, index, seed_documents):
    ArticlePageFactory(
        parent=section,
        title="Tập huấn thông tin đối ngoại về quyền con người",
        lead="Hội nghị tập huấn tại Thanh Hóa.",
        body=[("paragraph", RichText("<p>Thực hiện Kế hoạch số 21/KH-UBND của UBND tỉnh.</p>"))],
    )
    ArticlePageFactory(parent=section, title="Chuyển đổi số ở Hà Nội", lead="Tin về đô thị.")
    ArticlePageFactory(parent=section, title="Tin giao thông", lead="Đường về Hà Nội đông xe.")
    ArticlePageFactory(parent=section, title="Bản nháp về quyền con người", live=False)


def titles(client, q, **params):
    html = client.get("/tim-kiem/", {"q": q, **params}).content.decode()
    import re

    return re.findall(r'<li><h2><a href="[^"]+">([^<]+)</a></h2>', html), html


@pytest.mark.parametrize(
    "q",
    [
        "quyen con nguoi",
        "QUYỀN CON NGƯỜI",
        unicodedata.normalize("NFD", "quyền con người"),
        "Quyền Con Người",
    ],
)
def test_every_form_of_the_query_finds_the_same_content(client, corpus, q):
    found, _ = titles(client, q)
    assert "Tập huấn thông tin đối ngoại về quyền con người" in found
    assert "Kế hoạch số 21/KH-UBND" in found and "Quyết định số 1079/QĐ-TTg" in found
    assert "Bản nháp về quyền con người" not in found


def test_doi_ngoai_without_accents_finds_the_article(client, corpus):
    found, _ = titles(client, "doi ngoai")
    assert found[0] == "Tập huấn thông tin đối ngoại về quyền con người"


def test_a_document_number_is_matched_whole(client, corpus, make_document):
    make_document("121/KH-UBND", "Kế hoạch", summary="Một kế hoạch khác")
    found, _ = titles(client, "21/KH-UBND")
    assert "Kế hoạch số 21/KH-UBND" in found
    assert "Kế hoạch số 121/KH-UBND" not in found
    assert "Tập huấn thông tin đối ngoại về quyền con người" in found  # it cites the number
    assert "Kế hoạch số 21/KH-UBND" in titles(client, "21/kh-ubnd")[0]
    assert titles(client, "1079/qd-ttg")[0] == ["Quyết định số 1079/QĐ-TTg"]


def test_quoted_phrases_match_words_in_order(client, corpus):
    assert titles(client, '"nguoi con quyen"')[0] == []
    assert (
        "Tập huấn thông tin đối ngoại về quyền con người" in titles(client, '"quyền con người"')[0]
    )


def test_title_matches_rank_above_body_matches(client, corpus):
    found, _ = titles(client, "ha noi")
    assert found.index("Chuyển đổi số ở Hà Nội") < found.index("Tin giao thông")


def test_filters_by_kind_and_date(client, corpus):
    assert set(titles(client, "quyen con nguoi", kind="documents")[0]) == {
        "Kế hoạch số 21/KH-UBND",
        "Quyết định số 1079/QĐ-TTg",
    }
    assert "Kế hoạch số 21/KH-UBND" not in titles(client, "quyen con nguoi", kind="pages")[0]
    found, _ = titles(client, "quyen con nguoi", kind="documents", since="2023-01-01")
    assert found == ["Kế hoạch số 21/KH-UBND"]


def test_matched_words_are_highlighted_in_the_snippet(client, corpus):
    _, html = titles(client, "quyen con nguoi", kind="documents")
    assert "<mark>quyền</mark> <mark>con</mark> <mark>người</mark>" in html


def test_no_result_gives_a_vietnamese_message_and_suggestions(client, corpus):
    _, html = titles(client, "xyzzy")
    assert "Không tìm thấy kết quả nào cho “xyzzy”" in html
    assert "Gõ không dấu cũng được" in html


def test_search_terms_are_logged_and_editors_can_pin_results(client, corpus, section):
    query = Query.get("quyen con nguoi")
    SearchPromotion.objects.create(
        query=query, page=section, sort_order=0, description="Mục tin chính"
    )
    _, html = titles(client, "quyen con nguoi")
    assert "Kết quả được đề xuất" in html and "Mục tin chính" in html
    assert query.hits == 1


def test_unpublishing_removes_a_page_from_results_at_once(client, corpus):
    from cong.news.models import ArticlePage

    article = ArticlePage.objects.get(title="Chuyển đổi số ở Hà Nội")
    assert "Chuyển đổi số ở Hà Nội" in titles(client, "chuyen doi so")[0]
    article.unpublish()
    assert "Chuyển đổi số ở Hà Nội" not in titles(client, "chuyen doi so")[0]


def test_a_new_article_is_found_as_soon_as_it_is_published(client, section, index):
    article = ArticlePageFactory(parent=section, title="Bài mới về an toàn thông tin", live=False)
    assert titles(client, "an toan thong tin")[0] == []
    article.save_revision().publish()
    assert titles(client, "an toan thong tin")[0] == ["Bài mới về an toàn thông tin"]


def test_odd_queries_do_not_fail(client, corpus):
    for q in ['"', '""', "***", "a" * 500, "\x00", "'; DROP TABLE", "OR AND NOT", "((("]:
        assert client.get("/tim-kiem/", {"q": q}).status_code == 200
