"""The head's metadata kept per site, page, language and content version (base.html's
`metadata` fragment, issue 20): built once, changed at once by a publish, with the keys of
what it read; a route's own metadata (a legal document) and a preview are never kept."""

import re
from unittest import mock

import wagtail_factories

from cong.core import surrogate
from cong.news.models import ArticlePage
from tests.factories import ArticlePageFactory


def description(html: str) -> str:
    return re.search(r'<meta property="og:description" content="([^"]*)">', html).group(1)


def test_the_metadata_is_built_once_per_content_version(
    client, section, django_capture_on_commit_callbacks
):
    article = ArticlePageFactory(parent=section, lead="Sapo đầu tiên.")
    with mock.patch.object(
        ArticlePage, "metadata", autospec=True, side_effect=ArticlePage.metadata
    ) as built:
        assert description(client.get(article.url).content.decode()) == "Sapo đầu tiên."
        assert description(client.get(article.url, {"bench": 1}).content.decode()) == (
            "Sapo đầu tiên."
        )
        assert built.call_count == 1
        article.lead = "Sapo đã sửa."
        with django_capture_on_commit_callbacks(execute=True):
            article.save_revision().publish()
        assert description(client.get(article.url).content.decode()) == "Sapo đã sửa."
        assert built.call_count == 2


def test_metadata_from_the_cache_carries_the_keys_of_its_image(client, section):
    photo = wagtail_factories.ImageFactory(title="Ảnh")
    article = ArticlePageFactory(parent=section, featured_image=photo)
    found = []
    for view in range(2):
        with surrogate.collect() as keys:
            html = client.get(article.url, {"bench": view}).content.decode()
        assert '<meta property="og:image" content="http' in html
        found.append(keys)
    assert f"wagtailimages.image:{photo.pk}" in found[1]


def test_each_legal_document_keeps_its_own_metadata(client, index, make_document):
    first = make_document("1/QĐ-UBND", summary="Văn bản thứ nhất")
    second = make_document("2/QĐ-UBND", summary="Văn bản thứ hai")
    for document in (first, second, first):
        html = client.get(index.document_url(document)).content.decode()
        canonical = re.search(r'<link rel="canonical" href="([^"]*)">', html).group(1)
        assert canonical == index.full_document_url(document)
        assert description(html) == document.summary


def test_a_preview_builds_its_metadata_afresh(client, section):
    article = ArticlePageFactory(parent=section, lead="Sapo đã đăng.")
    client.get(article.url)
    draft = ArticlePage.objects.get(pk=article.pk)
    draft.lead = "Sapo của bản nháp."
    html = draft.make_preview_request().content.decode()
    assert description(html) == "Sapo của bản nháp."
    assert description(client.get(article.url).content.decode()) == "Sapo đã đăng."
