"""The public forms while Redis (the cache with the rate-limit counts) is down: they stay
open, and the captcha, whose answers live in the database, is asked every time instead."""

from cong.participation.models import Question
from tests.core.test_outages import redis_down  # noqa: F401 (fixture)
from tests.participation.conftest import PASSED_CAPTCHA

ASK = "/hoi-dap/dat-cau-hoi/"


def test_the_question_form_asks_the_captcha_at_once_while_redis_is_down(
    client,
    questions_page,
    redis_down,  # noqa: F811
):
    response = client.get(ASK)
    assert response.status_code == 200
    assert 'name="captcha_1"' in response.content.decode()


def test_a_question_is_accepted_with_the_captcha_and_refused_without_it_while_redis_is_down(
    client,
    questions_page,
    question_data,
    redis_down,  # noqa: F811
):
    without = client.post(ASK, question_data())
    assert without.status_code == 200  # the form again, asking for the captcha
    assert Question.objects.count() == 0
    with_captcha = client.post(ASK, question_data(**PASSED_CAPTCHA))
    assert with_captcha.status_code == 302  # not 429: the rate limit fails open
    assert Question.objects.count() == 1
