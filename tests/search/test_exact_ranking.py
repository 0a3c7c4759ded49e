"""Every match is ranked (issue 20, part 4): an old best answer is found among thousands of
newer matches, on SQLite (bm25) and PostgreSQL (a RUM index, else ts_rank on each match)."""

import datetime

import pytest
from django.core import checks
from django.db import connection
from wagtail.models import Site
from wagtail.rich_text import RichText
from wagtail.search.backends import get_search_backend

from cong.documents.models import DocumentType, IssuingBody, LegalDocument, number_key
from cong.search import index_tables
from cong.search.engine import ranked_ids
from cong.search.query import build_query

# More newer matches than the old engine ranked (the newest 1,000 title matches).
NEWER = 1100


def _archive(newer: int, others: int = 0) -> LegalDocument:
    """One old document titled with the topic, then `newer` newer ones that merely mention it
    and `others` that do not (so the topic's words are not in every document)."""
    site = Site.objects.get(is_default_site=True)
    kind = DocumentType.objects.get(name="Quyết định")
    body = IssuingBody.objects.get_or_create(name="UBND tỉnh Thanh Hóa")[0]

    def document(n: int, summary: str) -> LegalDocument:
        document = LegalDocument(
            site=site,
            number=f"{n}/QĐ-UBND",
            doc_type=kind,
            issuing_body=body,
            issued_on=datetime.date(2020, 1, 1) + datetime.timedelta(days=n),
            summary=summary,
            live=True,
        )
        document.number_key = number_key(document.number)
        document.search_text = document.build_search_text()
        return document

    old = document(1, "Kế hoạch chuyển đổi số: chuyển đổi số trong cơ quan nhà nước")
    old.save()
    rest = [
        document(n, f"Báo cáo tổng hợp tháng {n} về nhiều lĩnh vực, trong đó có chuyển đổi số")
        for n in range(2, newer + 2)
    ]
    rest += [
        document(n, f"Quy chế làm việc năm {n} của cơ quan")
        for n in range(newer + 2, newer + others + 2)
    ]
    LegalDocument.objects.bulk_create(rest)
    get_search_backend().add_bulk(LegalDocument, LegalDocument.objects.exclude(pk=old.pk))
    return old


@pytest.fixture
def archive(db):
    return _archive(NEWER)


@pytest.fixture
def small_archive(db):
    return _archive(40, others=80)


def test_an_old_best_answer_is_ranked_first_among_many_newer_matches(archive):
    for q in ("chuyển đổi số", "chuyen doi so"):
        hits = ranked_ids(LegalDocument, build_query(q), limit=10)
        assert hits[0][0] == archive.pk
        assert len(hits) == 10
        assert hits[0][1] > hits[1][1]


def test_the_limit_is_taken_after_ranking_every_match(archive):
    """The best 500 of 1,101 matches: the old one among them, and no match is lost."""
    hits = ranked_ids(LegalDocument, build_query("chuyen doi so"), limit=2000)
    assert len(hits) == NEWER + 1
    assert hits[0][0] == archive.pk


def test_postgresql_ranks_through_the_rum_index(db):
    """CI installs Debian's postgresql-NN-rum (make test-services); the migration made the
    index, and the ranking can be answered from it, already ordered. SQLite has none."""
    if connection.vendor == "sqlite":
        assert not index_tables.has_rum_index()
        assert index_tables.ensure_rum_index() is False
        return
    assert index_tables.has_rum_index()
    sql = index_tables.ranked_sql("postgresql", "e.content_type_id IN (%s)", rum=True)
    with connection.cursor() as cursor:
        # An empty table is cheaper to sort: ask for the plan a large archive gets.
        cursor.execute("SET LOCAL enable_sort = off")
        cursor.execute("EXPLAIN " + sql, ["'so'", "'so'", 1, 10])
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert index_tables.RUM_INDEX in plan
    assert "Order By" in plan


@pytest.fixture
def without_rum(db):
    """A PostgreSQL whose administrator could not install the extension."""
    index_tables.drop_rum_index()  # rolled back with the test's transaction
    yield
    index_tables._rum_indexes.clear()


@pytest.mark.usefixtures("without_rum")
def test_without_rum_the_ranking_is_the_same_and_a_check_warns(archive):
    hits = ranked_ids(LegalDocument, build_query("chuyen doi so"), limit=10)
    assert hits[0][0] == archive.pk
    warnings = [
        m.id
        for m in checks.run_checks(tags=[checks.Tags.database], databases=["default"])
        if m.id == "cong.W011"
    ]
    assert warnings == ([] if connection.vendor == "sqlite" else ["cong.W011"])


def _page(client, number, **params):
    from tests.search.test_search_page import titles

    return titles(client, "chuyen doi so", kind="documents", page=number, **params)


def _title(document: LegalDocument) -> str:
    """A document's title in the results ("Quyết định số 1/QĐ-UBND")."""
    from cong.search import registry

    return registry.get("documents").title(document)


@pytest.mark.usefixtures("index")
def test_the_search_page_ranks_up_to_the_page_asked_for_and_counts_all(client, small_archive):
    """Page 1 holds the old best answer; page 2 the next ten, in the engine's order; the count
    covers every match, though only the first pages were ranked."""
    archive = small_archive
    first, html = _page(client, 1)
    second, _ = _page(client, 2)
    assert first[0] == _title(archive)
    assert len(first) == len(second) == 10
    assert not set(first) & set(second)
    # The forty that mention the topic tie (same words, same length): newest first.
    newest = LegalDocument.objects.exclude(pk=archive.pk).filter(summary__contains="chuyển")
    newest = newest.order_by("-issued_on")[:19]
    assert first + second == [_title(archive)] + [_title(d) for d in newest]
    assert "chuyen doi so”: 41" in html
    last, html = _page(client, 999)  # past the end: the last page, not an error
    assert len(last) == 1 and "chuyen doi so”: 41" in html
    assert _page(client, "x")[0] == first


@pytest.mark.usefixtures("index")
def test_a_withdrawn_document_among_the_best_is_skipped_and_replaced(client, small_archive):
    """Ranking happens before the visibility filter: a page of results stays full."""
    archive = small_archive
    best = [pk for pk, _ in ranked_ids(LegalDocument, build_query("chuyen doi so"), limit=10)]
    LegalDocument.objects.filter(pk__in=best[1:6]).update(live=False)  # the index keeps them
    first, _ = _page(client, 1)
    assert len(first) == 10
    assert first[0] == _title(archive)
    hidden = {_title(d) for d in LegalDocument.objects.filter(pk__in=best[1:6])}
    assert not hidden & set(first)


def test_the_query_as_a_phrase_ranks_above_its_words_scattered(section):
    """Neither title holds the words; the body that has them in a row comes first, though
    the other repeats each of them more often."""
    from wagtail.models import Page

    from tests.factories import ArticlePageFactory

    scattered = "<p>" + "Công tác dịch thuật, vụ việc trực ban, tuyến đường. " * 5 + "</p>"
    ArticlePageFactory(
        parent=section, title="Tin tổng hợp", body=[("paragraph", RichText(scattered))]
    )
    phrase = ArticlePageFactory(
        parent=section, title="Tin ngắn", lead="Người dân dùng dịch vụ công trực tuyến."
    )
    for q in ("dịch vụ công trực tuyến", "dich vu cong truc tuyen"):
        hits = ranked_ids(Page, build_query(q), limit=10)
        assert [pk for pk, _ in hits][0] == phrase.pk
        assert len(hits) == 2
