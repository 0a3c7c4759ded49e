"""Remove what a killed import or upload left behind among the documents' files.

- Staging folders (MEDIA_ROOT/.staging) older than the minimum age: a killed import's
  attachments. Files whose Document row did commit (the process died between the commit and
  the move) are moved in instead of deleted.
- Files under MEDIA_ROOT/documents that no Document refers to, older than the minimum age
  (younger ones may belong to an upload still under way).
"""

import shutil
import time
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _
from wagtail.documents import get_document_model

from cong.documents.importer import staging_root

HOUR = 3600


def _old(path: Path, min_age: int) -> bool:
    return time.time() - path.stat().st_mtime >= min_age


def _newest(folder: Path) -> float:
    return max((p.stat().st_mtime for p in folder.rglob("*")), default=folder.stat().st_mtime)


class Command(BaseCommand):
    @property
    def help(self) -> str:  # type: ignore[override]
        return _(
            "Xóa tệp mồ côi trong thư mục văn bản (không thuộc văn bản nào) và thư mục tạm của "
            "các lần nhập bị dừng giữa chừng."
        )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help=_("Chỉ liệt kê, không xóa hay di chuyển")
        )
        parser.add_argument(
            "--min-age",
            type=int,
            default=HOUR,
            metavar=_("GIÂY"),
            help=_("Chỉ xử lý tệp cũ hơn chừng này giây (mặc định 3600)"),
        )

    def handle(
        self, *args: Any, dry_run: bool = False, min_age: int = HOUR, **options: Any
    ) -> None:
        media = Path(settings.MEDIA_ROOT)
        known = set(get_document_model().objects.values_list("file", flat=True))
        removed = recovered = freed = 0
        staging = staging_root()
        for folder in sorted(staging.iterdir()) if staging.is_dir() else []:
            if time.time() - _newest(folder) < min_age:
                continue  # an import or upload still under way
            for source in sorted(p for p in folder.rglob("*") if p.is_file()):
                name = source.relative_to(folder).as_posix()
                if name in known and not (media / name).exists():
                    self.stdout.write(_("Đưa vào: %(name)s") % {"name": name})
                    recovered += 1
                    if not dry_run:
                        (media / name).parent.mkdir(parents=True, exist_ok=True)
                        source.replace(media / name)
                else:
                    freed += source.stat().st_size
                    removed += 1
            self.stdout.write(_("Xóa thư mục tạm: %(name)s") % {"name": folder.name})
            if not dry_run:
                shutil.rmtree(folder, ignore_errors=True)
        documents = media / "documents"
        for path in (
            sorted(p for p in documents.rglob("*") if p.is_file()) if documents.is_dir() else []
        ):
            name = path.relative_to(media).as_posix()
            if name in known or not _old(path, min_age):
                continue
            self.stdout.write(_("Xóa tệp mồ côi: %(name)s") % {"name": name})
            freed += path.stat().st_size
            removed += 1
            if not dry_run:
                path.unlink()
        counts = {"removed": removed, "mb": f"{freed / 1024 / 1024:.1f}", "moved": recovered}
        summary = (
            _("Sẽ xóa %(removed)s tệp (%(mb)s MB); sẽ đưa vào %(moved)s tệp của văn bản đã nhập.")
            if dry_run
            else _(
                "Đã xóa %(removed)s tệp (%(mb)s MB); đã đưa vào %(moved)s tệp của văn bản đã nhập."
            )
        )
        self.stdout.write(self.style.SUCCESS(summary % counts))
