"""The indexes the ranking reads beside Wagtail's: on PostgreSQL, the RUM index that ranks every
match (cong.search.index_tables.ensure_rum_index); on SQLite, the entries' content types for
the join (ensure_kind_index).

On PostgreSQL without the `rum` extension available (Debian's
postgresql-NN-rum) or without the right to create it, nothing either: search stays exact,
ranking each match's vectors, and the system check cong.W011 says how to add the index later.
"""

from typing import Any

from django.db import migrations


def create(apps: Any, schema_editor: Any) -> None:
    from cong.search.index_tables import ensure_kind_index, ensure_rum_index

    ensure_rum_index(schema_editor.connection.alias)
    ensure_kind_index(schema_editor.connection.alias)


def drop(apps: Any, schema_editor: Any) -> None:
    from cong.search.index_tables import KIND_INDEX, drop_rum_index

    drop_rum_index(schema_editor.connection.alias)
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(f"DROP INDEX IF EXISTS {KIND_INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0001_site_abbreviations"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(create, drop, elidable=False)]
