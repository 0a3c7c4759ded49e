"""Rebuild the search index (Wagtail's update_index) with a progress bar."""

from django.db import connection
from tqdm import tqdm
from wagtail.search.management.commands.update_index import Command as UpdateIndex

CHUNK = 1000


class Command(UpdateIndex):
    help = "Xây dựng lại chỉ mục tìm kiếm (tin bài, trang, văn bản), hiển thị tiến độ."

    def print_iter_progress(self, iterable):
        """One bar per model, counting chunks of CHUNK objects."""
        yield from tqdm(iterable, unit=f" × {CHUNK}", leave=False, file=self.stdout)

    def handle(self, **options):
        options.setdefault("chunk_size", CHUNK)
        options["chunk_size"] = options.get("chunk_size") or CHUNK
        super().handle(**options)
        tidy_index()


def tidy_index() -> None:
    """After a bulk (re)build: merge SQLite's FTS segments, refresh the planner's statistics."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "INSERT INTO wagtailsearch_indexentry_fts(wagtailsearch_indexentry_fts)"
                " VALUES('optimize')"
            )
            cursor.execute("ANALYZE")
        elif connection.vendor == "postgresql":
            cursor.execute("ANALYZE wagtailsearch_indexentry")
