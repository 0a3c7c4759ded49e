"""`manage.py backup`: one archive of the database and the uploaded files, then rotation."""

import argparse
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _

from cong.ops import BackupError, databases
from cong.ops.archive import archive_name, file_trees, write_archive
from cong.ops.rotation import rotate


def count(value: str) -> int:
    number = int(value)
    if number < 0:
        raise argparse.ArgumentTypeError(_("phải là số không âm"))
    return number


class Command(BaseCommand):
    @property
    def help(self) -> str:  # type: ignore[override]
        return _(
            "Sao lưu cơ sở dữ liệu và thư mục media vào một tệp cong-backup-*.tar.gz "
            "(kèm manifest.json với mã sha256 của từng tệp)."
        )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            type=Path,
            help=_("Thư mục chứa tệp sao lưu (mặc định: CONG_BACKUP_DIR, tức var/backups)."),
        )
        for period, label in (("daily", _("ngày")), ("weekly", _("tuần")), ("monthly", _("tháng"))):
            parser.add_argument(
                f"--keep-{period}",
                type=count,
                metavar="N",
                help=_(
                    "Sau khi sao lưu, giữ bản mới nhất của mỗi %(period)s trong N %(period)s gần nhất."
                )
                % {"period": label},
            )

    def handle(self, *args, output=None, **options):
        folder = Path(output or settings.CONG_BACKUP_DIR).resolve()
        try:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            target = folder / archive_name(timezone.localtime())
            if target.exists():
                raise CommandError(
                    _("Đã có %(path)s; chờ một giây rồi chạy lại.") % {"path": target}
                )
            with tempfile.TemporaryDirectory(dir=folder, prefix=".cong-backup-") as work:
                dump = Path(work) / "database"
                details = databases.dump(dump)
                details["created_at"] = timezone.localtime().isoformat()
                manifest = write_archive(target, dump, file_trees(), details, skip=folder)
        except (BackupError, OSError) as exc:
            raise CommandError(_("Sao lưu thất bại: %(error)s") % {"error": exc}) from exc
        uploads = len(manifest["files"]) - 1
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Đã sao lưu vào %(path)s (%(size)s; cơ sở dữ liệu %(vendor)s, "
                    "%(uploads)d tệp tải lên)."
                )
                % {
                    "path": target,
                    "size": filesizeformat(target.stat().st_size),
                    "vendor": details["database_vendor"],
                    "uploads": uploads,
                }
            )
        )
        keep = [options[f"keep_{period}"] for period in ("daily", "weekly", "monthly")]
        if any(n is not None for n in keep):
            try:
                deleted = rotate(folder, *(n or 0 for n in keep))
            except OSError as exc:
                raise CommandError(
                    _("Đã sao lưu nhưng không xoá được bản cũ: %(error)s") % {"error": exc}
                ) from exc
            for path in deleted:
                self.stdout.write(_("Đã xoá bản sao lưu cũ %(name)s.") % {"name": path.name})
            self.stdout.write(
                _("Giữ lại theo lịch: %(count)d bản cũ đã xoá.") % {"count": len(deleted)}
            )
