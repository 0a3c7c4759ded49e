"""Document numbers mentioned in articles link to the documents' pages."""

from wagtail.rich_text import RichText

from tests.factories import ArticlePageFactory


def article_with(section, html):
    article = ArticlePageFactory(parent=section, body=[("paragraph", RichText(html))])
    return article


def test_a_mentioned_number_links_to_its_document(client, section, index, seed_documents):
    plan = seed_documents[0]
    article = article_with(
        section,
        "<p>Thực hiện Kế hoạch số 21/KH-UBND ngày 06/2/2023 và Quyết định số 1079/QĐ-TTg; "
        "Chỉ thị số 44-CT/TW.</p>",
    )
    html = client.get(article.url).content.decode()
    assert (
        f'Kế hoạch số <a class="doc-link" href="{index.document_url(plan)}">21/KH-UBND</a>' in html
    )
    assert ">1079/QĐ-TTg</a>" in html and ">44-CT/TW</a>" in html


def test_unknown_numbers_dates_and_existing_links_are_left_alone(
    client, section, index, seed_documents
):
    article = article_with(
        section,
        '<p>Công văn số 999/UBND-VX, ngày 06/2/2023, <a href="https://vbpl.vn/">văn bản '
        "21/KH-UBND</a>.</p>",
    )
    html = client.get(article.url).content.decode()
    assert "999/UBND-VX" in html and "doc-link" not in html
    assert '<a href="https://vbpl.vn/">văn bản 21/KH-UBND</a>' in html


def test_a_draft_document_is_not_linked(client, section, index, make_document):
    make_document("77/KH-UBND", "Kế hoạch", live=False)
    article = article_with(section, "<p>Theo Kế hoạch số 77/KH-UBND.</p>")
    assert "doc-link" not in client.get(article.url).content.decode()


def test_the_sidebar_lists_new_documents(client, section, index, seed_documents):
    html = client.get(section.url).content.decode()
    box = html.split('id="latest-documents-heading"')[1].split("</section>")[0]
    assert "Văn bản mới" in html
    assert box.index("21/KH-UBND") < box.index("1079/QĐ-TTg")  # newest first
