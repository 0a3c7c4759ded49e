"""Move visit counters waiting in Redis into SQL (run every minute by a timer)."""

import time

from django.core.management.base import BaseCommand

from cong.visits.stores import get_store


class Command(BaseCommand):
    help = "Chuyển số liệu truy cập đang chờ trong Redis vào cơ sở dữ liệu."

    def add_arguments(self, parser):
        parser.add_argument(
            "--every",
            type=int,
            default=0,
            metavar="SECONDS",
            help="Chạy lặp lại sau mỗi SECONDS giây thay vì chạy một lần.",
        )

    def handle(self, *args, every=0, **options):
        store = get_store()
        while True:
            batches = store.flush()
            if options["verbosity"] > 1:
                self.stdout.write(f"Đã chuyển {batches} lô số liệu.")
            if not every:
                return
            time.sleep(every)
