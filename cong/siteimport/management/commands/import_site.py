"""Bring an agency's old site over: crawl it, or read its WordPress export or spreadsheet."""

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from tqdm import tqdm
from wagtail.models import Site

from cong.siteimport.importer import PRESETS, run_import
from cong.siteimport.models import ImportRun
from cong.siteimport.sources.http import Fetcher


class Command(BaseCommand):
    @property
    def help(self) -> str:  # type: ignore[override]
        return _(
            "Chuyển bài viết, trang, ảnh và tệp của website cũ sang Cổng; địa chỉ cũ chuyển "
            "hướng 301 sang trang mới. Chạy thử (--dry-run) trước để xem sẽ tạo gì và sửa tệp "
            "ánh xạ chuyên mục."
        )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--source", required=True, help=_("Địa chỉ website cũ, hoặc tệp WXR/CSV/XLSX")
        )
        parser.add_argument("--preset", default="auto", choices=PRESETS, help=_("Kiểu website cũ"))
        parser.add_argument(
            "--site", metavar=_("TÊN_MIỀN"), help=_("Website nhận bài (mặc định: mặc định)")
        )
        parser.add_argument("--dry-run", action="store_true", help=_("Chỉ liệt kê, không ghi"))
        parser.add_argument(
            "--rate", type=float, default=2.0, help=_("Số trang tải mỗi giây (0: không giới hạn)")
        )
        parser.add_argument("--timeout", type=float, default=20.0, help=_("Thời gian chờ (giây)"))
        parser.add_argument(
            "--retries",
            type=int,
            default=3,
            help=_("Số lần thử lại một trang lỗi, chờ 1, 2, 4… giây giữa các lần"),
        )
        parser.add_argument("--limit", type=int, help=_("Nhập tối đa N bài"))
        parser.add_argument("--mapping", help=_("Tệp JSON ánh xạ chuyên mục cũ → chuyên mục mới"))
        parser.add_argument(
            "--refresh",
            action="store_true",
            help=_("Tải lại cả bài đã nhập (để cập nhật bài đã sửa trên website cũ)"),
        )
        parser.add_argument("--ignore-robots", action="store_true", help=_("Không theo robots.txt"))

    def handle(self, *args: Any, **options: Any) -> None:
        site = self.site(options.get("site"))
        fetcher = Fetcher(
            rate=options["rate"],
            timeout=options["timeout"],
            retries=options["retries"],
            robots=not options["ignore_robots"],
        )
        dry_run = options["dry_run"]
        bar = None if dry_run else tqdm(desc=_("Đang nhập"), unit=_(" mục"), file=self.stderr)
        try:
            run = run_import(
                site,
                options["source"],
                options["preset"],
                fetcher=fetcher,
                dry_run=dry_run,
                limit=options.get("limit"),
                mapping_path=options.get("mapping"),
                refresh=options["refresh"],
                progress=(lambda _url: bar.update()) if bar is not None else None,
                say=self.stdout.write,
            )
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        finally:
            if bar is not None:
                bar.close()
        self.report(run, options.get("mapping"))

    def report(self, run: ImportRun, mapping: str | None) -> None:
        for failure in run.report.get("failures", []):
            self.stderr.write(_("Lỗi: %(url)s — %(reason)s") % failure)
        for warning in run.report.get("warnings", []):
            self.stderr.write(_("Cảnh báo: %(url)s — %(reason)s") % warning)
        if run.status == ImportRun.Status.DRY_RUN:
            planned = run.report.get("planned", {})
            self.stdout.write(
                self.style.SUCCESS(
                    _(
                        "Chạy thử: sẽ tạo %(create)d, cập nhật %(update)d, không đổi "
                        "%(unchanged)d; %(failed)d mục không đọc được."
                    )
                    % {**planned, "failed": run.failed}
                )
            )
            if mapping:
                self.stdout.write(
                    _("Đã ghi tệp ánh xạ chuyên mục: %(file)s (sửa rồi chạy thật).")
                    % {"file": mapping}
                )
            return
        summary = _(
            "Tạo mới %(created)d, cập nhật %(updated)d, bỏ qua %(skipped)d, lỗi %(failed)d; "
            "%(redirects)d chuyển hướng, %(images)d ảnh, %(documents)d tệp, tải về %(size)s."
        ) % {
            "created": run.created,
            "updated": run.updated,
            "skipped": run.skipped,
            "failed": run.failed,
            "redirects": run.redirects,
            "images": run.images,
            "documents": run.documents,
            "size": filesizeformat(run.bytes),
        }
        style = self.style.SUCCESS if run.status == ImportRun.Status.DONE else self.style.WARNING
        if run.status == ImportRun.Status.INTERRUPTED:
            summary = _("Bị ngắt giữa chừng; chạy lại để tiếp tục. ") + summary
        self.stdout.write(style(summary))

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
