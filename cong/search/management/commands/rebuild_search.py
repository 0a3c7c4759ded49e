"""Rebuild the search index (Wagtail's update_index) with a progress bar."""

from collections.abc import Iterator
from typing import Any

from django.core.management import CommandError
from django.utils.translation import gettext as _
from tqdm import tqdm
from wagtail.search.management.commands.update_index import Command as UpdateIndex

from cong.search import index_tables

CHUNK = 1000


class Command(UpdateIndex):
    @property
    def help(self) -> str:
        return _("Xây dựng lại chỉ mục tìm kiếm (tin bài, trang, văn bản), hiển thị tiến độ.")

    def print_iter_progress(self, iterable: Any) -> Iterator[Any]:
        """One bar per model, counting chunks of CHUNK objects."""
        yield from tqdm(iterable, unit=f" × {CHUNK}", leave=False, file=self.stdout)

    def handle(self, **options: Any) -> None:
        options.setdefault("chunk_size", CHUNK)
        options["chunk_size"] = options.get("chunk_size") or CHUNK
        problems = index_tables.index_table_problems()
        if problems and index_tables.reads_index_tables():
            raise CommandError(
                _("Bảng chỉ mục tìm kiếm của Wagtail đã thay đổi cấu trúc: %(problems)s")
                % {"problems": "; ".join(problems)}
            )
        super().handle(**options)
        tidy_index()


def tidy_index() -> None:
    """After a bulk (re)build: PostgreSQL's RUM index when it can be made (an install that got
    the extension after migrating), SQLite's FTS segments merged, the planner's statistics."""
    index_tables.ensure_rum_index()
    index_tables.ensure_kind_index()
    index_tables.tidy()
