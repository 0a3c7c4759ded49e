"""The one place that knows the shape of Wagtail's search index tables (an adapter).

Wagtail's database search backend (the `modelsearch` package behind `wagtail.search`)
keeps one row per indexed object in `wagtailsearch_indexentry`: `content_type_id`,
`object_id` (text), `title`, `body`, `autocomplete`; on SQLite an FTS5 table
`wagtailsearch_indexentry_fts` (columns autocomplete, body, title, in that order: bm25()
weights are given by position) whose rowid is the entry's id; on PostgreSQL `title` and
`body` are tsvector columns with GIN indexes. None of this is a public API: the SQL that
reads or maintains it lives here, and `check_index_tables` (a system check, run by
`migrate`, `check --database default`, `rebuild_search` and the test suite) fails loudly
when an upgrade changes it. See docs/wagtail-internals.md.
"""

from typing import Any

from django.core import checks
from django.core.checks import CheckMessage
from django.db import connection, connections

ENTRY = "wagtailsearch_indexentry"
FTS = "wagtailsearch_indexentry_fts"
ENTRY_COLUMNS = ("id", "content_type_id", "object_id", "title", "body", "autocomplete")
FTS_COLUMNS = ["autocomplete", "body", "title"]  # bm25(FTS, autocomplete, body, title)


def candidates_sql(vendor: str, where: str, anywhere: bool) -> str:
    """The newest matches, ranked: in the title only, or `anywhere` (title or body).

    `where` is SQL with placeholders only. Parameters, in order: the title weight, the
    MATCH expression (SQLite: it names the columns itself) or the tsquery text
    (PostgreSQL), `where`'s, the limit.
    """
    if vendor == "sqlite":
        # bm25() is negative, lower is better. FTS5 walks its matches in rowid order, so
        # "newest first, LIMIT n" stops after n rankings.
        return (
            "SELECT * FROM (SELECT e.object_id,"  # noqa: S608
            f" -bm25({FTS}, 0.0, 1.0, %s) AS score"
            f" FROM {FTS} JOIN {ENTRY} e ON e.id = {FTS}.rowid"
            f" WHERE {FTS} MATCH %s AND {where}"
            f" ORDER BY {FTS}.rowid DESC LIMIT %s)"
        )
    # Each tsvector column has its own GIN index; vectors are read only for candidates.
    match = "e.title @@ q.q OR e.body @@ q.q" if anywhere else "e.title @@ q.q"
    return (
        "SELECT c.object_id,"  # noqa: S608
        " ts_rank(c.title, c.q) * %s + ts_rank(c.body, c.q) AS score"
        " FROM (SELECT e.object_id, e.title, e.body, q.q"
        f" FROM {ENTRY} e, to_tsquery('simple', %s) AS q(q)"
        f" WHERE ({match}) AND {where} ORDER BY e.id DESC LIMIT %s) c"
    )


def reads_index_tables(using: str = "default") -> bool:
    """True with Wagtail's database backend on SQLite or PostgreSQL, whose tables we read."""
    from wagtail.search.backends import get_search_backend

    backend = type(get_search_backend())
    return backend.__module__.startswith("modelsearch.backends.database.") and (
        connections[using].vendor in ("sqlite", "postgresql")
    )


def tidy(using: str = "default") -> None:
    """After a bulk (re)build: merge SQLite's FTS segments, refresh the planner's statistics."""
    connection = connections[using]
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"INSERT INTO {FTS}({FTS}) VALUES('optimize')")  # noqa: S608
            cursor.execute("ANALYZE")
        elif connection.vendor == "postgresql":
            cursor.execute(f"ANALYZE {ENTRY}")


def _columns(cursor: Any, table: str) -> list[tuple[str, str]]:
    """(name, type) of `table`'s columns, in order; empty when it does not exist."""
    if connection.vendor == "sqlite":
        cursor.execute(f"PRAGMA table_info({table})")
        return [(row[1], row[2].lower()) for row in cursor.fetchall()]
    cursor.execute(
        "SELECT column_name, data_type FROM information_schema.columns"
        " WHERE table_name = %s AND table_schema = current_schema() ORDER BY ordinal_position",
        [table],
    )
    return [(name, kind.lower()) for name, kind in cursor.fetchall()]


def index_table_problems(using: str = "default") -> list[str]:
    """What differs from the index tables this module reads; empty when all is as expected."""
    db = connections[using]
    if db.vendor not in ("sqlite", "postgresql"):
        return []
    with db.cursor() as cursor:
        entry = dict(_columns(cursor, ENTRY))
        if not entry:  # a new database, before `migrate` creates it
            return []
        problems = [f"{ENTRY}.{c} is missing" for c in ENTRY_COLUMNS if c not in entry]
        if db.vendor == "sqlite":
            fts = [name for name, _kind in _columns(cursor, FTS)]
            if fts != FTS_COLUMNS:
                problems.append(f"{FTS} has columns {fts}, expected {FTS_COLUMNS}")
        else:
            problems += [
                f"{ENTRY}.{c} is {entry[c]}, expected tsvector"
                for c in ("title", "body")
                if c in entry and entry[c] != "tsvector"
            ]
    return problems


@checks.register(checks.Tags.database)
def check_index_tables(
    app_configs: Any | None = None, databases: Any | None = None, **kwargs: Any
) -> list[CheckMessage]:
    """Fail when Wagtail's search index tables are not the shape cong.search reads."""
    if not databases or "default" not in databases or not reads_index_tables():
        return []
    return [
        checks.Error(
            f"Wagtail's search index changed shape: {problem}.",
            hint="cong/search/index_tables.py reads these tables directly; adapt it to the new "
            "Wagtail (docs/wagtail-internals.md) before deploying.",
            id="cong.E010",
        )
        for problem in index_table_problems()
    ]
