"""Import a site's administrative procedures from a spreadsheet: all rows or none."""

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from wagtail.models import Site

from cong.core.sheets import SheetError, read_sheet
from cong.procedures.importer import import_procedures, validate


class Command(BaseCommand):
    @property
    def help(self) -> str:  # type: ignore[override]
        return _(
            "Nhập thủ tục hành chính từ tệp .xlsx hoặc .csv. Mọi dòng được kiểm tra trước; có "
            "lỗi thì không nhập dòng nào và liệt kê lỗi theo từng dòng."
        )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("file", help=_("Tệp .xlsx hoặc .csv"))
        parser.add_argument(
            "--site",
            metavar=_("TÊN_MIỀN"),
            help=_("Tên miền của website nhận thủ tục (mặc định: website mặc định)"),
        )
        parser.add_argument("--dry-run", action="store_true", help=_("Chỉ kiểm tra, không nhập"))

    def handle(
        self, *args: Any, file: str, site: str | None = None, dry_run: bool = False, **options: Any
    ) -> None:
        path = Path(file)
        if not path.is_file():
            raise CommandError(_("Không tìm thấy tệp “%(file)s”.") % {"file": file})
        target = self.site(site)
        try:
            header, rows = read_sheet(path.name, path.read_bytes())
            clean = validate(target, header, rows)
        except SheetError as failure:
            for error in failure.errors:
                self.stderr.write(error)
            raise CommandError(
                _("Không nhập thủ tục nào: %(count)d lỗi cần sửa trong tệp.")
                % {"count": len(failure.errors)}
            ) from failure
        if dry_run:
            self.stdout.write(
                self.style.SUCCESS(_("Tệp hợp lệ: %(count)d thủ tục.") % {"count": len(clean)})
            )
            return
        result = import_procedures(clean)
        self.stdout.write(
            self.style.SUCCESS(
                _("Đã nhập %(created)d thủ tục (%(fields)d lĩnh vực mới) vào %(site)s.")
                % {
                    "created": result.created,
                    "fields": result.fields_created,
                    "site": target.hostname,
                }
            )
        )

    def site(self, hostname: str | None) -> Site:
        if not hostname:
            site = Site.objects.filter(is_default_site=True).first()
            if site is None:
                raise CommandError(_("Chưa có website mặc định; hãy chỉ rõ --site."))
            return site
        site = Site.objects.filter(hostname=hostname.lower()).first()
        if site is None:
            raise CommandError(_("Không có website “%(host)s”.") % {"host": hostname})
        return site
