"""/tim-kiem/ also finds published answers ("Hỏi đáp") and draft consultations."""

import datetime

from django.utils import timezone
from wagtail.models import Site

from cong.participation.models import ConsultationIndexPage, Question, QuestionIndexPage
from tests.factories import ConsultationPageFactory, TopicFactory, UnitFactory
from tests.search.test_search_page import titles


def answered(title, public=True, **extra):
    question = Question.objects.create(
        site=Site.objects.get(is_default_site=True),  # each site shows its own answers
        asker_name="Lê Thị Bình",
        email="binh.le@example.vn",
        phone="0912 000 111",
        topic=TopicFactory(),
        title=title,
        body="Xin hỏi thủ tục và thời hạn giải quyết?",
        unit=UnitFactory(),
        status="answered",
        answer="<p>Hồ sơ nộp tại Bộ phận một cửa của Sở.</p>",
        is_public=public,
        **extra,
    )
    return question


def test_published_answers_are_found_without_personal_data(client, home):
    home.add_child(instance=QuestionIndexPage(title="Hỏi đáp", slug="hoi-dap"))
    answered("Cấp giấy phép bưu chính")
    answered("Giấy phép bưu chính nội tỉnh", public=False)
    found, html = titles(client, "giay phep buu chinh")
    assert found == ["Cấp giấy phép bưu chính"]
    assert "Hỏi đáp" in html and "/hoi-dap/" in html
    assert "binh.le@example.vn" not in html and "0912 000 111" not in html
    assert titles(client, "binh.le")[0] == []  # the asker's e-mail is not indexed


def test_a_withdrawn_answer_leaves_the_results_at_once(client, home):
    home.add_child(instance=QuestionIndexPage(title="Hỏi đáp", slug="hoi-dap"))
    question = answered("Đăng ký tên miền .vn")
    assert titles(client, "ten mien")[0] == ["Đăng ký tên miền .vn"]
    question.is_public = False
    question.save()
    assert titles(client, "ten mien")[0] == []


def test_consultations_are_found_and_labelled(client, home):
    parent = ConsultationIndexPage(title="Góp ý dự thảo", slug="gop-y-du-thao")
    home.add_child(instance=parent)
    ConsultationPageFactory(
        parent=parent,
        title="Dự thảo quy chế quản lý cổng thông tin điện tử",
        opens_on=timezone.now() - datetime.timedelta(days=1),
        closes_on=timezone.now() + datetime.timedelta(days=9),
    )
    found, html = titles(client, "du thao quy che", kind="pages")
    # First; pages matching only some of the words follow it (the OR fallback).
    assert found[0] == "Dự thảo quy chế quản lý cổng thông tin điện tử"
    assert "Dự thảo lấy ý kiến" in html
