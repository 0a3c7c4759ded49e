"""A citizen's own pages (tracking) are kept by no cache; listings carry no tracking tags."""

import pytest

from cong.participation.models import QuestionStatus
from tests.factories import QuestionFactory


def assert_private(response):
    directives = {d.strip() for d in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= directives, response["Cache-Control"]


def test_a_questions_tracking_page_is_private_and_not_stored(client, questions_page, topic):
    question = QuestionFactory(topic=topic)
    response = client.get(questions_page.tracking_url(question))
    assert response.status_code == 200
    assert_private(response)


@pytest.mark.parametrize("query", [{}, {"code": "KHONGCO"}])
def test_the_lookup_form_and_its_answers_are_private(client, questions_page, query):
    response = client.get("/hoi-dap/theo-doi/", query)
    assert response.status_code in (200, 404)
    assert_private(response)


def test_the_public_answers_list_stays_cacheable(client, questions_page):
    response = client.get("/hoi-dap/")
    assert "no-store" not in response.get("Cache-Control", "")


def test_the_answers_list_links_carry_no_tracking_parameters(
    client, questions_page, topic, unit, monkeypatch
):
    monkeypatch.setattr("cong.participation.views.questions.PER_PAGE", 1)
    for _ in range(2):
        QuestionFactory(
            topic=topic,
            unit=unit,
            status=QuestionStatus.ANSWERED,
            is_public=True,
            answer="<p>Có.</p>",
        )
    html = client.get("/hoi-dap/", {"topic": topic.pk, "utm_source": "zalo", "fbclid": "x"})
    html = html.content.decode()
    assert f'href="?topic={topic.pk}&amp;page=2" rel="next"' in html
    assert "utm_source" not in html and "fbclid" not in html
