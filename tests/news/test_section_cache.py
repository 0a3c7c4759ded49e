"""A section's list from its cached fragment (issue 20): the count kept under the content
version, the subsections and the page of articles rendered once per version and page
number; any publish, edit, unpublish or view restriction shows at once."""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from cong.core import surrogate
from tests.factories import ArticlePageFactory, CategoryPageFactory


def teasers(html: str) -> int:
    return html.count('class="teaser"')


def main(html: str) -> str:
    """The page's own content, without the sidebar's "Tin mới"."""
    return html.split('<main id="main"')[1].split("</main>")[0]


def test_a_section_seen_before_reads_no_article_whatever_else_its_query_says(client, section):
    CategoryPageFactory(parent=section, title="Chuyển đổi số")
    for n in range(3):
        ArticlePageFactory(parent=section, title=f"Bài {n}")
    first = client.get(section.url, {"bench": "1"}).content.decode()
    with CaptureQueriesContext(connection) as captured:
        again = client.get(section.url, {"bench": "2"}).content.decode()
    assert not [q for q in captured if '"news_articlepage"' in q["sql"]]
    sections = [q["sql"] for q in captured if '"news_categorypage"' in q["sql"]]
    itself = re.compile(rf'"news_categorypage"\."page_ptr_id" = {section.pk}\b')
    assert sections and all(itself.search(sql) for sql in sections)  # the section itself
    assert teasers(again) == 3 and 'aria-label="Chuyên mục con"' in again
    assert first == again


def test_each_page_number_has_its_own_articles(client, section):
    for n in range(23):
        ArticlePageFactory(
            parent=section, title=f"Bài số {n:02d}", date=f"2024-01-{n + 1:02d}T08:00:00+07:00"
        )
    for _view in range(2):  # a miss, then from the cache
        first = main(client.get(section.url).content.decode())
        third = main(client.get(section.url, {"page": 3}).content.decode())
        assert teasers(first) == 10 and "Bài số 22" in first and "Bài số 00" not in first
        assert teasers(third) == 3 and "Bài số 00" in third and "Bài số 22" not in third
        assert 'href="?page=2"' in third  # the pagination links stay the request's


def test_an_edited_article_shows_at_once(client, section, django_capture_on_commit_callbacks):
    article = ArticlePageFactory(parent=section, title="Tiêu đề cũ")
    assert "Tiêu đề cũ" in client.get(section.url).content.decode()
    article.title = "Tiêu đề đã sửa"
    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()
    html = client.get(section.url).content.decode()
    assert "Tiêu đề đã sửa" in html and "Tiêu đề cũ" not in html


def test_new_unpublished_and_private_articles(client, section, django_capture_on_commit_callbacks):
    kept = ArticlePageFactory(parent=section, title="Bài vẫn còn")
    gone = ArticlePageFactory(parent=section, title="Bài sẽ gỡ")
    client.get(section.url)
    with django_capture_on_commit_callbacks(execute=True):
        ArticlePageFactory(parent=section, title="Bài vừa đăng").save_revision().publish()
        ArticlePageFactory(parent=section, title="Bài nháp", live=False).save_revision()
    html = client.get(section.url).content.decode()
    assert "Bài vừa đăng" in html and "Bài nháp" not in html and teasers(html) == 3
    with django_capture_on_commit_callbacks(execute=True):
        gone.unpublish()
    html = client.get(section.url).content.decode()
    assert "Bài sẽ gỡ" not in html and teasers(html) == 2
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(page=kept, restriction_type="login")
    html = client.get(section.url).content.decode()
    assert "Bài vẫn còn" not in html and teasers(html) == 1


def test_a_section_from_the_cache_carries_the_keys_of_its_articles(client, section):
    sub = CategoryPageFactory(parent=section, title="Chuyển đổi số")
    articles = [ArticlePageFactory(parent=section) for _n in range(3)]
    found = []
    for view in range(2):
        with surrogate.collect() as keys:
            assert client.get(section.url, {"bench": view}).status_code == 200
        found.append(keys)
    assert {f"p{a.pk}" for a in articles} | {f"p{sub.pk}"} <= found[0]
    assert {f"p{a.pk}" for a in articles} | {f"p{sub.pk}"} <= found[1]


def test_a_preview_reads_the_articles_afresh(client, section):
    article = ArticlePageFactory(parent=section, title="Tiêu đề đã đăng")
    assert "Tiêu đề đã đăng" in client.get(section.url).content.decode()
    # changed without a publish: the live section rightly keeps its fragment
    type(article).objects.filter(pk=article.pk).update(title="Đổi thẳng trong cơ sở dữ liệu")
    assert "Tiêu đề đã đăng" in client.get(section.url).content.decode()
    preview = section.make_preview_request().render().content.decode()
    assert "Đổi thẳng trong cơ sở dữ liệu" in preview
    assert "Tiêu đề đã đăng" in client.get(section.url).content.decode()  # none kept
