"""The demo's disclosure sections and press statements (built by `load_demo`)."""

import json
from pathlib import Path

from wagtail.documents import get_document_model

from cong.demo.pdfs import document_pdf
from cong.disclosure.demo import ensure_disclosure
from cong.disclosure.models import DisclosureItem, DisclosurePage
from cong.news.models import ArticlePage, CategoryPage

DATA = json.loads(
    (Path(__file__).resolve().parents[2] / "cong/demo/data/disclosure.json").read_text("utf-8")
)


def counts():
    return (
        DisclosurePage.objects.count(),
        DisclosureItem.objects.count(),
        get_document_model().objects.count(),
        CategoryPage.objects.count(),
        ArticlePage.objects.count(),
    )


def test_the_demo_builds_twice_without_duplicates(home, site):
    ensure_disclosure(home, site, DATA, document_pdf)
    before = counts()
    ensure_disclosure(home, site, DATA, document_pdf)
    assert counts() == before
    assert before[:2] == (5, 26)


def test_the_demo_has_the_sections_a_department_needs_each_with_its_law(client, home, site):
    ensure_disclosure(home, site, DATA, document_pdf)
    index = DisclosurePage.objects.get(slug="cong-khai")
    assert index.show_in_menus and index.get_parent().pk == home.pk
    sections = {page.title: page for page in DisclosurePage.objects.child_of(index)}
    assert set(sections) == {
        "Công khai ngân sách",
        "Đầu tư công, mua sắm công",
        "Kế hoạch công tác",
        "Danh mục thông tin công khai",
    }
    assert all(page.legal_basis for page in sections.values())
    budget = sections["Công khai ngân sách"]
    assert "Nghị định 163/2016/NĐ-CP" in budget.legal_basis
    items = budget.items.all()
    assert {item.year for item in items} == {2023, 2024, 2025}
    assert {item.kind for item in items} == {"du-toan", "thuc-hien", "quyet-toan"}
    html = client.get(budget.url).content.decode()
    assert "Quý IV/2025" in html and "(PDF, " in html
    assert "mẫu" in html  # clearly sample data


def test_the_press_statements_are_a_news_section_with_two_statements(client, home, site):
    ensure_disclosure(home, site, DATA, document_pdf)
    section = CategoryPage.objects.get(slug="thong-cao-bao-chi")
    assert section.title == "Thông cáo báo chí"
    statements = ArticlePage.objects.child_of(section).live()
    assert statements.count() == 2
    html = client.get(section.url).content.decode()
    assert all(statement.title in html for statement in statements)
