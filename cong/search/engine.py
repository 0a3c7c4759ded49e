"""Ranked matches read straight from Wagtail's search index, on SQLite and PostgreSQL.

Wagtail's database backend fills the index (`wagtailsearch_indexentry`: one row per object,
a title and a body; on SQLite an FTS5 table beside it, on PostgreSQL tsvector columns with
GIN indexes) and keeps it fresh on publish, edit and unpublish. Its query side, though,
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

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import Model, QuerySet

from cong.search.query import WORD

TITLE_WEIGHT = 8.0

Groups = Sequence[Sequence[str]]


def _fts5(groups: Groups) -> str:
    """The FTS5 MATCH expression for `groups`.

    >>> _fts5([["quyền", "quyen"], ["con"], ["thông tin", "thong tin"]])
    '("quyền" OR "quyen") AND ("con") AND ("thông tin" OR "thong tin")'
    """
    parts = []
    for alternatives in groups:
        quoted = [f'"{" ".join(WORD.findall(text))}"' for text in alternatives]
        parts.append("(" + " OR ".join(quoted) + ")")
    return " AND ".join(parts)


def _tsquery(groups: Groups) -> str:
    """The to_tsquery('simple', …) text for `groups`; phrases use the <-> operator.

    >>> _tsquery([["quyền", "quyen"], ["thông tin", "thong tin"]])
    "('quyền' | 'quyen') & ('thông' <-> 'tin' | 'thong' <-> 'tin')"
    """
    parts = []
    for alternatives in groups:
        phrases = [" <-> ".join(f"'{w}'" for w in WORD.findall(t.lower())) for t in alternatives]
        parts.append("(" + " | ".join(phrases) + ")")
    return " & ".join(parts)


def _content_types(model: type[Model]) -> list[int]:
    """The content types indexed for `model`: itself and every concrete subclass."""
    models = [model, *_subclasses(model)]
    types = ContentType.objects.get_for_models(*models, for_concrete_models=False)
    return sorted({ct.pk for ct in types.values()})


def _subclasses(model: type[Model]) -> Iterable[type[Model]]:
    for sub in model.__subclasses__():
        if not sub._meta.abstract and not sub._meta.proxy:
            yield sub
        yield from _subclasses(sub)


def ranked_ids(
    model: type[Model], groups: Groups, limit: int, within: QuerySet | None = None
) -> list[tuple[int, float]]:
    """(pk, score) of the best `limit` objects of `model` matching `groups`, best first.

    `within`, when given, restricts the match inside the statement (for filters that would
    otherwise empty a top-`limit` list, such as a date range); scores grow with relevance.
    """
    if not groups:
        return []
    types = _content_types(model)
    placeholders = ", ".join(["%s"] * len(types))
    restrict, restrict_params = "", []
    if within is not None:
        sql, restrict_params = within.values("pk").query.sql_with_params()
        # Django-compiled SQL with its own parameters: no user text in the string.
        restrict = f" AND e.object_id IN (SELECT CAST(sub.pk AS TEXT) FROM ({sql}) sub)"  # noqa: S608
        restrict_params = list(restrict_params)
    # Below, only constants, "%s" placeholders and `restrict` are formatted into the SQL.
    if connection.vendor == "sqlite":
        # bm25() is negative, lower is better; columns: autocomplete, body, title.
        sql = (
            "SELECT e.object_id,"  # noqa: S608
            " -bm25(wagtailsearch_indexentry_fts, 0.0, 1.0, %s) AS score"
            " FROM wagtailsearch_indexentry_fts"
            " JOIN wagtailsearch_indexentry e ON e.id = wagtailsearch_indexentry_fts.rowid"
            " WHERE wagtailsearch_indexentry_fts MATCH %s"
            f" AND e.content_type_id IN ({placeholders})"
            f"{restrict} ORDER BY score DESC LIMIT %s"
        )
        params = [TITLE_WEIGHT, _fts5(groups), *types, *restrict_params, limit]
    elif connection.vendor == "postgresql":
        # Each tsvector column has its own GIN index: match them separately, rank together.
        sql = (
            "SELECT e.object_id,"  # noqa: S608
            " ts_rank(e.title, q.q) * %s + ts_rank(e.body, q.q) AS score"
            " FROM wagtailsearch_indexentry e, to_tsquery('simple', %s) AS q(q)"
            " WHERE (e.title @@ q.q OR e.body @@ q.q)"
            f" AND e.content_type_id IN ({placeholders}){restrict}"
            " ORDER BY score DESC LIMIT %s"
        )
        params = [TITLE_WEIGHT, _tsquery(groups), *types, *restrict_params, limit]
    else:  # pragma: no cover - Cổng runs on SQLite and PostgreSQL
        raise NotImplementedError(connection.vendor)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [(int(object_id), float(score)) for object_id, score in cursor.fetchall()]
