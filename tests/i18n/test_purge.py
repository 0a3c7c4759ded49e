"""Publishing a translated page purges its own language's cached pages, not the other
language's (issue 21): English pages load English pages only, so their surrogate keys
(cong.core.surrogate) never name a Vietnamese page, and the reverse."""

from tests.core.test_purge import cached, commit, root, site, write  # noqa: F401 (fixtures)
from tests.factories import ArticlePageFactory, CategoryPageFactory
from tests.i18n.conftest import translate


def test_english_publish_purges_english_pages(client, root, site, home, commit):  # noqa: F811
    news = CategoryPageFactory(parent=home, title="Tin tức", slug="tin-tuc")
    article = ArticlePageFactory(parent=news, title="Bài viết tiếng Việt", slug="bai-viet")
    other = ArticlePageFactory(parent=news, title="Bài khác", slug="bai-khac")
    english_home = translate(home, title="Home")
    english_news = translate(news, title="News", slug="news")
    english_article = translate(article, title="An English article", slug="an-article")
    vietnamese = ["/", news.url, article.url, other.url]
    english = [english_home.url, english_news.url, english_article.url]
    assert all(url.startswith("/en/") for url in english)
    write(client, root, *vietnamese, *english)

    with commit(execute=True):
        english_article.title = "An English article, retitled"
        english_article.save_revision().publish()

    assert [url for url in english if cached(root, url).exists()] == []
    assert [url for url in vietnamese if not cached(root, url).exists()] == []
    assert "retitled" in client.get(english_home.url).content.decode()


def test_vietnamese_publish_keeps_english_pages(client, root, site, home, commit):  # noqa: F811
    news = CategoryPageFactory(parent=home, title="Tin tức", slug="tin-tuc")
    article = ArticlePageFactory(parent=news, title="Bài viết", slug="bai-viet")
    english_home = translate(home, title="Home")
    english_news = translate(news, title="News", slug="news")
    write(client, root, "/", news.url, english_home.url, english_news.url)

    with commit(execute=True):
        article.title = "Bài viết, tên mới"
        article.save_revision().publish()

    assert not cached(root, "/").exists() and not cached(root, news.url).exists()
    assert cached(root, english_home.url).exists() and cached(root, english_news.url).exists()
