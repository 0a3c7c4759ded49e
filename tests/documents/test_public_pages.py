"""/van-ban/: the filtered list, each document's page, and its download."""

import re

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from cong.documents.models import DocumentType, LegalDocumentFile


def rows(html):
    return re.findall(r'<tr>\s*<td><a href="[^"]+">([^<]+)</a>', html)


def test_the_list_has_real_selects_for_every_filter(client, index, seed_documents):
    html = client.get("/van-ban/").content.decode()
    for name in ("doc_type", "issuing_body", "field", "year", "status", "sort"):
        assert re.search(rf'<select name="{name}"', html), name
    assert '<option value="2023">2023</option>' in html
    assert set(rows(html)) == {"21/KH-UBND", "1079/QĐ-TTg", "44-CT/TW", "46-TB/TW"}


def test_choosing_quyet_dinh_keeps_1079_and_drops_21(client, index, seed_documents):
    decision = DocumentType.objects.get(name="Quyết định")
    html = client.get("/van-ban/", {"doc_type": decision.pk}).content.decode()
    assert rows(html) == ["1079/QĐ-TTg"]


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("quyen con nguoi", {"21/KH-UBND", "1079/QĐ-TTg"}),
        ("QUYỀN CON NGƯỜI", {"21/KH-UBND", "1079/QĐ-TTg"}),
        ("1079/qd-ttg", {"1079/QĐ-TTg"}),
        ("21/KH-UBND", {"21/KH-UBND"}),
        ("nhan quyen", {"44-CT/TW"}),
        ("ke hoach", {"21/KH-UBND"}),
        ("khong co gi", set()),
    ],
)
def test_the_text_box_matches_number_or_summary_without_accents(
    client, index, seed_documents, q, expected
):
    html = client.get("/van-ban/", {"q": q}).content.decode()
    assert set(rows(html)) == expected


def test_filters_by_year_body_and_sort(client, index, seed_documents):
    assert rows(client.get("/van-ban/", {"year": 2018}).content.decode()) == ["46-TB/TW"]
    oldest = rows(client.get("/van-ban/", {"sort": "oldest"}).content.decode())
    assert oldest[0] == "44-CT/TW" and oldest[-1] == "21/KH-UBND"


def test_odd_filter_values_show_the_whole_list_not_an_error(client, index, seed_documents):
    for params in (
        {"year": "abc"},
        {"doc_type": "999"},
        {"status": "x"},
        {"page": "-3"},
        {"q": "\x00" * 3},
    ):
        response = client.get("/van-ban/", params)
        assert response.status_code == 200


def test_the_list_paginates_and_keeps_the_filters(client, index, make_document):
    for n in range(45):
        make_document(f"{n}/QĐ-UBND", summary="Quyết định về chuyển đổi số")
    html = client.get("/van-ban/", {"q": "chuyen doi so"}).content.decode()
    assert len(rows(html)) == 20
    assert 'href="?q=chuyen+doi+so&amp;page=2" rel="next"' in html


def test_a_document_page_shows_every_field_relations_and_files(client, index, make_document):
    old = make_document("1025/QĐ-UBND", summary="Danh mục dịch vụ công năm 2023")
    new = make_document(
        "2150/QĐ-UBND", summary="Danh mục thay thế", signer="Người Ký", field="Chuyển đổi số"
    )
    new.replaces.add(old)
    new.save()
    pdf = get_document_model()(title="Bản ký số")
    pdf.file.save("2150-qd-ubnd.pdf", ContentFile(b"%PDF-1.4 demo"), save=False)
    pdf.save()
    LegalDocumentFile.objects.create(legal_document=new, document=pdf)
    html = client.get(index.document_url(new)).content.decode()
    for text in (
        "Quyết định số 2150/QĐ-UBND",
        "UBND tỉnh Thanh Hóa",
        "Người Ký",
        "06/02/2023",
        "Chuyển đổi số",
        "Còn hiệu lực",
        "Thay thế văn bản",
        "1025/QĐ-UBND",
    ):
        assert text in html, text
    assert 'href="/documents/' in html and "Bản ký số" in html and "(PDF" in html
    old_html = client.get(index.document_url(old)).content.decode()
    assert "Hết hiệu lực" in old_html and "Bị thay thế bởi" in old_html


def test_the_download_has_the_right_type_and_file_name(client, index, make_document):
    pdf = get_document_model()(title="Kế hoạch 21")
    pdf.file.save("ke-hoach-21-kh-ubnd.pdf", ContentFile(b"%PDF-1.4 demo"), save=False)
    pdf.save()
    response = client.get(pdf.url)
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="ke-hoach-21-kh-ubnd.pdf"' in response["Content-Disposition"]


def test_a_wrong_slug_redirects_and_a_draft_is_not_public(client, index, make_document):
    document = make_document("21/KH-UBND", "Kế hoạch")
    response = client.get(f"/van-ban/{document.pk}-sai/")
    assert response.status_code == 301
    assert response["Location"] == "/van-ban/" + f"{document.pk}-ke-hoach-21-kh-ubnd/"
    draft = make_document("22/KH-UBND", "Kế hoạch", live=False)
    assert client.get(index.document_url(draft)).status_code == 404
