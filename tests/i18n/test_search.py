"""Search in the reader's language: /tim-kiem/ finds Vietnamese pages, /en/tim-kiem/ (where
English pages' search forms lead) English ones; legal documents are found in both."""

import re

import pytest
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from cong.search import views
from tests.factories import ArticlePageFactory
from tests.i18n.conftest import translate


def titles(client, address, q):
    html = client.get(address, {"q": q}).text
    return re.findall(r'<li><h2><a href="([^"]+)">([^<]+)</a></h2>', html)


@pytest.fixture
def english_news(english_home, section):
    return translate(section, title="News", slug="news")


@pytest.fixture
def article(section):
    return ArticlePageFactory(
        parent=section,
        title="Thanh Hoa đón nhà đầu tư Nhật Bản",
        lead="Hội nghị xúc tiến đầu tư tại Thanh Hoa.",
    )


@pytest.fixture
def english_article(english_news, article):
    return translate(
        article,
        title="Thanh Hoa welcomes Japanese investors",
        slug="thanh-hoa-welcomes-japanese-investors",
        lead="An investment promotion conference in Thanh Hoa.",
    )


def test_each_language_finds_only_its_own_pages(client, english_article, index, seed_documents):
    vietnamese = titles(client, "/tim-kiem/", "thanh hoa")
    assert "Thanh Hoa đón nhà đầu tư Nhật Bản" in [title for _, title in vietnamese]
    assert all(not url.startswith("/en/") for url, _ in vietnamese)

    english = titles(client, "/en/tim-kiem/", "thanh hoa")
    english_titles = [title for _, title in english]
    assert "Thanh Hoa welcomes Japanese investors" in english_titles
    assert "Thanh Hoa đón nhà đầu tư Nhật Bản" not in english_titles
    pages = [url for url, _ in english if not url.startswith("/van-ban/")]  # documents
    assert pages == ["/en/news/thanh-hoa-welcomes-japanese-investors/"]
    # Legal documents have no translation: the same records in both languages' results.
    assert titles(client, "/en/tim-kiem/", "21/KH-UBND") == titles(
        client, "/tim-kiem/", "21/KH-UBND"
    )
    assert "Kế hoạch số 21/KH-UBND" in [t for _, t in titles(client, "/en/tim-kiem/", "21/KH-UBND")]


def test_english_pages_search_in_english(client, english_article):
    english = client.get("/en/").text
    assert 'action="/en/tim-kiem/"' in english
    assert 'action="/tim-kiem/"' in client.get("/").text
    response = client.get("/en/tim-kiem/", {"q": "investors"})
    assert '<html lang="en">' in response.text
    assert response["Content-Language"] == "en"


def test_english_pages_are_ranked_among_themselves(client, monkeypatch, english_article, section):
    """The locale is a condition of the ranking statement, not a filter of its best ids:
    Vietnamese pages that match better cannot push the English page out of the results."""
    for n in range(3):
        ArticlePageFactory(parent=section, title=f"Thanh Hoa Thanh Hoa tin {n}", lead="Thanh Hoa")
    monkeypatch.setattr(views, "MAX_RESULTS", 2)
    english = [title for _, title in titles(client, "/en/tim-kiem/", "thanh hoa")]
    assert english == ["Thanh Hoa welcomes Japanese investors"]
    vietnamese = [title for _, title in titles(client, "/tim-kiem/", "thanh hoa")]
    # Two best, then (fewer than three found, under this tiny cap) the best partial matches:
    # which of the three equal pages come first is the database's choice.
    assert len(vietnamese) >= 2 and "Thanh Hoa welcomes Japanese investors" not in vietnamese
    assert set(vietnamese) <= {f"Thanh Hoa Thanh Hoa tin {n}" for n in range(3)}


def test_promotions_follow_the_language(client, article, english_article):
    query = Query.get("dau tu")
    SearchPromotion.objects.create(query=query, page=article, sort_order=0)
    SearchPromotion.objects.create(query=query, page=english_article, sort_order=1)
    promoted = client.get("/tim-kiem/", {"q": "dau tu"}).context["promotions"]
    assert [pick.page_id for pick in promoted] == [article.pk]
    promoted = client.get("/en/tim-kiem/", {"q": "dau tu"}).context["promotions"]
    assert [pick.page_id for pick in promoted] == [english_article.pk]
