"""/hoi-dap/: published answers, tracking by code, and what never appears publicly."""

import re

import pytest
from django.utils import timezone

from cong.participation.models import Question, QuestionStatus
from tests.factories import QuestionFactory, TopicFactory

PERSONAL = ("lan.tran@example.vn", "0987 654 321", "Thôn Đông, xã Quảng Tâm")


def answered(topic, unit, public=True, **extra):
    values = {
        "asker_name": "Trần Thị Lan",
        "email": "lan.tran@example.vn",
        "phone": "0987 654 321",
        "address": "Thôn Đông, xã Quảng Tâm",
        "answer": "<p>Hồ sơ gồm đơn đề nghị và đề án hoạt động.</p>",
        **extra,
    }
    return QuestionFactory(
        topic=topic, status=QuestionStatus.ANSWERED, unit=unit, is_public=public, **values
    )


def titles(html):
    return re.findall(r'<h2 class="qa-item__title"><a href="[^"]+">([^<]+)</a>', html)


def test_only_answered_and_published_questions_are_listed(client, questions_page, topic, unit):
    answered(topic, unit, title="Câu hỏi đã công khai")
    answered(topic, unit, public=False, title="Trả lời riêng")
    QuestionFactory(topic=topic, title="Câu hỏi chưa trả lời")
    QuestionFactory(
        topic=topic,
        title="Câu hỏi bị từ chối",
        status=QuestionStatus.DECLINED,
        decline_reason="Trùng lặp",
    )
    html = client.get("/hoi-dap/").content.decode()
    assert titles(html) == ["Câu hỏi đã công khai"]
    assert 'href="/hoi-dap/dat-cau-hoi/"' in html and 'href="/hoi-dap/theo-doi/"' in html


def test_the_asker_contact_details_never_appear_on_public_pages(
    client, questions_page, topic, unit
):
    question = answered(topic, unit)
    pages = [
        "/hoi-dap/",
        questions_page.answer_url(question),
        questions_page.tracking_url(question),
        "/hoi-dap/?q=ho+so",
    ]
    for url in pages:
        html = client.get(url, follow=True).content.decode()
        assert question.title in html, url
        for secret in PERSONAL:
            assert secret not in html, (url, secret)


def test_the_answer_page_shows_question_answer_unit_and_dates(client, questions_page, topic, unit):
    question = answered(topic, unit, title="Hỏi về giấy phép")
    html = client.get(questions_page.answer_url(question)).content.decode()
    assert "Hồ sơ gồm đơn đề nghị và đề án hoạt động." in html
    assert "Phòng Bưu chính - Viễn thông" in html
    assert "Trần Thị Lan hỏi ngày" in html
    assert "Bưu chính, viễn thông" in html


def test_a_wrong_slug_redirects_and_an_unpublished_answer_is_not_found(
    client, questions_page, topic, unit
):
    question = answered(topic, unit, title="Hỏi về giấy phép")
    response = client.get(f"/hoi-dap/{question.pk}-sai/")
    assert response.status_code == 301
    assert response["Location"] == f"/hoi-dap/{question.pk}-hoi-ve-giay-phep/"
    private = answered(topic, unit, public=False)
    assert client.get(questions_page.answer_url(private)).status_code == 404


def test_user_text_is_escaped_everywhere(client, questions_page, topic, unit):
    payload = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    question = answered(
        topic,
        unit,
        title=f"Tiêu đề {payload}",
        body=f"Nội dung {payload}",
        asker_name=f"Tên {payload}",
    )
    for url in (
        "/hoi-dap/",
        questions_page.answer_url(question),
        questions_page.tracking_url(question),
    ):
        html = client.get(url).content.decode()
        assert "<script>alert" not in html and "<img src=x" not in html, url
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html, url


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("giay phep", {"Thủ tục cấp giấy phép báo điện tử"}),
        ("GIẤY PHÉP", {"Thủ tục cấp giấy phép báo điện tử"}),
        ("chu ky so", {"Đăng ký chữ ký số cho cán bộ"}),
        ("de an hoat dong", {"Thủ tục cấp giấy phép báo điện tử", "Đăng ký chữ ký số cho cán bộ"}),
        ("khong co gi", set()),
    ],
)
def test_the_search_box_ignores_accents(client, questions_page, topic, unit, q, expected):
    answered(topic, unit, title="Thủ tục cấp giấy phép báo điện tử")
    answered(topic, unit, title="Đăng ký chữ ký số cho cán bộ", body="Cán bộ cần chữ ký số.")
    html = client.get("/hoi-dap/", {"q": q}).content.decode()
    assert set(titles(html)) == expected


def test_the_topic_filter_and_pagination_keep_each_other(client, questions_page, topic, unit):
    other = TopicFactory(name="Chuyển đổi số")
    for n in range(12):
        answered(other, unit, title=f"Chuyển đổi số câu {n}")
    answered(topic, unit, title="Viễn thông")
    html = client.get("/hoi-dap/", {"topic": other.pk}).content.decode()
    assert len(titles(html)) == 10
    assert f'href="?topic={other.pk}&amp;page=2" rel="next"' in html
    page_two = client.get("/hoi-dap/", {"topic": other.pk, "page": 2}).content.decode()
    assert len(titles(page_two)) == 2
    assert client.get("/hoi-dap/", {"topic": "abc", "page": "-1"}).status_code == 200


def test_tracking_shows_each_step_and_the_decline_reason(client, questions_page, topic, unit):
    question = QuestionFactory(topic=topic)
    url = questions_page.tracking_url(question)
    html = client.get(url).content.decode()
    assert 'aria-current="step"' in html and "Đã tiếp nhận" in html
    question.status = QuestionStatus.DECLINED
    question.decline_reason = "Nội dung không thuộc thẩm quyền của Sở."
    question.save()
    html = client.get(url).content.decode()
    assert "Không trả lời" in html and "không thuộc thẩm quyền" in html
    assert '<meta name="robots" content="noindex">' in html


def test_a_private_answer_is_shown_to_the_asker_on_the_tracking_page(
    client, questions_page, topic, unit
):
    question = answered(topic, unit, public=False)
    html = client.get(questions_page.tracking_url(question)).content.decode()
    assert "Hồ sơ gồm đơn đề nghị" in html
    assert "Xem câu hỏi và trả lời trên trang Hỏi đáp" not in html


def test_the_lookup_form_finds_a_code_typed_loosely(client, questions_page, topic):
    question = QuestionFactory(topic=topic)
    loose = f" {question.code[:5].lower()}-{question.code[5:]} "
    response = client.get("/hoi-dap/theo-doi/", {"code": loose})
    assert response.status_code == 302
    assert response["Location"] == f"/hoi-dap/theo-doi/{question.code}/"
    missing = client.get("/hoi-dap/theo-doi/", {"code": "ABCDEFGHJK"})
    assert missing.status_code == 404
    assert "Không tìm thấy câu hỏi có mã này" in missing.content.decode()
    assert client.get("/hoi-dap/theo-doi/ABCDEFGHJK/").status_code == 404


def test_guessing_codes_is_stopped_after_the_lookup_limit(client, questions_page, settings, topic):
    settings.CONG_PARTICIPATION_LOOKUP_RATE = "5/h"
    question = QuestionFactory(topic=topic)
    for n in range(5):
        client.get(f"/hoi-dap/theo-doi/ABCDEFGH{n}{n}/")
    response = client.get(questions_page.tracking_url(question))
    assert response.status_code == 429
    assert "Bạn gửi quá nhiều lần" in response.content.decode()


def test_the_question_page_is_in_the_menu(client, questions_page):
    html = client.get("/").content.decode()
    assert '<a href="/hoi-dap/">Hỏi đáp</a>' in html


def test_answered_questions_record_when(topic, unit):
    question = answered(topic, unit)
    assert question.answered_at <= timezone.now() and question.published_at
    assert Question.objects.public().count() == 1


def test_published_answers_are_in_the_sitemap(client, questions_page, topic, unit):
    question = answered(topic, unit, title="Hỏi về giấy phép")
    hidden = answered(topic, unit, public=False, title="Câu hỏi riêng tư")
    xml = client.get("/sitemap.xml").content.decode()
    assert f"http://localhost/hoi-dap/{question.pk}-hoi-ve-giay-phep/" in xml
    assert f"/hoi-dap/{hidden.pk}-" not in xml
