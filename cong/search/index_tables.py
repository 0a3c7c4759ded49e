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
from django.db import DatabaseError, connection, connections, transaction

ENTRY = "wagtailsearch_indexentry"
FTS = "wagtailsearch_indexentry_fts"
ENTRY_COLUMNS = ("id", "content_type_id", "object_id", "title", "body", "autocomplete")
FTS_COLUMNS = ["autocomplete", "body", "title"]  # bm25(FTS, autocomplete, body, title)


# PostgreSQL ranks through a RUM index (the `rum` extension, Debian's postgresql-NN-rum) on
# the entry's title and body vectors together, the title weighed "A" (1.0) and the body "D"
# (0.1): a title match counts ten times a body match (Wagtail's own labels, from its field
# boosts, give the title only twice). The index keeps each word's positions and weights, so
# it orders every match by relevance itself, without reading the rows' vectors.
RUM_INDEX = "cong_search_entry_rum"
RUM_VECTOR = "(setweight({row}title, 'A') || setweight({row}body, 'D'))"


def ranked_sql(vendor: str, where: str, rum: bool = False, title: bool = False) -> str:
    """Every match ranked, the best `limit` first: an exact ranking, not a sample of matches.

    `where` is SQL with placeholders only. Parameters, in order: SQLite: the title weight,
    the MATCH expression, `where`'s, the limit; PostgreSQL: the tsquery text (twice with
    `rum`), `where`'s, the limit. Rows are (object_id, content_type_id, score), higher is
    better; with `rum` (object_id, content_type_id, distance), lower is better. With `title`, only entries whose title matches
    (SQLite: the MATCH expression names the column itself).
    """
    if vendor == "sqlite":
        # bm25() is negative, lower is better; column weights: autocomplete, body, title.
        return (
            f"SELECT e.object_id, e.content_type_id, -bm25({FTS}, 0.0, 1.0, %s) AS score"  # noqa: S608
            f" FROM {FTS} JOIN {ENTRY} e ON e.id = {FTS}.rowid"
            f" WHERE {FTS} MATCH %s AND {where} ORDER BY score DESC LIMIT %s"
        )
    if rum:
        # The planner answers ORDER BY … <=> … LIMIT from the index when the expression is
        # the index's and the query a constant (to_tsquery('simple', …) is folded when
        # planning). The score is the inverse of RUM's distance.
        query = "to_tsquery('simple', %s)"
        vector = RUM_VECTOR.format(row="e.")
        match = f"e.title @@ {query}" if title else f"{vector} @@ {query}"
        return (
            f"SELECT e.object_id, e.content_type_id, {vector} <=> {query} AS distance"  # noqa: S608
            f" FROM {ENTRY} e WHERE {match} AND {where}"
            " ORDER BY distance LIMIT %s"
        )
    # Without RUM: each match's vectors are read and ranked (exact, slower on large archives).
    match = "e.title @@ q.q" if title else "(e.title @@ q.q OR e.body @@ q.q)"
    return (
        "SELECT e.object_id, e.content_type_id,"  # noqa: S608
        " ts_rank(e.title, q.q) * 10 + ts_rank(e.body, q.q) AS score"
        f" FROM {ENTRY} e, to_tsquery('simple', %s) AS q(q)"
        f" WHERE {match} AND {where} ORDER BY score DESC LIMIT %s"
    )


def count_sql(vendor: str, where: str, rum: bool = False) -> str:
    """How many entries match, up to a cap. Parameters: the MATCH expression or tsquery
    text, `where`'s, the cap."""
    if vendor == "sqlite":
        match = f"{FTS} MATCH %s"
        source = f"{FTS} JOIN {ENTRY} e ON e.id = {FTS}.rowid"
    elif rum:
        match = f"{RUM_VECTOR.format(row='e.')} @@ to_tsquery('simple', %s)"
        source = f"{ENTRY} e"
    else:
        match = "(e.title @@ q.q OR e.body @@ q.q)"
        source = f"to_tsquery('simple', %s) AS q(q), {ENTRY} e"
    return f"SELECT count(*) FROM (SELECT 1 FROM {source} WHERE {match} AND {where} LIMIT %s) n"  # noqa: S608


def has_rum_index(using: str = "default") -> bool:
    """Whether PostgreSQL has the RUM index ranked_sql(rum=True) needs (asked once a database)."""
    db = connections[using]
    if db.vendor != "postgresql":
        return False
    key = (using, db.settings_dict["NAME"])
    if key not in _rum_indexes:
        with db.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_indexes WHERE indexname = %s", [RUM_INDEX])
            _rum_indexes[key] = cursor.fetchone() is not None
    return _rum_indexes[key]


_rum_indexes: dict[tuple[str, str], bool] = {}


def ensure_rum_index(using: str = "default") -> bool:
    """Create the RUM extension and index when PostgreSQL has them to offer; True if there.

    Run by the migration `search.0002_ranking_indexes` and by `rebuild_search` (for an install that
    gets the extension later). Creating an extension needs a superuser or the database's
    owner with a trusted extension: without the right, the index is skipped, search stays
    exact through the vectors, and the system check cong.W011 says what to run.
    """
    db = connections[using]
    if db.vendor != "postgresql":
        return False
    _rum_indexes.clear()
    if has_rum_index(using):
        return True
    with db.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'rum'")
        if cursor.fetchone() is None:
            return False
        try:
            with transaction.atomic(using=using):
                cursor.execute("CREATE EXTENSION IF NOT EXISTS rum")
                cursor.execute(
                    f"CREATE INDEX IF NOT EXISTS {RUM_INDEX} ON {ENTRY}"
                    f" USING rum ({RUM_VECTOR.format(row='')} rum_tsvector_ops)"
                )
        except DatabaseError:
            return False
        finally:
            _rum_indexes.clear()
    return True


# SQLite ranks in the FTS table and joins each match to its entry for the content type: the
# entries' rows carry their whole text, so the join reads an index of the few columns it needs
# (measured on 100,000 articles: 330 → 200 ms for a query matching 39,000 of them).
KIND_INDEX = "cong_search_entry_kind"


def ensure_kind_index(using: str = "default") -> None:
    """The index the SQLite join reads (run by the migration search.0002 and rebuild_search)."""
    db = connections[using]
    if db.vendor == "sqlite":
        with db.cursor() as cursor:
            cursor.execute(
                f"CREATE INDEX IF NOT EXISTS {KIND_INDEX} ON {ENTRY}"
                " (id, content_type_id, object_id)"
            )


def drop_rum_index(using: str = "default") -> None:
    if connections[using].vendor == "postgresql":
        with connections[using].cursor() as cursor:
            cursor.execute(f"DROP INDEX IF EXISTS {RUM_INDEX}")
        _rum_indexes.clear()


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


@checks.register(checks.Tags.database)
def check_rum_index(
    app_configs: Any | None = None, databases: Any | None = None, **kwargs: Any
) -> list[CheckMessage]:
    """Warn when PostgreSQL ranks search results without the RUM index (slow on big archives)."""
    if not databases or "default" not in databases or not reads_index_tables():
        return []
    if connection.vendor != "postgresql" or has_rum_index():
        return []
    return [
        checks.Warning(
            "Search on PostgreSQL runs without its RUM index: every match's vectors are read "
            "to rank it, slow past tens of thousands of articles.",
            hint="Install the extension (Debian: apt install postgresql-15-rum, for the "
            "server's version), then as a superuser: CREATE EXTENSION rum; then run "
            "manage.py rebuild_search (docs/search.md).",
            id="cong.W011",
        )
    ]
