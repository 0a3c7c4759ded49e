"""`manage.py backup`: one archive of the database and the uploaded files, then rotation."""

import argparse
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.template.defaultfilters import filesizeformat
from django.utils import timezone

from cong.ops import BackupError, databases
from cong.ops.archive import archive_name, file_trees, write_archive
from cong.ops.rotation import rotate


def count(value: str) -> int:
    number = int(value)
    if number < 0:
        raise argparse.ArgumentTypeError("phải là số không âm")
    return number


class Command(BaseCommand):
    help = (
        "Sao lưu cơ sở dữ liệu và thư mục media vào một tệp cong-backup-*.tar.gz "
        "(kèm manifest.json với mã sha256 của từng tệp)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            type=Path,
            help="Thư mục chứa tệp sao lưu (mặc định: CONG_BACKUP_DIR, tức var/backups).",
        )
        for period, label in (("daily", "ngày"), ("weekly", "tuần"), ("monthly", "tháng")):
            parser.add_argument(
                f"--keep-{period}",
                type=count,
                metavar="N",
                help=f"Sau khi sao lưu, giữ bản mới nhất của mỗi {label} trong N {label} gần nhất.",
            )

    def handle(self, *args, output=None, **options):
        folder = Path(output or settings.CONG_BACKUP_DIR).resolve()
        try:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            target = folder / archive_name(timezone.localtime())
            if target.exists():
                raise CommandError(f"Đã có {target}; chờ một giây rồi chạy lại.")
            with tempfile.TemporaryDirectory(dir=folder, prefix=".cong-backup-") as work:
                dump = Path(work) / "database"
                details = databases.dump(dump)
                details["created_at"] = timezone.localtime().isoformat()
                manifest = write_archive(target, dump, file_trees(), details, skip=folder)
        except (BackupError, OSError) as exc:
            raise CommandError(f"Sao lưu thất bại: {exc}") from exc
        uploads = len(manifest["files"]) - 1
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã sao lưu vào {target} ({filesizeformat(target.stat().st_size)}; "
                f"cơ sở dữ liệu {details['database_vendor']}, {uploads} tệp tải lên)."
            )
        )
        keep = [options[f"keep_{period}"] for period in ("daily", "weekly", "monthly")]
        if any(n is not None for n in keep):
            try:
                deleted = rotate(folder, *(n or 0 for n in keep))
            except OSError as exc:
                raise CommandError(f"Đã sao lưu nhưng không xoá được bản cũ: {exc}") from exc
            for path in deleted:
                self.stdout.write(f"Đã xoá bản sao lưu cũ {path.name}.")
            self.stdout.write(f"Giữ lại theo lịch: {len(deleted)} bản cũ đã xoá.")
