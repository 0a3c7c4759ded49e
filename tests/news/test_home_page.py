from tests.factories import ArticlePageFactory, CategoryPageFactory
from tests.html import unsigned


def test_it_shows_the_featured_article_first_and_the_latest_per_section(client, home, section):
    notices = CategoryPageFactory(parent=home, title="Thông báo")
    ArticlePageFactory(parent=section, title="Tin nổi bật nhất", is_featured=True)
    for n in range(6):
        ArticlePageFactory(parent=notices, title=f"Thông báo số {n}")
    html = client.get("/").content.decode()
    assert html.index("Tin nổi bật nhất") < html.index("Thông báo số 5")
    assert "Thông báo số 5" in html and "Thông báo số 2" in html
    notices_block = html.split(f'id="section-{notices.pk}"')[1].split("</section>")[0]
    assert notices_block.count('class="teaser"') == 4
    assert "Thông báo số 1" not in notices_block


def test_the_main_menu_lists_sections_in_menus_only(client, home, section):
    CategoryPageFactory(parent=home, title="Mục ẩn", show_in_menus=False)
    html = client.get("/").content.decode()
    menu = html.split('aria-label="Menu chính"')[1].split("</nav>")[0]
    assert "Tin tức - Sự kiện" in menu
    assert "Mục ẩn" not in menu
    assert 'aria-current="page">Trang chủ' in menu


def test_the_page_is_vietnamese_with_a_skip_link(client, home):
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US").content.decode()
    assert '<html lang="vi">' in html
    assert '<a class="skip-link" href="#main">' in html


def test_the_home_page_renders_within_fifteen_queries(
    client, home, section, django_assert_max_num_queries
):
    for n in range(8):
        ArticlePageFactory(parent=section, title=f"Tin {n}", is_featured=n < 3)
    client.get("/")
    with django_assert_max_num_queries(15):
        assert client.get("/").status_code == 200


def test_the_news_lists_are_read_once_per_content_version(
    client, home, section, django_capture_on_commit_callbacks
):
    from unittest import mock

    from cong.news.models import HomePage

    ArticlePageFactory(parent=section, title="Tin đầu tiên")
    with mock.patch.object(
        HomePage, "news_lists", autospec=True, side_effect=HomePage.news_lists
    ) as read:
        first = client.get("/").content.decode()
        assert "Tin đầu tiên" in first and read.call_count == 1
        assert unsigned(client.get("/").content.decode()) == unsigned(first)
        assert read.call_count == 1
        with django_capture_on_commit_callbacks(execute=True):
            ArticlePageFactory(parent=section, title="Tin mới đăng").save_revision().publish()
        assert "Tin mới đăng" in client.get("/").content.decode()
        assert read.call_count == 2
