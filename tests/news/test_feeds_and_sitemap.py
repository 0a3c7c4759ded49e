from tests.factories import ArticlePageFactory


def test_the_rss_feed_lists_the_latest_articles(client, section):
    ArticlePageFactory(parent=section, title="Tin về quyền con người")
    response = client.get("/rss/")
    assert response["Content-Type"].startswith("application/rss+xml")
    assert "<title>Tin về quyền con người</title>" in response.content.decode()


def test_the_sitemap_lists_sections_and_articles(client, section):
    article = ArticlePageFactory(parent=section, title="Đường Trường Sa")
    body = client.get("/sitemap.xml").content.decode()
    assert "/tin-tuc-su-kien/</loc>" in body
    assert f"{article.url}</loc>" in body
