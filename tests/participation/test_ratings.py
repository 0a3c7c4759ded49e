"""“Thông tin này có hữu ích không?”: anonymous stars on articles and legal documents."""

import re

import pytest
from django.test import Client

from cong.participation.models import Rating
from cong.participation.ratings import sign_target
from tests.factories import ArticlePageFactory

RATE = "/danh-gia/"
UA = "Mozilla/5.0 (Linux; Android 14) Chrome/130"
# Browsers send the page's origin with every POST; the rating view requires this site's own.
ORIGIN = "http://testserver"


@pytest.fixture
def article(section):
    return ArticlePageFactory(parent=section, title="Hội nghị chuyển đổi số tỉnh Thanh Hóa")


@pytest.fixture
def reader():
    return Client(HTTP_USER_AGENT=UA, REMOTE_ADDR="203.0.113.7", HTTP_ORIGIN=ORIGIN)


def widget_fields(html):
    form = re.search(r'<form class="rating__form".*?</form>', html, re.S).group(0)
    return {"target": re.search(r'name="target" value="([^"]+)"', form)[1]}, form


def test_every_article_has_an_accessible_rating_form(reader, article):
    html = reader.get(article.url).content.decode()
    _fields, form = widget_fields(html)
    assert '<legend id="rating-heading">Thông tin này có hữu ích không?</legend>' in form
    for n in range(1, 6):
        assert (
            f'<input class="rating__input" type="radio" name="stars" value="{n}" id="rating-star-{n}" required>'
            in form
        )
        assert f'<label class="rating__star" for="rating-star-{n}">' in form
    assert "5 sao: Rất hữu ích" in form
    assert '<label class="rating__comment-label" for="rating-comment">' in form
    assert 'role="status"' in form and 'aria-hidden="true"' in form
    assert "<script>" not in html.split("</head>")[1].replace("<script src=", "")


def test_rating_without_javascript_redirects_back_with_thanks(reader, article):
    fields, _form = widget_fields(reader.get(article.url).content.decode())
    response = reader.post(RATE, {**fields, "stars": "4", "comment": "Bài viết rõ ràng"})
    assert response.status_code == 302
    assert response["Location"] == f"{article.url}?danh-gia=cam-on#danh-gia"
    rating = Rating.objects.get()
    assert (rating.stars, rating.comment, rating.path) == (4, "Bài viết rõ ràng", article.url)
    assert rating.page_id == article.pk and rating.section_id == article.get_parent().pk
    assert "203.0.113.7" not in str(rating.__dict__) and len(rating.visitor) == 32
    html = reader.get(response["Location"]).content.decode()
    assert "Cảm ơn bạn đã đánh giá." in html


def test_a_second_rating_the_same_day_updates_the_first(reader, article):
    fields, _form = widget_fields(reader.get(article.url).content.decode())
    reader.post(RATE, {**fields, "stars": "2"})
    response = reader.post(RATE, {**fields, "stars": "5"})
    assert response["Location"].endswith("?danh-gia=cap-nhat#danh-gia")
    assert Rating.objects.get().stars == 5
    html = reader.get(response["Location"]).content.decode()
    assert "đánh giá mới đã thay cho đánh giá trước" in html


def test_another_day_or_another_visitor_counts_anew(reader, article, time_machine):
    time_machine.move_to("2026-11-10 23:50 +07:00")
    fields, _form = widget_fields(reader.get(article.url).content.decode())
    reader.post(RATE, {**fields, "stars": "3"})
    time_machine.move_to("2026-11-11 00:10 +07:00")
    reader.post(RATE, {**fields, "stars": "4"})
    other = Client(HTTP_USER_AGENT=UA, REMOTE_ADDR="198.51.100.2", HTTP_ORIGIN=ORIGIN)
    other.post(RATE, {**fields, "stars": "5"})
    assert Rating.objects.count() == 3
    assert sorted(Rating.objects.values_list("stars", flat=True)) == [3, 4, 5]


def test_the_database_refuses_two_ratings_for_one_visitor_page_and_day(article):
    from django.db import IntegrityError, transaction

    values = {"path": article.url, "title": "x", "visitor": "v" * 32, "day": "2026-11-10"}
    Rating.objects.create(stars=3, **values)
    with pytest.raises(IntegrityError), transaction.atomic():
        Rating.objects.create(stars=4, **values)


def test_fetch_gets_json(reader, article):
    fields, _form = widget_fields(reader.get(article.url).content.decode())
    response = reader.post(RATE, {**fields, "stars": "5"}, HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    assert response.json() == {
        "ok": True,
        "outcome": "cam-on",
        "message": "Cảm ơn bạn đã đánh giá.",
    }
    missing = reader.post(RATE, fields, HTTP_ACCEPT="application/json")
    assert missing.status_code == 400 and "từ 1 đến 5 sao" in missing.json()["message"]


@pytest.mark.parametrize("stars", ["0", "6", "abc", ""])
def test_stars_outside_one_to_five_are_refused(reader, article, stars):
    fields, _form = widget_fields(reader.get(article.url).content.decode())
    response = reader.post(RATE, {**fields, "stars": stars})
    assert response.status_code == 302 and "danh-gia=loi" in response["Location"]
    assert not Rating.objects.exists()


def test_a_forged_target_or_honeypot_is_refused(reader, article):
    fields, _form = widget_fields(reader.get(article.url).content.decode())
    forged = reader.post(RATE, {**fields, "target": "khong-hop-le", "stars": "5"})
    assert forged.status_code == 400
    elsewhere = sign_target(article.pk, "https://evil.example/", "x")
    assert reader.post(RATE, {**fields, "target": elsewhere, "stars": "5"}).status_code == 400
    spam = reader.post(RATE, {**fields, "stars": "5", "hp_website": "x"})
    assert spam.status_code == 400
    assert not Rating.objects.exists()


def test_the_article_carries_no_csrf_token_so_it_can_be_cached_whole(article):
    response = Client(enforce_csrf_checks=True, HTTP_USER_AGENT=UA).get(article.url)
    assert "csrfmiddlewaretoken" not in response.content.decode()
    assert not response.cookies  # no csrftoken (nor any other) cookie set


def test_a_same_origin_rating_needs_no_csrf_token(article):
    strict = Client(enforce_csrf_checks=True, HTTP_USER_AGENT=UA, HTTP_ORIGIN=ORIGIN)
    target = sign_target(article.pk, article.url, article.title)
    assert strict.post(RATE, {"target": target, "stars": "5"}).status_code == 302
    assert Rating.objects.get().stars == 5


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_ORIGIN": "https://evil.example"},
        {"HTTP_ORIGIN": "null"},
        {"HTTP_ORIGIN": "https://testserver"},  # another scheme is another origin
        {"HTTP_ORIGIN": "http://testserver.evil.example"},
        {"HTTP_ORIGIN": "https://evil.example", "HTTP_REFERER": "http://testserver/"},
        {"HTTP_REFERER": "https://evil.example/trang/"},
        {"HTTP_REFERER": "khong-phai-dia-chi"},
        {},  # neither Origin nor Referer
    ],
)
def test_ratings_from_another_origin_are_refused(article, headers):
    browser = Client(HTTP_USER_AGENT=UA, **headers)
    target = sign_target(article.pk, article.url, article.title)
    response = browser.post(RATE, {"target": target, "stars": "5"})
    assert response.status_code == 403
    assert "không được gửi từ trang của cổng thông tin này" in response.content.decode()
    as_json = browser.post(RATE, {"target": target, "stars": "5"}, HTTP_ACCEPT="application/json")
    assert as_json.status_code == 403 and as_json.json()["ok"] is False
    assert "không được gửi từ trang" in as_json.json()["message"]
    assert not Rating.objects.exists()


def test_without_an_origin_a_referer_of_this_site_will_do(article):
    browser = Client(HTTP_USER_AGENT=UA, HTTP_REFERER=f"http://testserver{article.url}")
    target = sign_target(article.pk, article.url, article.title)
    assert browser.post(RATE, {"target": target, "stars": "4"}).status_code == 302
    assert Rating.objects.get().stars == 4


def test_a_trusted_origin_is_accepted(article, settings):
    settings.CSRF_TRUSTED_ORIGINS = ["https://stttt.thanhhoa.gov.vn"]
    browser = Client(HTTP_USER_AGENT=UA, HTTP_ORIGIN="https://stttt.thanhhoa.gov.vn")
    target = sign_target(article.pk, article.url, article.title)
    assert browser.post(RATE, {"target": target, "stars": "3"}).status_code == 302


def test_ratings_are_rate_limited(reader, article, section, settings):
    settings.CONG_RATING_RATE = "3/h"
    others = [ArticlePageFactory(parent=section) for _ in range(4)]
    statuses = []
    for page in others:
        fields, _form = widget_fields(reader.get(page.url).content.decode())
        statuses.append(reader.post(RATE, {**fields, "stars": "4"}).status_code)
    assert statuses == [302, 302, 302, 429]
    assert Rating.objects.count() == 3


def test_legal_documents_are_rated_under_the_documents_page(reader, index, make_document):
    document = make_document("21/KH-UBND", "Kế hoạch", summary="Kế hoạch chuyển đổi số")
    url = index.document_url(document)
    fields, _form = widget_fields(reader.get(url).content.decode())
    reader.post(RATE, {**fields, "stars": "5"})
    rating = Rating.objects.get()
    assert rating.path == url and rating.title == "Kế hoạch số 21/KH-UBND"
    assert rating.section_id == index.pk


def test_the_report_shows_average_count_and_distribution(
    client, superuser, article, index, make_document
):
    document = make_document("1079/QĐ-TTg")
    for n, stars in enumerate([5, 4, 4, 1]):
        Client(HTTP_USER_AGENT=UA, REMOTE_ADDR=f"10.0.0.{n}", HTTP_ORIGIN=ORIGIN).post(
            RATE, {"target": sign_target(article.pk, article.url, article.title), "stars": stars}
        )
    Client(HTTP_USER_AGENT=UA, HTTP_ORIGIN=ORIGIN).post(
        RATE,
        {
            "target": sign_target(index.pk, index.document_url(document), str(document), True),
            "stars": 2,
            "comment": "Thiếu tệp đính kèm",
        },
    )
    client.force_login(superuser)
    html = client.get("/admin/danh-gia-noi-dung/").content.decode()
    assert (
        "5 lượt đánh giá, trung bình 3,2/5 sao." in html
        or "5 lượt đánh giá, trung bình 3.2/5 sao." in html
    )
    assert "Hội nghị chuyển đổi số tỉnh Thanh Hóa" in html
    assert "5★: 1 (25%)" in html and "4★: 2 (50%)" in html and "1★: 1 (25%)" in html
    assert "Văn bản" in html and "Quyết định số 1079/QĐ-TTg" in html
    assert "Thiếu tệp đính kèm" in html


def test_one_address_cannot_rate_a_page_again_and_again_under_new_user_agents(article):
    statuses = []
    for n in range(12):
        browser = Client(HTTP_USER_AGENT=f"{UA}.{n}", REMOTE_ADDR="203.0.113.7", HTTP_ORIGIN=ORIGIN)
        fields, _form = widget_fields(browser.get(article.url).content.decode())
        statuses.append(browser.post(RATE, {**fields, "stars": "1"}).status_code)
    assert statuses == [302] * 5 + [429] * 7
    assert Rating.objects.count() == 5
    other = Client(HTTP_USER_AGENT=UA, REMOTE_ADDR="198.51.100.2", HTTP_ORIGIN=ORIGIN)
    fields, _form = widget_fields(other.get(article.url).content.decode())
    assert other.post(RATE, {**fields, "stars": "5"}).status_code == 302


def test_the_address_cap_answers_fetch_in_vietnamese_and_lets_a_rater_change_their_mind(
    reader, article, settings
):
    settings.CONG_RATING_PAGE_RATE = "1/d"
    fields, _form = widget_fields(reader.get(article.url).content.decode())
    assert reader.post(RATE, {**fields, "stars": "2"}).status_code == 302
    assert reader.post(RATE, {**fields, "stars": "4"}).status_code == 302  # an update
    assert Rating.objects.get().stars == 4
    other = Client(HTTP_USER_AGENT=UA + " khác", REMOTE_ADDR="203.0.113.7", HTTP_ORIGIN=ORIGIN)
    response = other.post(RATE, {**fields, "stars": "5"}, HTTP_ACCEPT="application/json")
    assert response.status_code == 429
    assert "cùng địa chỉ mạng" in response.json()["message"]


def test_one_address_has_a_daily_allowance_of_ratings_over_all_pages(reader, section, settings):
    settings.CONG_RATING_DAILY_RATE = "2/d"
    statuses = []
    for page in [ArticlePageFactory(parent=section) for _ in range(3)]:
        fields, _form = widget_fields(reader.get(page.url).content.decode())
        statuses.append(reader.post(RATE, {**fields, "stars": "4"}).status_code)
    assert statuses == [302, 302, 429]


def test_the_form_is_rendered_once_per_address_and_outcome(client, section):
    """Kept per process by language, page, address, title and outcome (issue 20)."""
    from cong.participation.ratings import read_target
    from cong.participation.templatetags import participation_tags

    participation_tags._forms.clear()
    first, second = ArticlePageFactory(parent=section), ArticlePageFactory(parent=section)

    def target(html: str) -> dict:
        return read_target(re.search(r'name="target" value="([^"]+)"', html).group(1))

    plain = [client.get(first.url, {"bench": n}).content.decode() for n in range(2)]
    thanked = client.get(first.url, {"danh-gia": "cam-on"}).content.decode()
    other = client.get(second.url).content.decode()
    assert (
        target(plain[0])
        == target(plain[1])
        == {"p": first.pk, "u": first.url, "t": first.title, "s": 0}
    )
    assert "Cảm ơn bạn đã đánh giá." in thanked and "Cảm ơn" not in plain[0]
    assert target(other)["p"] == second.pk and target(other)["u"] == second.url
    assert len(participation_tags._forms) == 3
