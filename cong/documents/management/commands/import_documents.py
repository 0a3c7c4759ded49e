"""Import legal documents from a spreadsheet: all rows or none."""

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from cong.documents.importer import ImportFailed, import_rows, read_rows, validate


class Command(BaseCommand):
    help = (
        "Nhập văn bản từ tệp .xlsx hoặc .csv. Mọi dòng được kiểm tra trước; có lỗi thì không "
        "nhập dòng nào và liệt kê lỗi theo từng dòng."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Tệp .xlsx hoặc .csv")
        parser.add_argument("--files", metavar="THƯ_MỤC", help="Thư mục chứa các tệp đính kèm")
        parser.add_argument("--dry-run", action="store_true", help="Chỉ kiểm tra, không nhập")

    def handle(self, *args, file, files=None, dry_run=False, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"Không tìm thấy tệp “{file}”.")
        files_dir = Path(files) if files else None
        if files_dir and not files_dir.is_dir():
            raise CommandError(f"Không tìm thấy thư mục “{files}”.")
        started = time.perf_counter()
        try:
            header, rows = read_rows(path.name, path.read_bytes())
            clean = validate(header, rows, files_dir)
        except ImportFailed as failure:
            for error in failure.errors:
                self.stderr.write(error)
            raise CommandError(
                f"Không nhập văn bản nào: {len(failure.errors)} lỗi cần sửa trong tệp."
            ) from failure
        if dry_run:
            self.stdout.write(self.style.SUCCESS(f"Tệp hợp lệ: {len(clean)} văn bản."))
            return
        with tqdm(total=len(clean), unit=" văn bản", disable=options["verbosity"] == 0) as bar:
            result = import_rows(clean, progress=bar.update)
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã nhập {result.created} văn bản, {result.files_attached} tệp đính kèm "
                f"({result.bodies_created} cơ quan, {result.fields_created} lĩnh vực mới) "
                f"trong {time.perf_counter() - started:.1f} giây."
            )
        )
