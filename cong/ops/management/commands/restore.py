"""`manage.py restore ARCHIVE`: check the whole archive, then restore database and files."""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cong.core.cache import bump_content_version
from cong.core.pagecache import purge_all
from cong.ops import BackupError, databases
from cong.ops.archive import file_trees, software_versions
from cong.ops.reading import verify
from cong.ops.restoring import restore_archive


class Command(BaseCommand):
    help = (
        "Khôi phục cơ sở dữ liệu và thư mục media từ một tệp sao lưu. Tệp được kiểm tra "
        "toàn bộ (manifest, mã sha256, đường dẫn, loại cơ sở dữ liệu) trước khi thay đổi gì."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path, help="Tệp cong-backup-*.tar.gz.")
        parser.add_argument(
            "--yes", action="store_true", help="Không hỏi lại trước khi thay dữ liệu hiện có."
        )

    def handle(self, *args, archive, yes=False, **options):
        if not archive.is_file():
            raise CommandError(f"Không tìm thấy tệp sao lưu {archive}.")
        try:
            self.stdout.write(f"Đang kiểm tra {archive} …")
            manifest = verify(archive, databases.vendor())
            self.describe(manifest)
            if not yes:
                self.confirm()
            restore_archive(archive, manifest, file_trees())
        except (BackupError, OSError) as exc:
            raise CommandError(
                f"Khôi phục thất bại, dữ liệu hiện có không bị thay đổi: {exc}"
            ) from exc
        bump_content_version()
        # Cached pages show the content before the restore: nginx would go on serving them.
        purge_all()
        self.stdout.write(self.style.SUCCESS(f"Đã khôi phục từ {archive.name}."))
        if {k: manifest.get(k) for k in software_versions()} != software_versions():
            self.stdout.write(
                "Bản sao lưu được tạo bởi phiên bản khác: chạy `manage.py migrate` trước khi "
                "mở lại website."
            )

    def describe(self, manifest: dict) -> None:
        uploads = len(manifest["files"]) - 1
        self.stdout.write(
            f"Tệp sao lưu hợp lệ: tạo lúc {manifest.get('created_at', '?')}, Cổng "
            f"{manifest.get('cong_version', '?')} (Django {manifest.get('django_version', '?')}, "
            f"Wagtail {manifest.get('wagtail_version', '?')}), cơ sở dữ liệu "
            f"{manifest['database_vendor']}, {uploads} tệp tải lên ({', '.join(manifest['trees'])})."
        )

    def confirm(self) -> None:
        if not sys.stdin.isatty():
            raise CommandError("Thêm --yes để xác nhận thay toàn bộ dữ liệu hiện có.")
        answer = input(
            "Toàn bộ cơ sở dữ liệu và tệp media hiện có sẽ bị thay thế. Gõ “dong y” để tiếp tục: "
        )
        if answer.strip().lower() not in ("dong y", "đồng ý"):
            raise CommandError("Đã huỷ, không thay đổi gì.")
