"""Create or complete the editorial roles and the approval workflow."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from cong.editorial.roles import ROLES
from cong.editorial.setup import setup_editorial


class Command(BaseCommand):
    @property
    def help(self) -> str:  # type: ignore[override]
        return _(
            "Tạo hoặc bổ sung các vai trò (Phóng viên, Biên tập viên, Lãnh đạo duyệt, Quản trị) "
            "và quy trình duyệt “Biên tập → Duyệt”. Chạy lại nhiều lần không tạo bản trùng."
        )

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset",
            action="store_true",
            help=_("Đưa quyền của mỗi nhóm về đúng như định nghĩa (bỏ quyền đã thêm bằng tay)."),
        )

    def handle(self, *args, reset=False, **options):
        groups, workflow = setup_editorial(reset=reset)
        for role in ROLES:
            group = groups[role.name]
            self.stdout.write(
                _(
                    "%(group)s: %(permissions)d quyền, %(pages)d quyền trên trang, %(users)d người dùng"
                )
                % {
                    "group": group.name,
                    "permissions": group.permissions.count(),
                    "pages": group.page_permissions.count(),
                    "users": group.user_set.count(),
                }
            )
        steps = " → ".join(t.name for t in workflow.tasks)
        self.stdout.write(
            self.style.SUCCESS(
                _("Quy trình “%(name)s”: %(steps)s.") % {"name": workflow.name, "steps": steps}
            )
        )
