"""Công khai: a section's items by year, filtered by year and kind, with their files."""

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail import blocks
from wagtail.documents import get_document_model

from cong.agency.models import InformationPage
from cong.disclosure.models import DisclosureFileBlock, DisclosureItem, DisclosurePage
from cong.news.models import HomePage
from tests.factories import DisclosureItemFactory, DisclosurePageFactory, InformationPageFactory


def make_file(name: str, content: bytes = b"%PDF-1.4 sample report") -> object:
    document = get_document_model()(title=name.rsplit(".", 1)[0])
    document.file.save(name, ContentFile(content), save=False)
    document.file_size = len(content)
    document.save()
    return document


def with_file(document, title=""):
    return [("file", {"document": document, "title": title})]


@pytest.fixture
def budget(home):
    page = DisclosurePageFactory(parent=home, slug="cong-khai-ngan-sach")
    DisclosureItemFactory(
        page=page,
        title="Dự toán ngân sách năm 2023",
        kind="du-toan",
        year=2023,
        published_on=datetime.date(2023, 1, 20),
    )
    DisclosureItemFactory(
        page=page,
        title="Thực hiện dự toán quý II năm 2024",
        kind="thuc-hien",
        year=2024,
        quarter=2,
        published_on=datetime.date(2024, 7, 12),
        files=with_file(make_file("thuc-hien-quy-2.xlsx", b"PK\x03\x04" + b"0" * 2044)),
    )
    DisclosureItemFactory(
        page=page,
        title="Dự toán ngân sách năm 2024",
        kind="du-toan",
        year=2024,
        published_on=datetime.date(2024, 1, 19),
        files=with_file(make_file("du-toan-2024.pdf"), title="Biểu dự toán 2024"),
    )
    DisclosureItemFactory(
        page=page,
        title="Quyết toán ngân sách năm 2024",
        kind="quyet-toan",
        year=2024,
        published_on=datetime.date(2025, 8, 28),
    )
    page.save_revision().publish()
    return page


def titles(html: str) -> list[str]:
    return re.findall(r'<th scope="row" role="rowheader">([^<]+)<br>', html)


def test_items_are_grouped_by_year_newest_first(client, budget):
    html = client.get(budget.url).content.decode()
    assert html.index('<h2 id="nam-2024">') < html.index('<h2 id="nam-2023">')
    year_2024 = html[html.index('id="nam-2024"') : html.index('id="nam-2023"')]
    assert titles(year_2024) == [
        "Quyết toán ngân sách năm 2024",
        "Thực hiện dự toán quý II năm 2024",
        "Dự toán ngân sách năm 2024",
    ]
    assert "Quý II/2024" in year_2024 and "Năm 2024" in year_2024
    assert titles(html[html.index('id="nam-2023"') :]) == ["Dự toán ngân sách năm 2023"]


def test_the_filters_are_real_selects_of_the_pages_years_and_kinds(client, budget):
    html = client.get(budget.url).content.decode()
    year_select = html[html.index('<select name="year"') : html.index("</select>")]
    assert re.findall(r'<option value="(\d*)"', year_select) == ["", "2024", "2023"]
    kind_select = html[html.index('<select name="kind"') :]
    kinds = re.findall(r'<option value="([a-z-]*)"', kind_select[: kind_select.index("</select>")])
    assert kinds == ["", "du-toan", "thuc-hien", "quyet-toan"]  # no kind the page lacks


def test_filtering_by_year_and_kind_narrows_the_list(client, budget):
    html = client.get(budget.url, {"year": "2024", "kind": "du-toan"}).content.decode()
    assert titles(html) == ["Dự toán ngân sách năm 2024"]
    assert "1 mục" in html
    html = client.get(budget.url, {"kind": "du-toan"}).content.decode()
    assert titles(html) == ["Dự toán ngân sách năm 2024", "Dự toán ngân sách năm 2023"]


def test_an_unknown_filter_value_shows_everything_with_a_vietnamese_notice(client, budget):
    response = client.get(budget.url, {"year": "1999", "kind": "<script>"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Không có năm hoặc loại đã chọn" in html
    assert len(titles(html)) == 4


def test_each_file_shows_its_name_format_and_size(client, budget):
    html = client.get(budget.url).content.decode()
    assert re.search(r'download>Biểu dự toán 2024</a> <span class="meta">\(PDF, 22\sbyte\)', html)
    assert re.search(r'download>thuc-hien-quy-2</a> <span class="meta">\(XLSX, 2,0\sKB\)', html)
    assert "Không có tệp" in html  # the items without a file say so


def test_the_table_of_each_year_scrolls_inside_a_labelled_region(client, budget):
    html = client.get(budget.url).content.decode()
    assert '<div class="table-wrap" role="region" aria-labelledby="nam-2024" tabindex="0">' in html


def test_the_page_names_its_legal_basis_and_its_last_publication(client, budget):
    html = client.get(budget.url).content.decode()
    assert "Căn cứ pháp lý:" in html and "Điều 51 Nghị định 163/2016/NĐ-CP" in html
    assert "Cập nhật lần cuối:" in html


def test_the_page_renders_within_a_bounded_number_of_queries(client, budget):
    client.get(budget.url)
    with CaptureQueriesContext(connection) as few:
        client.get(budget.url)
    document = make_file("them.pdf")
    for n in range(20):
        DisclosureItemFactory(page=budget, year=2020 + n % 5, files=with_file(document))
    budget.save_revision().publish()
    client.get(budget.url)
    with CaptureQueriesContext(connection) as many:
        html = client.get(budget.url).content.decode()
    assert len(titles(html)) == 24
    assert len(few) <= 14
    assert len(many) <= len(few)  # neither items nor files cost a query each


def test_sub_sections_are_listed_with_their_legal_basis(client, home):
    parent = DisclosurePageFactory(parent=home, title="Công khai", slug="cong-khai")
    DisclosurePageFactory(
        parent=parent,
        title="Kế hoạch công tác",
        slug="ke-hoach-cong-tac",
        legal_basis="Khoản 1 Điều 19 Luật Tiếp cận thông tin",
    )
    html = client.get(parent.url).content.decode()
    assert '<a href="/cong-khai/ke-hoach-cong-tac/">Kế hoạch công tác</a>' in html
    assert "Khoản 1 Điều 19 Luật Tiếp cận thông tin" in html
    assert "Chưa có thông tin công khai." not in html  # its sub-sections are its content


def test_pagination_links_carry_the_filters_but_no_tracking_parameters(client, home):
    page = DisclosurePageFactory(parent=home, slug="thong-ke")
    for _n in range(55):
        DisclosureItemFactory(page=page, kind="bao-cao", year=2024)
    page.save_revision().publish()
    html = client.get(page.url, {"kind": "bao-cao", "utm_source": "zalo"}).content.decode()
    links = re.findall(r'href="(\?[^"]*page=2[^"]*)"', html)
    assert links and all("kind=bao-cao" in link and "utm_" not in link for link in links)


def test_it_can_sit_under_the_home_page_an_information_page_or_another_disclosure_page():
    parents = DisclosurePage.allowed_parent_page_models()
    assert {HomePage, InformationPage, DisclosurePage} <= set(parents)


def test_a_section_under_an_information_page_is_served(client, home):
    about = InformationPageFactory(parent=home, slug="gioi-thieu")
    page = DisclosurePageFactory(parent=about, slug="cong-khai")
    assert client.get(page.url).status_code == 200


def test_a_quarter_and_a_month_together_are_refused(budget):
    item = DisclosureItem(page=budget, title="Báo cáo", kind="bao-cao", year=2024, quarter=1)
    item.month = 2
    with pytest.raises(ValidationError) as refused:
        item.full_clean()
    assert "Chọn quý hoặc tháng, không chọn cả hai." in str(refused.value)


def test_only_excel_word_and_pdf_files_are_accepted(db):
    block = DisclosureFileBlock()
    assert block.clean({"document": make_file("bao-cao.docx", b"PK\x03\x04"), "title": ""})
    with pytest.raises(blocks.StructBlockValidationError) as refused:
        block.clean({"document": make_file("anh.png", b"\x89PNG\r\n\x1a\n"), "title": ""})
    assert "Chỉ đính kèm tệp Excel, Word hoặc PDF" in str(refused.value.block_errors)


def test_search_finds_the_section_by_an_items_title(client, budget):
    html = client.get("/tim-kiem/", {"q": "quyet toan ngan sach"}).content.decode()
    assert f'href="{budget.url}"' in html
    assert "Công khai" in html


def admin_post(client, home, document, **overrides):
    user = get_user_model().objects.create_superuser("editor", "e@example.vn", "pw-12345678")
    client.force_login(user)
    data = {
        "title": "Công khai ngân sách",
        "slug": "cong-khai-ngan-sach",
        "intro": "",
        "legal_basis": "Điều 51 Nghị định 163/2016/NĐ-CP",
        "items-TOTAL_FORMS": "1",
        "items-INITIAL_FORMS": "0",
        "items-MIN_NUM_FORMS": "0",
        "items-MAX_NUM_FORMS": "1000",
        "items-0-id": "",
        "items-0-ORDER": "1",
        "items-0-DELETE": "",
        "items-0-title": "Thực hiện dự toán quý I năm 2025",
        "items-0-kind": "thuc-hien",
        "items-0-year": "2025",
        "items-0-quarter": "1",
        "items-0-month": "",
        "items-0-published_on": "2025-04-12",
        "items-0-note": "",
        "items-0-files-count": "1",
        "items-0-files-0-type": "file",
        "items-0-files-0-id": "",
        "items-0-files-0-order": "0",
        "items-0-files-0-deleted": "",
        "items-0-files-0-value-document": str(document.pk),
        "items-0-files-0-value-title": "",
        "comment_notifications": "",
        "comments-TOTAL_FORMS": "0",
        "comments-INITIAL_FORMS": "0",
        "comments-MIN_NUM_FORMS": "0",
        "comments-MAX_NUM_FORMS": "1000",
        **overrides,
    }
    url = reverse("wagtailadmin_pages:add", args=("disclosure", "disclosurepage", home.pk))
    return client.post(url, data)


def test_an_editor_adds_a_section_with_a_report_and_its_file_in_one_form(client, home):
    response = admin_post(client, home, make_file("quy-1.xlsx", b"PK\x03\x04"))
    form = response.context["form"] if response.status_code == 200 else None
    assert response.status_code == 302, (form.errors, [f.errors for f in form.formsets["items"]])
    page = DisclosurePage.objects.get(title="Công khai ngân sách")
    item = page.items.get()
    assert (item.kind, item.year, item.quarter, item.period_label) == (
        "thuc-hien",
        2025,
        1,
        "Quý I/2025",
    )


def test_the_editor_is_told_in_vietnamese_when_a_file_is_not_a_report(client, home):
    response = admin_post(client, home, make_file("anh.png", b"\x89PNG\r\n\x1a\n"))
    assert response.status_code == 200
    item_form = response.context["form"].formsets["items"].forms[0]
    block_errors = item_form.errors["files"].as_data()[0].block_errors
    assert "Chỉ đính kèm tệp Excel, Word hoặc PDF" in str(block_errors[0].block_errors)
    assert not DisclosurePage.objects.exists()
