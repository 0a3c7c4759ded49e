"""Ranked matches read straight from Wagtail's search index, on SQLite and PostgreSQL.

Wagtail's database backend fills the index (one row per object, a title and a body; the
SQL that reads its tables is in `cong.search.index_tables`) and keeps it fresh on publish,
edit and unpublish. Its query side, though,
scores each candidate with a correlated subquery that re-runs the full-text match, which
takes seconds on 100,000 articles. Here the match runs once, ranks in the same statement
(title weighted above body), and returns only the best `limit` ids; the caller then loads
those objects through the ORM with its own filters (live, public, site, dates).

A query is a list of groups, all required: each group is alternatives of one word or
phrase, e.g. [["quyền", "quyen"], ["con"], ["người", "nguoi"]]. Text written with the
reader's accents matches both alternatives (the index holds the text and its folded copy)
and so ranks above text matching only the folded form.
"""

from collections.abc import Iterable, Sequence
from functools import cache
from itertools import combinations, islice, product
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import Model, QuerySet
from wagtail.search.query import And, Or, Phrase, PlainText

from cong.core.text import fold
from cong.search import index_tables
from cong.search.query import PREFIX, WORD

TITLE_WEIGHT = 8.0
Groups = Sequence[Sequence[str]]

# RUM's scores (a ts_rank, at most 1) brought to bm25's scale: the results page rounds scores
# to a tenth before ordering equals by date, and merges kinds ranked apart.
RUM_SCALE = 10.0
# Added to the scores of the better tiers (ranked_ids): a title holding every group, then
# the query as a phrase, above any other match.
TITLE_TIER = 200.0
PHRASE_TIER = 100.0
# At most this many spellings of a phrase (y/i variants and expansions multiply them).
MAX_PHRASES = 8


def phrases(groups: Groups) -> list[str]:
    """The query's groups as one phrase, in each of its folded spellings (at most
    MAX_PHRASES); none for a single group. A prefix can only end the phrase.

    >>> phrases([["dịch", "dich"], ["vụ", "vu"], ["công", "cong"]])
    ['dich vu cong']
    >>> phrases([["kĩ", "ki", "ky"], ["năng", "nang"]])
    ['ki nang', 'ky nang']
    >>> phrases([["tuyển", "tuyen"], ["dụ*", "du*"]]), phrases([["số", "so"]])
    (['tuyen du*'], [])
    """
    if len(groups) < 2 or any(a.endswith(PREFIX) for group in groups[:-1] for a in group):
        return []
    spellings = [list(dict.fromkeys(fold(a).lower() for a in group)) for group in groups]
    return [" ".join(words) for words in islice(product(*spellings), MAX_PHRASES)]


def _at_least(parts: list[str], at_least: int | None, and_: str, or_: str) -> str:
    """`parts` joined so that all must match, or any `at_least` of them.

    >>> _at_least(["a", "b", "c"], 2, " & ", " | ")
    '(a & b) | (a & c) | (b & c)'
    >>> _at_least(["a", "b"], None, " & ", " | "), _at_least(["a", "b"], 1, " & ", " | ")
    ('a & b', 'a | b')
    """
    if at_least is None or at_least >= len(parts):
        return and_.join(parts)
    if at_least <= 1:
        return or_.join(parts)
    return or_.join(f"({and_.join(c)})" for c in combinations(parts, at_least))


def _fts5(groups: Groups, column: str = "", at_least: int | None = None) -> str:
    """The FTS5 MATCH expression for `groups`, in one `column` or all.

    >>> _fts5([["quyền", "quyen"], ["con"], ["thông tin", "thong tin"]])
    '("quyền" OR "quyen") AND ("con") AND ("thông tin" OR "thong tin")'
    >>> _fts5([["con"], ["dụ*", "du*"]], column="title", at_least=1)
    '{title}: ("con") OR {title}: ("dụ"* OR "du"*)'
    """
    scope = f"{{{column}}}: " if column else ""
    parts = []
    for alternatives in groups:
        quoted = [
            f'"{" ".join(WORD.findall(text))}"' + ("*" if text.endswith(PREFIX) else "")
            for text in alternatives
        ]
        parts.append(scope + "(" + " OR ".join(quoted) + ")")
    return _at_least(parts, at_least, " AND ", " OR ")


def _tsquery(groups: Groups, at_least: int | None = None) -> str:
    """The to_tsquery('simple', …) text for `groups`; phrases use the <-> operator.

    >>> _tsquery([["quyền", "quyen"], ["thông tin", "thong tin"], ["dụ*"]])
    "('quyền' | 'quyen') & ('thông' <-> 'tin' | 'thong' <-> 'tin') & ('dụ':*)"
    """
    parts = []
    for alternatives in groups:
        phrases = [
            " <-> ".join(f"'{w}'" for w in WORD.findall(t.lower()))
            + (":*" if t.endswith(PREFIX) else "")
            for t in alternatives
        ]
        parts.append("(" + " | ".join(phrases) + ")")
    return _at_least(parts, at_least, " & ", " | ")


# What a ranking reads: a model (its content types: itself and its concrete subclasses) and,
# optionally, a queryset of that model to match within.
Source = tuple[type[Model], QuerySet | None]


def _content_types(model: type[Model]) -> list[int]:
    """The content types indexed for `model`: itself and every concrete subclass."""
    types = ContentType.objects.get_for_models(*_family(model), for_concrete_models=False)
    return sorted({ct.pk for ct in types.values()})


@cache
def _family(model: type[Model]) -> tuple[type[Model], ...]:
    """`model` and its concrete subclasses (fixed once the apps are loaded)."""
    return (model, *_subclasses(model))


def _subclasses(model: type[Model]) -> Iterable[type[Model]]:
    for sub in model.__subclasses__():
        if not sub._meta.abstract and not sub._meta.proxy:
            yield sub
        yield from _subclasses(sub)


def _statement(sources: Sequence[Source]) -> tuple[str, list[Any], dict[int, int]]:
    """The condition on the entries (`e`) of every source, one OR another, with its
    parameters, and which source each content type belongs to."""
    parts: list[str] = []
    params: list[Any] = []
    owner: dict[int, int] = {}
    for n, (model, within) in enumerate(sources):
        types = [t for t in _content_types(model) if t not in owner]
        if not types:
            continue
        owner.update(dict.fromkeys(types, n))
        part = f"e.content_type_id IN ({', '.join(['%s'] * len(types))})"
        params += types
        if within is not None:
            sql, restrict_params = within.values("pk").query.sql_with_params()
            # Django-compiled SQL with its own parameters: no user text in the string.
            part += f" AND e.object_id IN (SELECT CAST(sub.pk AS TEXT) FROM ({sql}) sub)"  # noqa: S608
            params += list(restrict_params)
        parts.append(part)
    where = parts[0] if len(parts) == 1 else "(" + " OR ".join(f"({p})" for p in parts) + ")"
    return where, params, owner


def _ranked(
    where: str,
    params: list[Any],
    owner: dict[int, int],
    groups: Groups,
    limit: int,
    at_least: int | None,
    title: bool,
) -> list[tuple[int, int, float]]:
    """One ranking statement: matches in the `title` only, or anywhere; (source, pk, score)."""
    vendor = connection.vendor
    rum = index_tables.has_rum_index()
    if vendor == "sqlite":
        match = _fts5(groups, column="title" if title else "", at_least=at_least)
        all_params = [TITLE_WEIGHT, match, *params, limit]
    else:
        query = _tsquery(groups, at_least=at_least)
        all_params = [*([query] * (2 if rum else 1)), *params, limit]
    sql = index_tables.ranked_sql(vendor, where, rum=rum, title=title)
    with connection.cursor() as cursor:
        cursor.execute(sql, all_params)
        rows = cursor.fetchall()
    if rum:  # distances, smaller is better: 1 / distance is RUM's own score
        return [(owner[ct], int(pk), RUM_SCALE / max(d, 1e-9)) for pk, ct, d in rows]
    return [(owner[ct], int(pk), float(score)) for pk, ct, score in rows]


def ranked_entries(
    sources: Sequence[Source],
    groups: Groups,
    limit: int,
    at_least: int | None = None,
) -> list[tuple[int, int, float]]:
    """(source, pk, score) of the best `limit` objects of any of `sources` matching `groups`,
    best first; `source` is the index of the object's source in `sources`.

    The ranking is exact over every match, in tiers: objects whose title holds every group
    come first (TITLE_TIER added to their score), then those holding the query as a phrase
    (PHRASE_TIER; several words only), then the others; within a tier, bm25 on SQLite, on
    PostgreSQL RUM's ranking through its index (else ts_rank on each match's vectors), the
    title weighed above the body. A tier is ranked only when those above it hold fewer than
    `limit`: the last, which for common words holds most of an archive, seldom is. Every
    source is ranked in the same statement (scores do not depend on the sources: bm25's and
    RUM's statistics are the whole index's), so the matches are read once, not once a kind.
    A source's queryset, when given, restricts the match inside the statement (for filters
    that would otherwise leave few of the best, such as a date range); scores grow with
    relevance. `at_least` matches objects with that many of the groups instead of all (the
    fallback when all of them find too little; one tier): those matching more score higher.
    """
    if not groups or limit <= 0 or not sources:
        return []
    if not index_tables.reads_index_tables():
        merged = [
            (n, pk, score)
            for n, (model, within) in enumerate(sources)
            for pk, score in _through_backend(model, groups, limit, within, at_least)
        ]
        return sorted(merged, key=lambda hit: -hit[2])[:limit]
    where, params, owner = _statement(sources)
    if not owner:
        return []
    if at_least is not None:  # partial matches: one tier
        return _ranked(where, params, owner, groups, limit, at_least, title=False)
    tiers: list[tuple[Groups, bool, float]] = [(groups, True, TITLE_TIER)]
    if spellings := phrases(groups):
        tiers.append(([spellings], False, PHRASE_TIER))
    tiers.append((groups, False, 0.0))
    found: list[tuple[int, int, float]] = []
    seen: set[tuple[int, int]] = set()
    for tier_groups, title, bonus in tiers:
        ranked = _ranked(where, params, owner, tier_groups, limit + len(found), None, title)
        found += [(n, pk, score + bonus) for n, pk, score in ranked if (n, pk) not in seen]
        del found[limit:]
        seen = {(n, pk) for n, pk, _ in found}
        if len(found) >= limit:
            break
    return found


def ranked_ids(
    model: type[Model],
    groups: Groups,
    limit: int,
    within: QuerySet | None = None,
    at_least: int | None = None,
) -> list[tuple[int, float]]:
    """(pk, score) of the best `limit` objects of `model` matching `groups`, best first
    (`ranked_entries` with one source)."""
    return [
        (pk, score) for _, pk, score in ranked_entries([(model, within)], groups, limit, at_least)
    ]


def count_entries(
    sources: Sequence[Source],
    groups: Groups,
    at_least: int | None = None,
    cap: int = 500,
) -> int:
    """How many entries of all `sources` match, at most `cap` (the count stops there),
    without ranking any."""
    if not groups or not sources:
        return 0
    if not index_tables.reads_index_tables():
        return min(
            cap,
            sum(
                len(_through_backend(model, groups, cap, within, at_least))
                for model, within in sources
            ),
        )
    where, params, owner = _statement(sources)
    if not owner:
        return 0
    if connection.vendor == "sqlite":
        match: str = _fts5(groups, at_least=at_least)
    else:
        match = _tsquery(groups, at_least=at_least)
    rum = index_tables.has_rum_index()
    # PostgreSQL counts a common word's matches fastest by reading rows until the cap, but a
    # phrase's by the RUM index, which checks the words' positions itself (measured on
    # 100,000 articles: a quoted phrase 1.5 s read row by row, 0.25 s through the index;
    # three common words 0.05 s row by row, 0.2-0.9 s through the index).
    through_index = rum and "<->" in match
    with transaction.atomic(), connection.cursor() as cursor:
        if through_index:
            cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(
            index_tables.count_sql(connection.vendor, where, rum=rum), [match, *params, cap]
        )
        return int(cursor.fetchone()[0])


def count_matches(
    model: type[Model],
    groups: Groups,
    within: QuerySet | None = None,
    at_least: int | None = None,
    cap: int = 500,
) -> int:
    """How many entries of `model` match (at most `cap`), without ranking any."""
    return count_entries([(model, within)], groups, at_least, cap)


def wagtail_query(groups: Groups, any_group: bool = False) -> Any:
    """The same query for Wagtail's other backends (OpenSearch, Elasticsearch, MySQL);
    prefixes match as whole words there, and a partial match is any of the groups."""
    parts = [
        Or(
            [
                Phrase(text) if " " in text else PlainText(text.removesuffix(PREFIX))
                for text in alternatives
            ]
        )
        for alternatives in groups
    ]
    if len(parts) == 1:
        return parts[0]
    return Or(parts) if any_group else And(parts)


def _through_backend(
    model: Any, groups: Any, limit: int, within: Any, at_least: int | None = None
) -> list[tuple[Any, float]]:
    objects = within if within is not None else model._default_manager.all()
    query = wagtail_query(groups, any_group=at_least is not None and at_least < len(groups))
    found = objects.search(query).annotate_score("_score")[:limit]
    return [(obj.pk, float(obj._score or 0)) for obj in found]
