from tests.factories import ArticlePageFactory, CategoryPageFactory


def test_it_lists_articles_of_the_section_and_its_subsections_newest_first(client, section):
    sub = CategoryPageFactory(parent=section, title="Chuyển đổi số")
    ArticlePageFactory(parent=section, title="Bài cũ hơn")
    ArticlePageFactory(parent=sub, title="Bài mới hơn")
    html = client.get(section.url).content.decode()
    assert html.index("Bài mới hơn") < html.index("Bài cũ hơn")
    assert 'aria-label="Chuyên mục con"' in html


def test_it_paginates_ten_per_page(client, section):
    for n in range(23):
        ArticlePageFactory(parent=section, title=f"Bài số {n:02d}")
    first = client.get(section.url).content.decode()
    third = client.get(section.url + "?page=3").content.decode()
    assert first.count('class="teaser"') == 10
    assert third.count('class="teaser"') == 3
    assert "Bài số 00" in third
    assert 'rel="next"' in first and 'aria-label="Phân trang"' in first


def test_odd_page_numbers_fall_back_instead_of_failing(client, section):
    ArticlePageFactory(parent=section)
    assert client.get(section.url + "?page=abc").status_code == 200
    assert client.get(section.url + "?page=999").status_code == 200


def test_the_breadcrumb_leads_home(client, section):
    sub = CategoryPageFactory(parent=section, title="Chuyển đổi số")
    html = client.get(sub.url).content.decode()
    crumb = html.split('aria-label="Đường dẫn"')[1].split("</nav>")[0]
    assert '<a href="/">Trang chủ</a>' in crumb
    assert "Tin tức - Sự kiện" in crumb
    assert '<li aria-current="page">Chuyển đổi số</li>' in crumb
