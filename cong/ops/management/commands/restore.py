"""`manage.py restore ARCHIVE`: check the whole archive, then restore database and files."""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from cong.core.cache import bump_content_version
from cong.core.pagecache import purge_all
from cong.ops import BackupError, databases
from cong.ops.archive import file_trees, software_versions
from cong.ops.reading import verify
from cong.ops.restoring import restore_archive


class Command(BaseCommand):
    @property
    def help(self) -> str:  # type: ignore[override]
        return _(
            "Khôi phục cơ sở dữ liệu và thư mục media từ một tệp sao lưu. Tệp được kiểm tra "
            "toàn bộ (manifest, mã sha256, đường dẫn, loại cơ sở dữ liệu) trước khi thay đổi gì."
        )

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path, help=_("Tệp cong-backup-*.tar.gz."))
        parser.add_argument(
            "--yes", action="store_true", help=_("Không hỏi lại trước khi thay dữ liệu hiện có.")
        )

    def handle(self, *args, archive, yes=False, **options):
        if not archive.is_file():
            raise CommandError(_("Không tìm thấy tệp sao lưu %(path)s.") % {"path": archive})
        try:
            self.stdout.write(_("Đang kiểm tra %(path)s …") % {"path": archive})
            manifest = verify(archive, databases.vendor())
            self.describe(manifest)
            if not yes:
                self.confirm()
            restore_archive(archive, manifest, file_trees())
        except (BackupError, OSError) as exc:
            raise CommandError(
                _("Khôi phục thất bại, dữ liệu hiện có không bị thay đổi: %(error)s")
                % {"error": exc}
            ) from exc
        bump_content_version()
        # Cached pages show the content before the restore: nginx would go on serving them.
        purge_all()
        self.stdout.write(
            self.style.SUCCESS(_("Đã khôi phục từ %(name)s.") % {"name": archive.name})
        )
        if {k: manifest.get(k) for k in software_versions()} != software_versions():
            self.stdout.write(
                _(
                    "Bản sao lưu được tạo bởi phiên bản khác: chạy `manage.py migrate` trước khi "
                    "mở lại website."
                )
            )

    def describe(self, manifest: dict) -> None:
        uploads = len(manifest["files"]) - 1
        self.stdout.write(
            _(
                "Tệp sao lưu hợp lệ: tạo lúc %(created)s, Cổng %(cong)s (Django %(django)s, "
                "Wagtail %(wagtail)s), cơ sở dữ liệu %(vendor)s, %(uploads)d tệp tải lên "
                "(%(trees)s)."
            )
            % {
                "created": manifest.get("created_at", "?"),
                "cong": manifest.get("cong_version", "?"),
                "django": manifest.get("django_version", "?"),
                "wagtail": manifest.get("wagtail_version", "?"),
                "vendor": manifest["database_vendor"],
                "uploads": uploads,
                "trees": ", ".join(manifest["trees"]),
            }
        )

    def confirm(self) -> None:
        if not sys.stdin.isatty():
            raise CommandError(_("Thêm --yes để xác nhận thay toàn bộ dữ liệu hiện có."))
        answer = input(
            _(
                "Toàn bộ cơ sở dữ liệu và tệp media hiện có sẽ bị thay thế. "
                "Gõ “dong y” để tiếp tục: "
            )
        )
        # The answers typed at the prompt, with or without accents.
        if answer.strip().lower() not in ("dong y", "đồng ý"):
            raise CommandError(_("Đã huỷ, không thay đổi gì."))
