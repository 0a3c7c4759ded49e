"""Count the beacons nginx logged (CONG_VISITS_BEACON_LOG); long-running, cong-beacons.service."""

import signal
import time
from argparse import ArgumentParser
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from cong.visits import stores
from cong.visits.ingest import BATCH_LINES, Ingester


class Command(BaseCommand):
    @property
    def help(self) -> str:  # type: ignore[override]
        return _("Đếm lượt xem từ nhật ký lượt xem do nginx ghi (chạy liên tục).")

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--log", default="", help=_("Tệp nhật ký (mặc định: CONG_VISITS_BEACON_LOG).")
        )
        parser.add_argument(
            "--once",
            action="store_true",
            help=_("Đếm hết các dòng hiện có rồi dừng."),
        )
        parser.add_argument("--interval", type=float, default=0.5)
        parser.add_argument("--batch", type=int, default=BATCH_LINES)

    def handle(self, *args: Any, **options: Any) -> None:
        path = options["log"] or settings.CONG_VISITS_BEACON_LOG
        if not path:
            raise CommandError(_("Chưa đặt CONG_VISITS_BEACON_LOG."))
        # Looked up when run, not when imported: the store is chosen per process (and the
        # tests install theirs on the module).
        ingester = Ingester(path, stores.get_store(), name="nginx", batch_lines=options["batch"])
        started, wall = time.process_time(), time.monotonic()
        if options["once"]:
            ingester.drain()
        else:
            stopping = []
            # systemd stops with SIGTERM: the batch being stored finishes first.
            signal.signal(signal.SIGTERM, lambda *_args: stopping.append(True))
            signal.signal(signal.SIGINT, lambda *_args: stopping.append(True))
            ingester.run(options["interval"], stop=lambda: bool(stopping))
        ingester.close()
        stats = ingester.stats
        cpu, seconds = time.process_time() - started, time.monotonic() - wall
        self.stdout.write(
            f"lines {stats.lines} counted {stats.counted} dropped {stats.dropped} "
            f"skipped {sum(stats.rejected.values())} {stats.rejected or ''} "
            f"batches {stats.batches} cpu {cpu:.3f}s seconds {seconds:.3f}"
        )
