import re

import pytest
import wagtail_factories
from wagtail.rich_text import RichText

from cong.news.models import ArticleRelatedLink
from tests.factories import ArticlePageFactory
from tests.html import unsigned


@pytest.fixture
def photo(db):
    return wagtail_factories.ImageFactory(
        title="Toàn cảnh hội nghị",
        description="Hội trường đông kín đại biểu",
        width=1600,
        height=1000,
    )


@pytest.fixture
def article(section, photo):
    article = ArticlePageFactory(
        parent=section,
        title="Tập huấn công tác thông tin đối ngoại về quyền con người năm 2023",
        slug="",
        lead="Ngày 18/8, Sở Thông tin và Truyền thông tổ chức hội nghị tập huấn.",
        featured_image=photo,
        source="Cổng TTĐT tỉnh",
        body=[
            ("paragraph", RichText("<p>Đoạn mở đầu của bài viết.</p>")),
            (
                "image",
                {
                    "image": photo,
                    "alt": "",
                    "caption": "Toàn cảnh Hội nghị",
                    "credit": "Ảnh: Nguyễn Hiền",
                },
            ),
            ("quote", {"text": "Lấy xây để chống.", "attribution": "Đại diện Ban Tổ chức"}),
            (
                "table",
                {
                    "data": [["Thời gian", "Nội dung"], ["8:00", "Khai mạc"]],
                    "first_row_is_table_header": True,
                    "first_col_is_header": False,
                    "table_caption": "Chương trình",
                },
            ),
        ],
    )
    article.tags.add("quyền con người", "đối ngoại")
    article.save_revision().publish()
    return article


def test_it_shows_title_lead_date_and_the_byline_author_dash_unit(client, article):
    html = client.get(article.url).content.decode()
    assert "<h1>Tập huấn công tác thông tin đối ngoại về quyền con người năm 2023</h1>" in html
    assert '<p class="article__lead">Ngày 18/8, Sở Thông tin' in html
    assert '<p class="byline">Nguyễn Hiền - Phòng QLTTBCXB</p>' in html
    assert re.search(r"<time datetime=\"[^\"]+\">\d\d:\d\d \d\d/\d\d/\d{4}</time>", html)
    assert "Nguồn: Cổng TTĐT tỉnh" in html


def test_photos_are_figures_with_captions_credits_and_real_alt_text(client, article):
    html = client.get(article.url).content.decode()
    figure = re.search(r'<figure class="figure">(.*?)</figure>', html, re.S).group(1)
    assert "<picture>" in figure
    assert 'alt="Hội trường đông kín đại biểu"' in figure  # the image's description
    assert 'loading="lazy"' in figure
    assert "srcset=" in figure and "image/webp" in figure
    assert '<figcaption>Toàn cảnh Hội nghị <span class="credit">Ảnh: Nguyễn Hiền</span>' in figure


def test_quotes_and_tables_render_as_semantic_html(client, article):
    html = client.get(article.url).content.decode()
    assert "<blockquote><p>Lấy xây để chống.</p></blockquote>" in html
    assert "<figcaption>Đại diện Ban Tổ chức</figcaption>" in html
    assert "<caption>Chương trình</caption>" in html
    assert '<th scope="col">Thời gian</th>' in html


def test_it_lists_tags_and_live_related_articles_only(client, section, article):
    live = ArticlePageFactory(parent=section, title="Bài liên quan còn xuất bản")
    draft = ArticlePageFactory(parent=section, title="Bài nháp", live=False)
    ArticleRelatedLink.objects.create(page=article, related_page=live, sort_order=0)
    ArticleRelatedLink.objects.create(page=article, related_page=draft, sort_order=1)
    html = client.get(article.url).content.decode()
    assert "Tin liên quan" in html
    assert "Bài liên quan còn xuất bản" in html
    assert "Bài nháp" not in html
    assert '<span class="tag">quyền con người</span>' in html


def test_it_has_open_graph_canonical_and_print_tags(client, article):
    html = client.get(article.url).content.decode()
    assert f'<link rel="canonical" href="http://localhost{article.url}">' in html
    assert '<meta property="og:type" content="article">' in html
    assert '<meta property="og:title" content="Tập huấn công tác' in html
    assert '<meta property="og:image" content="http://localhost/media/images/' in html
    assert 'media="print"' in html
    assert "data-print" in html


def test_an_article_seen_before_renders_within_six_queries(
    client, article, django_assert_max_num_queries
):
    first = client.get(article.url).content.decode()  # as a live site has it: warm caches
    # The page (its route is cached: cong/core/routing.py); the head's metadata, the body,
    # the tags and the related articles are cached fragments, pictures remembered
    # (docs/performance.md).
    with django_assert_max_num_queries(6):
        response = client.get(article.url)
    assert response.status_code == 200 and unsigned(response.content.decode()) == unsigned(first)


def test_the_body_and_related_articles_are_rendered_once_per_content_version(
    client, section, article, django_capture_on_commit_callbacks
):
    from unittest import mock

    from cong.news.models import ArticlePage

    related = ArticlePageFactory(parent=section, title="Bài liên quan")
    ArticleRelatedLink.objects.create(page=article, related_page=related, sort_order=0)
    with mock.patch.object(
        ArticlePage, "related_articles", autospec=True, side_effect=ArticlePage.related_articles
    ) as computed:
        assert "Bài liên quan" in client.get(article.url).content.decode()
        assert "Bài liên quan" in client.get(article.url).content.decode()
        assert computed.call_count == 1
        with django_capture_on_commit_callbacks(execute=True):
            related.title = "Bài liên quan, tên mới"
            related.save_revision().publish()
        assert "Bài liên quan, tên mới" in client.get(article.url).content.decode()
        assert computed.call_count == 2


def test_changed_tags_show_at_once(client, article, django_capture_on_commit_callbacks):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    assert '<span class="tag">đối ngoại</span>' in client.get(article.url).content.decode()
    with CaptureQueriesContext(connection) as captured:
        client.get(article.url, {"bench": 1})
    assert not [q for q in captured if "taggit_tag" in q["sql"]]  # a cached fragment
    article.tags.set(["chuyển đổi số"])
    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()
    html = client.get(article.url).content.decode()
    assert '<span class="tag">chuyển đổi số</span>' in html and "đối ngoại</span>" not in html


def test_a_draft_article_is_not_public(client, section):
    draft = ArticlePageFactory(parent=section, title="Chưa duyệt", live=False)
    assert client.get(f"/tin-tuc-su-kien/{draft.slug}/").status_code == 404
