"""Province mode: each agency's questions, topics, units, comments and contact messages stay its
own — in the admin (listings, filters, forms, the comment exports, the dashboard, every view of
one record)
and on its public pages, feeds, sitemap and API."""

import datetime
import io

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from cong.editorial.roles import LANH_DAO_DUYET, QUAN_TRI
from cong.participation.models import (
    Comment,
    ConsultationIndexPage,
    ContactMessage,
    Question,
    QuestionIndexPage,
    QuestionStatus,
    Rating,
    Topic,
    Unit,
)
from cong.participation.models.lists import DEFAULT_TOPIC
from tests.accounts.helpers import login_with_second_factor
from tests.factories import (
    CommentFactory,
    ConsultationPageFactory,
    QuestionFactory,
    TopicFactory,
    UnitFactory,
)
from tests.tenancy import OTHER_HOST

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def both_hosts(settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, OTHER_HOST]


def draft(home, title, slug):
    index = ConsultationIndexPage(title="Góp ý dự thảo", slug="gop-y-du-thao")
    home.add_child(instance=index)
    return ConsultationPageFactory(
        parent=index,
        title=title,
        slug=slug,
        opens_on=timezone.now() - datetime.timedelta(days=1),
        closes_on=timezone.now() + datetime.timedelta(days=10),
    )


@pytest.fixture
def records(site, other_site):
    """Each participation record once per site: {model: (site A's, site B's)}."""
    made = {}
    for key, s, tag in ((0, site, "An"), (1, other_site, "Bình")):
        topic = TopicFactory(site=s, name=f"Lĩnh vực {tag}")
        unit = UnitFactory(site=s, name=f"Phòng {tag}")
        question = QuestionFactory(
            site=s,
            topic=topic,
            unit=unit,
            title=f"Câu hỏi của {tag}",
            status=QuestionStatus.ANSWERED,
            answer=f"<p>Trả lời của {tag}</p>",
            is_public=True,
        )
        consultation = draft(s.root_page, f"Dự thảo của {tag}", f"du-thao-{key}")
        comment = CommentFactory(consultation=consultation, body=f"Góp ý gửi {tag} về dự thảo.")
        message = ContactMessage.objects.create(
            site=s,
            name=f"Người gửi {tag}",
            email="a@example.vn",
            subject=f"Thư gửi {tag}",
            body="Nội dung thư liên hệ.",
            consented_at=timezone.now(),
        )
        for model, obj in (
            (Topic, topic),
            (Unit, unit),
            (Question, question),
            (Comment, comment),
            (ContactMessage, message),
        ):
            made.setdefault(model, [None, None])[key] = obj
    return {model: tuple(pair) for model, pair in made.items()}


VIEWSETS = {
    Question: "hoi-dap",
    Topic: "linh-vuc-hoi-dap",
    Unit: "don-vi-tra-loi",
    Comment: "gop-y",
    ContactMessage: "thu-lien-he",
}
LABEL = {
    Question: lambda q: q.title,
    Topic: lambda t: t.name,
    Unit: lambda u: u.name,
    Comment: lambda c: c.body[:40],
    ContactMessage: lambda m: m.subject,
}


@pytest.fixture
def admin_of_a(client, site, site_editor):
    login_with_second_factor(client, site_editor(site, QUAN_TRI))
    return client


def test_a_comment_belongs_to_the_site_of_its_draft(records, site, other_site):
    own, other = records[Comment]
    assert (own.site, other.site) == (site, other_site)


def test_a_new_site_starts_with_the_catch_all_topic(other_site):
    assert list(Topic.objects.filter(site=other_site).values_list("name", flat=True)) == [
        DEFAULT_TOPIC
    ]


@pytest.mark.parametrize("model", list(VIEWSETS))
def test_listings_show_only_the_editors_site(admin_of_a, records, model):
    own, other = records[model]
    html = admin_of_a.get(reverse(f"{VIEWSETS[model]}:index")).text
    assert LABEL[model](own) in html
    assert LABEL[model](other) not in html


@pytest.mark.parametrize("model", list(VIEWSETS))
def test_another_sites_record_is_404_by_url_guessing(admin_of_a, records, model):
    own, other = records[model]
    name = VIEWSETS[model]
    assert admin_of_a.get(reverse(f"{name}:edit", args=[own.pk])).status_code == 200
    for view in ("edit", "delete", "history", "usage"):
        response = admin_of_a.get(reverse(f"{name}:{view}", args=[other.pk]))
        assert response.status_code == 404, view
    assert admin_of_a.post(reverse(f"{name}:delete", args=[other.pk])).status_code == 404
    assert model.objects.filter(pk=other.pk).exists()


def test_the_listing_filters_offer_only_the_editors_topics_units_and_drafts(admin_of_a, records):
    questions = admin_of_a.get(reverse("hoi-dap:index")).text
    assert "Lĩnh vực An" in questions and "Phòng An" in questions
    assert "Lĩnh vực Bình" not in questions and "Phòng Bình" not in questions
    comments = admin_of_a.get(reverse("gop-y:index")).text
    assert "Dự thảo của Bình" not in comments


def test_a_question_is_answered_with_its_own_sites_topics_and_units(admin_of_a, records):
    own = records[Question][0]
    form = admin_of_a.get(reverse("hoi-dap:edit", args=[own.pk])).context["form"]
    assert set(form.fields["topic"].queryset) == set(Topic.objects.filter(site=own.site))
    assert records[Topic][1] not in form.fields["topic"].queryset
    assert list(form.fields["unit"].queryset) == [own.unit]
    with pytest.raises(ValidationError) as error:
        Question(
            site=own.site,
            topic=records[Topic][1],
            unit=records[Unit][1],
            title="x",
            body="y",
            asker_name="z",
            email="a@example.vn",
        ).clean()
    assert set(error.value.message_dict) == {"topic", "unit"}


def test_a_new_topic_is_the_editors_sites_and_names_are_unique_per_site(
    admin_of_a, records, site, other_site
):
    form = admin_of_a.get(reverse("linh-vuc-hoi-dap:add")).context["form"]
    assert list(form.fields["site"].queryset) == [site]
    # The name of site B's topic is free on site A...
    response = admin_of_a.post(
        reverse("linh-vuc-hoi-dap:add"),
        {"site": site.pk, "name": "Lĩnh vực Bình", "sort_order": 1},
    )
    assert response.status_code == 302
    assert Topic.objects.filter(name="Lĩnh vực Bình").count() == 2
    # ...but not twice on site A (a form error, not a crash), nor may site B be chosen.
    again = admin_of_a.post(
        reverse("linh-vuc-hoi-dap:add"),
        {"site": site.pk, "name": "Lĩnh vực Bình", "sort_order": 1},
    )
    assert again.status_code == 200 and again.context["form"].errors
    intrude = admin_of_a.post(
        reverse("linh-vuc-hoi-dap:add"),
        {"site": other_site.pk, "name": "Chen vào B", "sort_order": 1},
    )
    assert intrude.status_code == 200
    assert not Topic.objects.filter(name="Chen vào B").exists()


def test_the_attachment_of_another_sites_question_is_404(admin_of_a, records):
    other = records[Question][1]
    other.attachment_type = "pdf"
    other.attachment.save("b.pdf", io.BytesIO(b"%PDF-1.4"), save=True)
    url = reverse("hoi-dap:attachment", args=[other.pk])
    assert admin_of_a.get(url).status_code == 404


def test_the_consultation_report_and_its_exports_keep_to_the_editors_site(admin_of_a, records):
    own, other = (c.consultation for c in records[Comment])
    report = admin_of_a.get(reverse("tong-hop-gop-y:index")).text
    assert "Dự thảo của An" in report and "Dự thảo của Bình" not in report
    for kind in ("xlsx", "csv"):
        assert admin_of_a.get(reverse(f"tong-hop-gop-y:{kind}", args=[own.pk])).status_code == 200
        assert admin_of_a.get(reverse(f"tong-hop-gop-y:{kind}", args=[other.pk])).status_code == 404


def test_the_ratings_report_keeps_to_the_editors_site(admin_of_a, site, other_site):
    day = timezone.localdate()
    for s, title in ((site, "Trang của An"), (other_site, "Trang của Bình")):
        Rating.objects.create(
            site=s, path=f"/{s.pk}/", title=title, stars=4, day=day, visitor=f"v{s.pk}"
        )
    for params in ({}, {"site": other_site.pk}):
        html = admin_of_a.get(reverse("participation_ratings"), params).text
        assert "Trang của An" in html and "Trang của Bình" not in html


def test_the_dashboard_counts_only_the_users_sites(client, records, site, site_editor):
    QuestionFactory(site=records[Question][1].site, title="Câu hỏi chờ của Bình")
    QuestionFactory(site=site, title="Câu hỏi chờ của An")
    login_with_second_factor(client, site_editor(site, LANH_DAO_DUYET))
    html = client.get(reverse("wagtailadmin_home")).text
    assert "Câu hỏi chờ của An" in html and "Câu hỏi chờ của Bình" not in html
    assert "Góp ý gửi An" in html and "Góp ý gửi Bình" not in html


def test_the_province_sees_every_site(client, records):
    boss = get_user_model().objects.create_superuser("sa", password="mat-khau-thu-nghiem-dai")
    client.force_login(boss)
    for model, name in VIEWSETS.items():
        html = client.get(reverse(f"{name}:index")).text
        assert all(LABEL[model](obj) in html for obj in records[model]), model


# The public side: each host shows only its own site's answers and topics.


@pytest.fixture
def question_pages(site, other_site):
    pages = []
    for s in (site, other_site):
        page = QuestionIndexPage(title="Hỏi đáp", slug="hoi-dap")
        s.root_page.add_child(instance=page)
        pages.append(page)
    return pages


HOSTS = ("localhost", OTHER_HOST)
TAGS = ("An", "Bình")


@pytest.mark.parametrize("n", [0, 1])
def test_public_answers_feeds_sitemap_and_api_show_only_the_hosts_site(records, question_pages, n):
    host, own, other = HOSTS[n], TAGS[n], TAGS[1 - n]
    client = Client(HTTP_HOST=host)
    for path in ("/hoi-dap/", "/hoi-dap/rss/", "/api/v2/answers/"):
        text = client.get(path).text
        assert f"Câu hỏi của {own}" in text, path
        assert f"Câu hỏi của {other}" not in text, path
    own_q, other_q = records[Question][n], records[Question][1 - n]
    page = question_pages[n]
    sitemap = client.get("/sitemap.xml").text
    assert f"/hoi-dap/{own_q.pk}-" in sitemap and f"/hoi-dap/{other_q.pk}-" not in sitemap
    assert client.get(page.answer_url(own_q)).status_code == 200
    guessed = page.answer_url(other_q)
    assert client.get(guessed).status_code == 404
    assert client.get(f"/hoi-dap/theo-doi/{other_q.code}/").status_code == 404


def test_the_question_form_offers_only_the_sites_topics(records, question_pages, other_site):
    client = Client(HTTP_HOST=OTHER_HOST)
    form = client.get("/hoi-dap/dat-cau-hoi/").context["form"]
    assert set(form.fields["topic"].queryset) == set(Topic.objects.filter(site=other_site))
    filters = client.get("/hoi-dap/").context["form"]
    assert records[Topic][0] not in filters.fields["topic"].queryset
    posted = client.post(
        "/hoi-dap/dat-cau-hoi/",
        {
            "asker_name": "Nguyễn Văn An",
            "email": "an@example.vn",
            "topic": records[Topic][0].pk,  # site A's topic, on site B's form
            "title": "Hỏi chen lĩnh vực của site khác",
            "body": "Nội dung câu hỏi đủ dài để qua kiểm tra.",
            "consent": "on",
        },
    )
    assert posted.status_code == 200 and "topic" in posted.context["form"].errors
    assert not Question.objects.filter(title="Hỏi chen lĩnh vực của site khác").exists()
