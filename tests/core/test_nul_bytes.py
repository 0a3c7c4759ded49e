"""A NUL byte in a query or a form field gets a page, in Vietnamese, never a 500."""

import pytest

from cong.participation.models import QuestionIndexPage


@pytest.fixture
def questions_page(home):
    page = QuestionIndexPage(title="Hỏi đáp", slug="hoi-dap")
    home.add_child(instance=page)
    return page


def test_a_nul_byte_in_a_search_query_is_searched_as_a_space(client, home):
    client.raise_request_exception = False
    response = client.get("/tim-kiem/", {"q": "quy\x00chế"})
    assert response.status_code == 200


def test_a_nul_byte_in_a_form_field_gets_a_vietnamese_error(client, questions_page):
    client.raise_request_exception = False
    response = client.get("/hoi-dap/theo-doi/", {"code": "\x00"})
    assert response.status_code in (200, 404)
    html = response.content.decode()
    assert "Null characters" not in html
    assert "ký tự NUL" in html


def test_a_nul_byte_in_the_question_form_is_dropped(client, questions_page):
    client.raise_request_exception = False
    response = client.post("/hoi-dap/dat-cau-hoi/", {"asker_name": "An\x00", "title": "\x00"})
    assert response.status_code == 200
    assert "Null characters" not in response.content.decode()
