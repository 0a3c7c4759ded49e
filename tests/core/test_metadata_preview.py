"""An editor's preview of a page not yet saved renders its metadata too (no address yet in
the database: the head must not break the preview)."""

from wagtail.models import Page

from cong.news.models import ArticlePage


def test_the_preview_of_a_new_article_carries_its_metadata(section, rf):
    page = ArticlePage(title="Bài chưa lưu", slug="bai-chua-luu", lead="Sapo của bài.")
    # As Wagtail's "preview on create" does: a place in the tree, not saved.
    page.depth = section.depth + 1
    page.path = Page._get_path(section.path, page.depth, section.numchild + 1)
    page.set_url_path(section)
    response = page.make_preview_request()
    assert response.status_code == 200
    html = response.content.decode()
    assert '<meta property="og:type" content="article">' in html
    assert '<meta name="DC.subject" content="Tin tức - Sự kiện">' in html
    assert '"@type": "NewsArticle"' in html
