"""manage.py create_site --host soyte.thanhhoa.gov.vn --name "Sở Y tế" --kind so"""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from cong.core.models import SiteKind
from cong.province.sites import SiteError, create_site


class Command(BaseCommand):
    @property
    def help(self) -> str:  # type: ignore[override]
        return _(
            "Tạo website thành viên (Cổng tỉnh): website, trang chủ và các chuyên mục mặc định, "
            "thư mục ảnh và tài liệu, các nhóm biên tập và quy trình duyệt riêng. Chạy lại với "
            "cùng tên miền chỉ bổ sung phần còn thiếu."
        )

    def add_arguments(self, parser):
        parser.add_argument(
            "--host", required=True, help=_("Tên miền, ví dụ soyte.thanhhoa.gov.vn")
        )
        parser.add_argument("--name", required=True, help=_("Tên cơ quan, ví dụ “Sở Y tế”"))
        parser.add_argument(
            "--kind",
            choices=SiteKind.values,
            default=SiteKind.SO,
            help=_("Loại cơ quan: so (Sở, ban, ngành), xa (UBND xã, phường), tinh (Cổng tỉnh)"),
        )

    def handle(self, *args, host, name, kind, **options):
        try:
            site = create_site(host, name, kind)
        except SiteError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                _("Website “%(name)s” sẵn sàng tại http://%(host)s/ (mã %(pk)d).")
                % {"name": site.site_name, "host": site.hostname, "pk": site.pk}
            )
        )
