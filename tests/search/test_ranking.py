"""Ranking rules of /tim-kiem/ and the index reader behind it (cong.search.engine)."""

import datetime
import io
import re

import pytest
from django.utils import timezone
from wagtail.models import Page
from wagtail.rich_text import RichText

from cong.search.engine import ranked_ids
from cong.search.query import build_query
from tests.factories import ArticlePageFactory
from tests.search.test_search_page import titles


def when(day: str) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.fromisoformat(day))


def test_a_title_match_ranks_above_a_body_that_repeats_the_words(client, section):
    body = "<p>" + "Quyền con người được bảo đảm. " * 20 + "</p>"
    ArticlePageFactory(parent=section, title="Tin tổng hợp", body=[("paragraph", RichText(body))])
    ArticlePageFactory(parent=section, title="Tập huấn về quyền con người", lead="Hội nghị.")
    for q in ("quyền con người", "quyen con nguoi"):
        assert titles(client, q)[0] == ["Tập huấn về quyền con người", "Tin tổng hợp"]


def test_text_with_the_readers_accents_ranks_above_text_matching_only_folded(client, section):
    ArticlePageFactory(parent=section, title="Ha Noi mua thu", lead="Ban tin khong dau.")
    ArticlePageFactory(
        parent=section, title="Hà Nội mùa thu", lead="Bản tin có dấu.", slug="co-dau"
    )
    assert titles(client, "Hà Nội mùa thu")[0] == ["Hà Nội mùa thu", "Ha Noi mua thu"]
    assert set(titles(client, "ha noi mua thu")[0]) == {"Hà Nội mùa thu", "Ha Noi mua thu"}


def test_recency_breaks_ties_between_equal_matches(client, section):
    for day in ("2023-03-01", "2024-05-01", "2022-01-01"):
        ArticlePageFactory(
            parent=section,
            title="Thông báo lịch tiếp công dân",
            lead="Tin.",
            date=when(day),
            slug=day,
        )
    html = client.get("/tim-kiem/", {"q": "lich tiep cong dan"}).content.decode()
    listed = html[html.index('<ol class="search-results">') :]
    assert re.findall(r"\d\d/\d\d/\d{4}", listed)[:3] == ["01/05/2024", "01/03/2023", "01/01/2022"]


def test_ranked_ids_are_best_first_and_limited(section):
    weak = ArticlePageFactory(parent=section, title="Tin ngắn", lead="Nhắc tới đối ngoại.")
    strong = ArticlePageFactory(parent=section, title="Thông tin đối ngoại", lead="Đối ngoại.")
    hits = ranked_ids(Page, build_query("doi ngoai"), limit=10)
    assert [pk for pk, _ in hits] == [strong.pk, weak.pk]
    assert hits[0][1] > hits[1][1] > 0
    assert ranked_ids(Page, build_query("doi ngoai"), limit=1) == hits[:1]
    assert ranked_ids(Page, build_query("khongcotu"), limit=10) == []


def test_a_restriction_applies_inside_the_ranking(section):
    """With `within`, a narrow filter still gets its matches however many others rank above."""
    old = ArticlePageFactory(parent=section, title="Chuyển đổi số", lead="Tin.", live=False)
    for n in range(3):
        ArticlePageFactory(
            parent=section, title="Chuyển đổi số chuyển đổi số", lead="Tin.", slug=f"so-{n}"
        )
    drafts = Page.objects.filter(live=False)
    assert [pk for pk, _ in ranked_ids(Page, build_query("chuyen doi so"), 1, drafts)] == [old.pk]


@pytest.mark.parametrize(
    "q",
    ['"', "OR AND NOT", "NEAR(a b)", "title:x", "a*", "-x", "^x", "{a b}", "'", "\\", "đ" * 300],
)
def test_query_syntax_of_the_engines_is_never_interpreted(section, q):
    ArticlePageFactory(parent=section, title="Tin thường", lead="Tin.")
    assert isinstance(ranked_ids(Page, build_query(q), limit=10), list)


def test_other_search_backends_get_the_same_query_through_wagtail(section, monkeypatch):
    """OpenSearch/Elasticsearch have no index tables to read: Wagtail's own search is used."""
    from cong.search import index_tables

    ArticlePageFactory(parent=section, title="Thông tin đối ngoại", lead="Tin.")
    ArticlePageFactory(parent=section, title="Tin ngắn", lead="Nhắc tới đối ngoại.")
    ArticlePageFactory(parent=section, title="Tin giao thông", lead="Tin.")
    direct = {pk for pk, _ in ranked_ids(Page, build_query("doi ngoai"), limit=10)}
    monkeypatch.setattr(index_tables, "reads_index_tables", lambda using="default": False)
    through = {pk for pk, _ in ranked_ids(Page, build_query("doi ngoai"), limit=10)}
    assert through == direct and len(direct) == 2


def test_rebuild_search_restores_a_lost_index(client, section):
    from django.core.management import call_command
    from wagtail.search.models import IndexEntry

    ArticlePageFactory(parent=section, title="Thông tin đối ngoại", lead="Tin.")
    IndexEntry.objects.all().delete()
    assert titles(client, "doi ngoai")[0] == []
    call_command("rebuild_search", stdout=io.StringIO())
    assert titles(client, "doi ngoai")[0] == ["Thông tin đối ngoại"]
