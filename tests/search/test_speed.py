"""The search page's work a request (issue 20, part 4): every kind ranked in the same
statement, results shown before read from the cache, and the same results as before."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from cong.documents.models import LegalDocument
from cong.search.engine import count_entries, ranked_entries, ranked_ids
from cong.search.query import build_query
from tests.search.test_exact_ranking import _title, small_archive  # noqa: F401 (a fixture)
from tests.search.test_search_page import corpus, titles  # noqa: F401 (a fixture)


def _rankings(queries) -> list[str]:
    return [
        q["sql"]
        for q in queries
        if "bm25(" in q["sql"] or "<=>" in q["sql"] or "ts_rank(" in q["sql"]
    ]


@pytest.mark.usefixtures("corpus")
def test_kinds_ranked_together_score_as_when_ranked_apart():
    groups = build_query("quyen con nguoi")
    with CaptureQueriesContext(connection) as captured:
        together = ranked_entries([(Page, None), (LegalDocument, None)], groups, limit=50)
    apart = [(0, pk, score) for pk, score in ranked_ids(Page, groups, 50)]
    apart += [(1, pk, score) for pk, score in ranked_ids(LegalDocument, groups, 50)]

    def rounded(hits):
        return sorted((n, pk, round(score, 6)) for n, pk, score in hits)

    assert rounded(together) == rounded(apart)
    assert {n for n, _, _ in together} == {0, 1}  # pages and documents both found
    assert [s for _, _, s in together] == sorted((s for _, _, s in together), reverse=True)
    # One statement a tier (title, phrase, the rest), not one a kind.
    assert len(_rankings(captured.captured_queries)) <= 3


@pytest.mark.usefixtures("corpus")
def test_a_search_ranks_in_one_statement_a_tier_and_loads_nothing_shown_before(client):
    with CaptureQueriesContext(connection) as first:
        found, _ = titles(client, "quyen con nguoi")
    with CaptureQueriesContext(connection) as again:
        assert titles(client, "quyen con nguoi")[0] == found
    # Two passes (the words as typed, then the last as a prefix: fewer than a page found),
    # one statement a tier each; ranked a kind apart, the two kinds would take twelve.
    assert len(_rankings(first.captured_queries)) <= 6
    assert len(again.captured_queries) < len(first.captured_queries)
    shown = [q["sql"] for q in again.captured_queries if "legaldocument" in q["sql"]]
    # The documents' ids are filtered (visible, dates), their rows not loaded again.
    assert all('"documents_legaldocument"."summary"' not in sql for sql in shown)
    assert not [q for q in again.captured_queries if "pageviewrestriction" in q["sql"]]


def test_a_result_shown_before_changes_with_its_object(
    client, index, make_document, django_capture_on_commit_callbacks
):
    document = make_document("7/KH-UBND", "Kế hoạch", summary="Kế hoạch tuyên truyền biển đảo")
    assert "Kế hoạch tuyên truyền <mark>" in titles(client, "bien dao")[1]
    document.summary = "Kế hoạch tuyên truyền chủ quyền biển đảo năm sau"
    with django_capture_on_commit_callbacks(execute=True):
        document.save()  # bumps the content version once committed, as the admin's edit
    assert "</mark> năm sau" in titles(client, "bien dao")[1]


@pytest.mark.usefixtures("corpus")
def test_a_count_beyond_the_page_is_capped_for_all_kinds_together(client, monkeypatch):
    from cong.search import views

    monkeypatch.setattr(views, "RESULTS_PER_PAGE", 1)
    monkeypatch.setattr(views, "MAX_RESULTS", 2)
    monkeypatch.setattr(views, "FALLBACK_BELOW", 0)  # no partial matches added to the count
    _, html = titles(client, "quyen con nguoi")
    # Pages and documents match, two or more each: counted a kind apart they made four.
    assert 1 <= int(re.search(r"quyen con nguoi”: (\d+)", html).group(1)) <= 2


@pytest.mark.usefixtures("index", "small_archive")
def test_a_tie_across_the_page_edge_ranks_five_times_the_page_before_the_cap(client):
    """Forty documents tie below the best one: the second ranking (55) holds them all, so
    the best 500 are not ranked; the page is the one ranking them all would give."""
    with CaptureQueriesContext(connection) as captured:
        first, _ = titles(client, "chuyen doi so", kind="documents")
    limits = [int(sql.rsplit("LIMIT", 1)[1]) for sql in _rankings(captured.captured_queries)]
    assert 55 in limits and 500 not in limits
    everything = ranked_ids(LegalDocument, build_query("chuyen doi so"), limit=500)
    assert first[0] == _title(LegalDocument.objects.get(pk=everything[0][0]))
    assert len(first) == 10


@pytest.mark.usefixtures("corpus")
def test_the_count_of_all_kinds_stops_at_its_cap():
    groups = build_query("quyen con nguoi")
    pages = count_entries([(Page, None)], groups, cap=100)
    documents = count_entries([(LegalDocument, None)], groups, cap=100)
    assert pages >= 2 and documents >= 2  # the draft page is an index entry too
    both = [(Page, None), (LegalDocument, None)]
    assert count_entries(both, groups, cap=100) == pages + documents
    assert count_entries(both, groups, cap=3) == 3
