from django.contrib.auth import get_user_model
from django.urls import reverse

from cong.news.models import ArticlePage
from tests.factories import ArticlePageFactory


def test_a_page_created_in_code_gets_a_folded_ascii_slug(section):
    article = ArticlePageFactory(parent=section, title="Đường Trường Sa", slug="")
    assert article.slug == "duong-truong-sa"
    assert article.url == "/tin-tuc-su-kien/duong-truong-sa/"


def test_a_clashing_slug_gets_a_numbered_suffix(section):
    ArticlePageFactory(parent=section, title="Quyết định số 12/QĐ-UBND", slug="")
    second = ArticlePageFactory(parent=section, title="Quyết định số 12/QĐ-UBND", slug="")
    assert second.slug == "quyet-dinh-so-12-qd-ubnd-2"


def test_a_vietnamese_slug_from_the_editor_is_folded_on_save(client, section):
    user = get_user_model().objects.create_superuser("editor", "e@example.vn", "pw-12345678")
    client.force_login(user)
    url = reverse("wagtailadmin_pages:add", args=("news", "articlepage", section.pk))
    response = client.post(
        url,
        {
            "title": "Đường Trường Sa",
            "slug": "đường-trường-sa",  # what the editor's script leaves with unicode slugs on
            "lead": "Sapo.",
            "body-count": "0",
            "date": "18/08/2023 15:30",
            "author_names": "",
            "author_unit": "",
            "source": "",
            "tags": "",
            "related_links-TOTAL_FORMS": "0",
            "related_links-INITIAL_FORMS": "0",
            "related_links-MIN_NUM_FORMS": "0",
            "related_links-MAX_NUM_FORMS": "1000",
            "comment_notifications": "",
            "comments-TOTAL_FORMS": "0",
            "comments-INITIAL_FORMS": "0",
            "comments-MIN_NUM_FORMS": "0",
            "comments-MAX_NUM_FORMS": "1000",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    article = ArticlePage.objects.get(title="Đường Trường Sa")
    assert article.slug == "duong-truong-sa"


def test_titles_pasted_in_nfd_are_stored_in_nfc(section):
    article = ArticlePageFactory(parent=section, title="Vie\u0302\u0323t Nam", slug="")
    assert article.title == "Việt Nam"
    assert article.slug == "viet-nam"
