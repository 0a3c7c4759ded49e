"""Move visit counters waiting in Redis into SQL (run every minute by a timer)."""

import time
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from cong.visits.stores import get_store


class Command(BaseCommand):
    @property
    def help(self) -> str:  # type: ignore[override]
        return _("Chuyển số liệu truy cập đang chờ trong Redis vào cơ sở dữ liệu.")

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--every",
            type=int,
            default=0,
            metavar="SECONDS",
            help=_("Chạy lặp lại sau mỗi SECONDS giây thay vì chạy một lần."),
        )

    def handle(self, *args: Any, every: int = 0, **options: Any) -> None:
        store = get_store()
        while True:
            batches = store.flush()
            if options["verbosity"] > 1:
                self.stdout.write(_("Đã chuyển %(count)d lô số liệu.") % {"count": batches})
            if not every:
                return
            time.sleep(every)
