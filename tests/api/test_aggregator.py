"""The provincial portal's incremental pull: `modified_since` the last run returns exactly
what was published or changed since, and nothing else."""

import datetime

from django.utils import timezone

from cong.documents.models import LegalDocument


def pull(client, endpoint, since):
    """What an aggregator does: every page of `endpoint` modified after `since`."""
    url, params, items = f"/api/v2/{endpoint}/", {"modified_since": since, "limit": 2}, []
    while url:
        response = client.get(url, params)
        assert response.status_code == 200, response.content
        data = response.json()
        items += data["results"]
        url, params = data["next"], None
    assert len(items) == data["count"]
    return items


def test_the_aggregator_pulls_the_last_days_articles_and_documents(
    client, article, index, make_document, time_machine
):
    def at(moment):
        time_machine.move_to(timezone.make_aware(datetime.datetime.fromisoformat(moment)))

    at("2026-11-28 10:00")
    old_article = article(title="Tin hôm kia")
    old_document = make_document("1/QĐ-UBND")
    old_document.save_revision().publish()
    at("2026-11-29 15:00")
    article(title="Tin hôm qua")
    new_document = make_document("2/QĐ-UBND", live=False)
    new_document.save_revision().publish()
    at("2026-11-30 07:30")
    old_article.lead = "Cập nhật số liệu."
    old_article.save_revision().publish()  # changed today: pulled again
    article(title="Tin sáng nay", date=timezone.make_aware(datetime.datetime(2026, 11, 30, 7)))
    article(title="Tin sáng nay nữa")
    at("2026-11-30 09:00")

    # The last run was 24 hours ago, at 09:00 on the 29th (UTC+7, "+" as typed, unencoded).
    since = "2026-11-29T09:00:00+07:00"
    articles = pull(client, "articles", since)
    documents = pull(client, "documents", since)

    assert sorted(a["title"] for a in articles) == [
        "Tin hôm kia",
        "Tin hôm qua",
        "Tin sáng nay",
        "Tin sáng nay nữa",
    ]
    assert [a["lead"] for a in articles if a["title"] == "Tin hôm kia"] == ["Cập nhật số liệu."]
    assert [d["number"] for d in documents] == ["2/QĐ-UBND"]
    # The same moment in UTC, and a naive one (local time), mean the same.
    assert len(pull(client, "articles", "2026-11-29T02:00:00Z")) == 4
    assert len(pull(client, "documents", "2026-11-29T09:00:00")) == 1
    # Nothing since the last publish: an empty pull.
    assert pull(client, "articles", "2026-11-30T08:00:00+07:00") == []
    assert LegalDocument.objects.live().count() == 2


def test_an_answer_published_yesterday_is_pulled_and_an_older_one_is_not(
    client, answer, time_machine
):
    time_machine.move_to(timezone.make_aware(datetime.datetime(2026, 11, 20, 10, 0)))
    answer(title="Trả lời cũ")
    time_machine.move_to(timezone.make_aware(datetime.datetime(2026, 11, 29, 16, 0)))
    answer(title="Trả lời hôm qua")
    time_machine.move_to(timezone.make_aware(datetime.datetime(2026, 11, 30, 9, 0)))
    pulled = pull(client, "answers", "2026-11-29T09:00:00+07:00")
    assert [a["title"] for a in pulled] == ["Trả lời hôm qua"]
