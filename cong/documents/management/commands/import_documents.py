"""Import legal documents from a spreadsheet: all rows or none."""

import time
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from tqdm import tqdm
from wagtail.models import Site

from cong.documents.importer import ImportFailed, import_rows, read_rows, validate


class Command(BaseCommand):
    @property
    def help(self) -> str:  # type: ignore[override]
        return _(
            "Nhập văn bản từ tệp .xlsx hoặc .csv. Mọi dòng được kiểm tra trước; có lỗi thì không "
            "nhập dòng nào và liệt kê lỗi theo từng dòng."
        )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("file", help=_("Tệp .xlsx hoặc .csv"))
        parser.add_argument(
            "--files", metavar=_("THƯ_MỤC"), help=_("Thư mục chứa các tệp đính kèm")
        )
        parser.add_argument("--dry-run", action="store_true", help=_("Chỉ kiểm tra, không nhập"))
        parser.add_argument(
            "--site",
            metavar=_("TÊN_MIỀN"),
            help=_("Website nhận văn bản (mặc định: website mặc định)"),
        )

    def handle(
        self,
        *args: Any,
        file: str,
        files: str | None = None,
        dry_run: bool = False,
        site: str | None = None,
        **options: Any,
    ) -> None:
        target = self.site(site)
        path = Path(file)
        if not path.is_file():
            raise CommandError(_("Không tìm thấy tệp “%(file)s”.") % {"file": file})
        files_dir = Path(files) if files else None
        if files_dir and not files_dir.is_dir():
            raise CommandError(_("Không tìm thấy thư mục “%(folder)s”.") % {"folder": files})
        started = time.perf_counter()
        try:
            header, rows = read_rows(path.name, path.read_bytes())
            clean = validate(header, rows, files_dir, target)
        except ImportFailed as failure:
            for error in failure.errors:
                self.stderr.write(error)
            raise CommandError(
                _("Không nhập văn bản nào: %(count)d lỗi cần sửa trong tệp.")
                % {"count": len(failure.errors)}
            ) from failure
        if dry_run:
            self.stdout.write(
                self.style.SUCCESS(_("Tệp hợp lệ: %(count)d văn bản.") % {"count": len(clean)})
            )
            return
        with tqdm(
            total=len(clean), unit=" " + _("văn bản"), disable=options["verbosity"] == 0
        ) as bar:
            result = import_rows(clean, target, progress=bar.update)
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Đã nhập %(created)d văn bản, %(files)d tệp đính kèm (%(bodies)d cơ quan, "
                    "%(fields)d lĩnh vực mới) trong %(seconds).1f giây."
                )
                % {
                    "created": result.created,
                    "files": result.files_attached,
                    "bodies": result.bodies_created,
                    "fields": result.fields_created,
                    "seconds": time.perf_counter() - started,
                }
            )
        )

    def site(self, hostname: str | None) -> Site:
        """The website named by --site, or the default one."""
        if not hostname:
            site = Site.objects.filter(is_default_site=True).first()
            if site is None:
                raise CommandError(_("Chưa có website mặc định; hãy chỉ rõ --site."))
            return site
        site = Site.objects.filter(hostname=hostname.strip().lower()).first()
        if site is None:
            raise CommandError(_("Không có website “%(host)s”.") % {"host": hostname})
        return site
