"""Every public form: rate limits per address and per e-mail, honeypot, captcha, CSRF."""

import re

import pytest
from captcha.models import CaptchaStore
from django.core import mail
from django.test import Client

from cong.participation.models import Comment, Question
from tests.participation.conftest import PASSED_CAPTCHA

ASK = "/hoi-dap/dat-cau-hoi/"
TOO_MANY = "Bạn đã gửi quá nhiều lần trong thời gian ngắn"


def test_fifty_rapid_questions_stop_at_the_limit_with_a_vietnamese_429(
    client, questions_page, question_data
):
    statuses = [
        client.post(ASK, question_data(email=f"nguoi{n}@example.vn", **PASSED_CAPTCHA)).status_code
        for n in range(50)
    ]
    assert statuses[:5] == [302] * 5
    assert set(statuses[5:]) == {429}
    assert Question.objects.count() == 5
    assert len(mail.outbox) == 5
    refused = client.post(ASK, question_data(**PASSED_CAPTCHA))
    html = refused.content.decode()
    assert TOO_MANY in html and 'role="alert"' in html
    assert refused["Retry-After"]


def test_another_address_is_not_blocked_by_someone_elses_flood(
    client, questions_page, question_data
):
    for n in range(6):
        client.post(ASK, question_data(email=f"x{n}@example.vn", **PASSED_CAPTCHA))
    other = Client(REMOTE_ADDR="10.0.0.9")
    assert other.post(ASK, question_data(email="khac@example.vn")).status_code == 302


def test_one_email_from_many_addresses_is_limited_too(
    client, questions_page, question_data, settings
):
    settings.CONG_PARTICIPATION_EMAIL_RATE = "2/d"
    statuses = [
        Client(REMOTE_ADDR=f"10.0.0.{n}")
        .post(ASK, question_data(email="Cung.Mot@Example.vn", **PASSED_CAPTCHA))
        .status_code
        for n in range(1, 5)
    ]
    assert statuses == [302, 302, 429, 429]
    assert Question.objects.count() == 2


def test_a_filled_honeypot_is_refused_and_nothing_is_stored(client, questions_page, question_data):
    response = client.post(ASK, question_data(hp_website="http://spam.example"))
    assert response.status_code == 400
    assert "Không gửi được biểu mẫu" in response.content.decode()
    assert not Question.objects.exists()
    assert not mail.outbox


def test_the_captcha_is_asked_from_the_second_question_of_the_day(
    client, questions_page, question_data
):
    assert client.post(ASK, question_data()).status_code == 302
    html = client.get(ASK).content.decode()
    assert 'name="captcha_1"' in html and '<label for="id_captcha_1">' in html
    assert 'alt="Ảnh mã xác nhận' in html and "/captcha/image/" in html
    image = client.get(re.search(r'src="(/captcha/image/[^"]+)"', html)[1])
    assert image.status_code == 200 and image["Content-Type"] == "image/png"
    without = client.post(ASK, question_data(title="Câu hỏi thứ hai về viễn thông"))
    assert without.status_code == 200
    assert "Nhập mã xác nhận trong ảnh." in without.content.decode()
    wrong = client.post(ASK, question_data(captcha_0="x", captcha_1="SAI"))
    assert "Mã xác nhận không đúng" in wrong.content.decode()
    assert Question.objects.count() == 1
    assert client.post(ASK, question_data(**PASSED_CAPTCHA)).status_code == 302
    assert Question.objects.count() == 2


def test_the_same_email_from_a_new_address_also_needs_the_captcha(
    client, questions_page, question_data
):
    client.post(ASK, question_data())
    other = Client(REMOTE_ADDR="10.1.1.1")
    response = other.post(ASK, question_data())
    assert response.status_code == 200
    assert "Nhập mã xác nhận" in response.content.decode()


def test_a_real_captcha_answer_works_once(client, questions_page, question_data, monkeypatch):
    from captcha.conf import settings as captcha_settings

    monkeypatch.setattr(captcha_settings, "CAPTCHA_TEST_MODE", False)
    client.post(ASK, question_data())
    client.get(ASK)
    store = CaptchaStore.objects.latest("pk")
    answer = {"captcha_0": store.hashkey, "captcha_1": store.response.upper()}
    assert client.post(ASK, question_data(**answer)).status_code == 302
    assert client.post(ASK, question_data(**answer)).status_code == 200  # used up


def test_a_setting_asks_the_captcha_every_time(client, questions_page, settings):
    settings.CONG_PARTICIPATION_CAPTCHA_ALWAYS = True
    assert 'name="captcha_1"' in client.get(ASK).content.decode()


def test_posts_without_a_csrf_token_are_refused(questions_page, question_data, consultation):
    strict = Client(enforce_csrf_checks=True)
    assert strict.post(ASK, question_data()).status_code == 403
    assert not Question.objects.exists()


@pytest.mark.usefixtures("consultation")
def test_comments_are_rate_limited_and_honeypotted_too(client, time_machine):
    time_machine.move_to("2026-11-10 09:00 +07:00")
    data = {
        "name": "Lê Văn Bình",
        "email": "binh@example.vn",
        "body": "Góp ý về Điều 3 của dự thảo.",
        "consent": "on",
        **PASSED_CAPTCHA,
    }
    url = "/gop-y-du-thao/du-thao-quy-che/"
    assert client.post(url, {**data, "hp_website": "x"}).status_code == 400
    statuses = [
        client.post(url, {**data, "email": f"b{n}@example.vn"}).status_code for n in range(8)
    ]
    assert statuses == [302] * 5 + [429] * 3
    assert Comment.objects.count() == 5


def test_mistakes_being_corrected_do_not_use_up_the_allowance(
    client, questions_page, question_data
):
    for _ in range(10):
        assert client.post(ASK, question_data(title="x")).status_code == 200
    assert client.post(ASK, question_data()).status_code == 302
