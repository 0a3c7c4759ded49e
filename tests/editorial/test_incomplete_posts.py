"""A page POST without its StreamField counts is refused with a message, never a 500."""

from django.contrib.messages import get_messages

from tests.accounts.helpers import login_with_second_factor
from tests.factories import ArticlePageFactory, CategoryPageFactory


def test_an_edit_without_the_body_count_is_refused_and_nothing_is_saved(
    client, home, django_user_model
):
    article = ArticlePageFactory(parent=CategoryPageFactory(parent=home), title="Bài cũ")
    admin = django_user_model.objects.create_superuser("quantri", "qt@example.vn", "x")
    login_with_second_factor(client, admin)
    client.raise_request_exception = False
    url = f"/admin/pages/{article.pk}/edit/"
    response = client.post(url, {"title": "Bài mới", "slug": article.slug})
    assert response.status_code == 303
    assert response["Location"] == url
    assert any("Trang chưa được lưu" in str(m) for m in get_messages(response.wsgi_request))
    article.refresh_from_db()
    assert article.title == "Bài cũ"
    assert client.get(url).status_code == 200


def test_a_new_page_without_the_body_count_is_refused(client, home, django_user_model):
    category = CategoryPageFactory(parent=home)
    admin = django_user_model.objects.create_superuser("quantri", "qt@example.vn", "x")
    login_with_second_factor(client, admin)
    client.raise_request_exception = False
    url = f"/admin/pages/add/news/articlepage/{category.pk}/"
    response = client.post(url, {"title": "Bài mới", "slug": "bai-moi"})
    assert response.status_code == 303
