"""A kind of content is searchable once its app declares it (cong.search.registry)."""

import dataclasses

import pytest

from cong.participation.models import QuestionIndexPage
from cong.search import registry
from tests.search.test_other_content import answered
from tests.search.test_search_page import titles


@pytest.fixture
def questions_page(home):
    return home.add_child(instance=QuestionIndexPage(title="Hỏi đáp", slug="hoi-dap"))


@pytest.fixture
def restore_registry():
    saved = dict(registry._registry)
    yield
    registry._registry.clear()
    registry._registry.update(saved)


def test_the_apps_declare_documents_and_questions():
    assert [kind.name for kind in registry.kinds()][:2] == ["documents", "questions"]


def test_the_kind_filter_offers_each_declared_kind(client, home, restore_registry):
    html = client.get("/tim-kiem/").content.decode()
    assert 'value="questions"' in html and 'value="documents"' in html
    registry.unregister("questions")
    html = client.get("/tim-kiem/").content.decode()
    assert 'value="questions"' not in html and 'value="documents"' in html


def test_an_undeclared_kind_is_not_searched(client, questions_page, restore_registry):
    answered("Cấp giấy phép bưu chính")
    assert titles(client, "giay phep buu chinh")[0] == ["Cấp giấy phép bưu chính"]
    registry.unregister("questions")
    assert titles(client, "giay phep buu chinh")[0] == []


def test_a_kind_renders_through_its_own_declaration(client, questions_page, restore_registry):
    answered("Cấp giấy phép bưu chính")
    kind = registry.get("questions")
    registry.register(
        dataclasses.replace(
            kind,
            label="Giải đáp",
            title=lambda question: f"Hỏi: {question.title}",
            url=lambda question, site: f"/giai-dap/{question.pk}/",
        )
    )
    found, html = titles(client, "giay phep buu chinh")
    assert found == ["Hỏi: Cấp giấy phép bưu chính"]
    assert "Giải đáp" in html and "/giai-dap/" in html


def test_pages_cannot_be_replaced():
    kind = registry.get("questions")
    with pytest.raises(ValueError):
        registry.register(dataclasses.replace(kind, name="pages"))
