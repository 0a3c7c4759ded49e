"""Import a week's schedule from an office system's spreadsheet: all rows or none, as a
draft of the week page that then goes through approval and publishing."""

import datetime
import re
import time
from argparse import ArgumentParser, ArgumentTypeError
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from tqdm import tqdm
from wagtail.models import Site

from cong.core.sheets import SheetError
from cong.schedule import importer


def iso_week(text: str) -> datetime.date:
    """ "2026-W48" → the Monday of that ISO week."""
    match = re.fullmatch(r"(\d{4})-?W(\d{1,2})", text.strip(), re.IGNORECASE)
    try:
        return datetime.date.fromisocalendar(int(match[1]), int(match[2]), 1)
    except (TypeError, ValueError) as exc:
        raise ArgumentTypeError(
            _("Tuần “%(week)s” không đúng dạng NĂM-WSỐ (ví dụ 2026-W48).") % {"week": text}
        ) from exc


class Command(BaseCommand):
    @property
    def help(self) -> str:  # type: ignore[override]
        return _(
            "Nhập lịch công tác một tuần từ tệp .xlsx, .xls hoặc .csv do hệ thống quản lý văn "
            "bản xuất ra. Mọi dòng được kiểm tra trước; có lỗi thì không nhập dòng nào. Lịch "
            "được lưu thành bản nháp của trang tuần, chờ duyệt và xuất bản."
        )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("file", help=_("Tệp .xlsx, .xls hoặc .csv"))
        parser.add_argument("--site", required=True, metavar="HOST", help=_("Tên miền website"))
        parser.add_argument(
            "--week", type=iso_week, metavar="2026-W48", help=_("Tuần cần nhập (ISO 8601)")
        )
        parser.add_argument("--dry-run", action="store_true", help=_("Chỉ kiểm tra, không nhập"))

    def handle(
        self,
        *args: Any,
        file: str,
        site: str,
        week: datetime.date | None = None,
        dry_run: bool = False,
        **options: Any,
    ) -> None:
        path = Path(file)
        if not path.is_file():
            raise CommandError(_("Không tìm thấy tệp “%(file)s”.") % {"file": file})
        found = Site.objects.filter(hostname=site).first()
        if found is None:
            raise CommandError(_("Không có website “%(host)s”.") % {"host": site})
        started = time.perf_counter()
        try:
            known = importer.remembered(found)
            sheet = importer.load(path.name, path.read_bytes(), known)
            parsed = importer.parse(found, sheet, importer.initial_columns(sheet, known), week)
            if dry_run:
                self.stdout.write(self.style.SUCCESS(self._summary(parsed, _("Tệp hợp lệ:"))))
                return
            with tqdm(
                total=len(parsed.rows), unit=" " + _("dòng"), disable=options["verbosity"] == 0
            ) as bar:
                page, _revision = importer.apply(found, parsed, progress=bar.update)
        except SheetError as failure:
            for error in failure.errors:
                self.stderr.write(error)
            raise CommandError(
                _("Không nhập dòng nào: %(count)d lỗi cần sửa trong tệp.")
                % {"count": len(failure.errors)}
            ) from failure
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "%(summary)s: đã lưu bản nháp “%(title)s” (trang #%(id)d) trong "
                    "%(seconds).1f giây; bản nháp cần được duyệt và xuất bản."
                )
                % {
                    "summary": self._summary(parsed, _("Đã nhập")),
                    "title": page.title,
                    "id": page.pk,
                    "seconds": time.perf_counter() - started,
                }
            )
        )

    @staticmethod
    def _summary(parsed: importer.ParsedWeek, verb: str) -> str:
        return _("%(verb)s %(count)d dòng lịch của tuần %(week)s") % {
            "verb": verb,
            "count": len(parsed.rows),
            "week": parsed.iso_week,
        }
