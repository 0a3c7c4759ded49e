"""Wagtail's search index tables are read directly: a change of their shape fails loudly."""

import pytest
from django.core import checks
from django.core.management import CommandError, call_command
from django.db import connection

from cong.search import index_tables


def test_the_index_tables_are_the_shape_we_read(db):
    assert index_tables.index_table_problems() == []
    errors = checks.run_checks(tags=[checks.Tags.database], databases=["default"])
    assert [e for e in errors if e.id == "cong.E010"] == []


@pytest.fixture
def renamed_column(db):
    """A Wagtail upgrade that renamed the title column, as the test database sees it."""
    with connection.cursor() as cursor:
        cursor.execute(f"ALTER TABLE {index_tables.ENTRY} RENAME COLUMN title TO title_renamed")


def test_a_changed_table_fails_the_check_and_rebuild_search(renamed_column):
    errors = checks.run_checks(tags=[checks.Tags.database], databases=["default"])
    problems = [e for e in errors if e.id == "cong.E010"]
    assert problems and "title is missing" in problems[0].msg
    with pytest.raises(CommandError, match="Bảng chỉ mục tìm kiếm"):
        call_command("rebuild_search")


def test_reordered_fts_columns_or_plain_text_vectors_are_caught(db, monkeypatch):
    """bm25() weighs FTS5 columns by position (SQLite); ts_rank needs tsvectors (PostgreSQL)."""
    entry = [(c, "tsvector" if c in ("title", "body") else "x") for c in index_tables.ENTRY_COLUMNS]
    tables = {
        index_tables.ENTRY: [(c, "text" if k == "tsvector" else k) for c, k in entry],
        index_tables.FTS: [("title", ""), ("body", ""), ("autocomplete", "")],
    }
    monkeypatch.setattr(index_tables, "_columns", lambda cursor, table: tables[table])
    problems = " ".join(index_tables.index_table_problems())
    if connection.vendor == "sqlite":
        assert "['title', 'body', 'autocomplete']" in problems
    else:
        assert "title is text, expected tsvector" in problems


def test_a_new_database_without_the_tables_passes_so_migrate_can_create_them(db, monkeypatch):
    monkeypatch.setattr(index_tables, "_columns", lambda cursor, table: [])
    assert index_tables.index_table_problems() == []
