from tests.factories import ArticlePageFactory


def test_it_finds_published_articles(client, section):
    ArticlePageFactory(parent=section, title="Hội nghị tập huấn quyền con người")
    ArticlePageFactory(parent=section, title="Hội nghị nháp quyền con người", live=False)
    html = client.get("/tim-kiem/", {"q": "quyền con người"}).content.decode()
    assert "Hội nghị tập huấn quyền con người" in html
    assert "Hội nghị nháp" not in html


def test_it_says_so_in_vietnamese_when_nothing_matches(client, home):
    html = client.get("/tim-kiem/", {"q": "xyzzy"}).content.decode()
    assert "Không tìm thấy kết quả nào cho “xyzzy”" in html
