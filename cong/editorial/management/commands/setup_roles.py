"""Create or complete the editorial roles and the approval workflow."""

from django.core.management.base import BaseCommand

from cong.editorial.roles import ROLES
from cong.editorial.setup import setup_editorial


class Command(BaseCommand):
    help = (
        "Tạo hoặc bổ sung các vai trò (Phóng viên, Biên tập viên, Lãnh đạo duyệt, Quản trị) "
        "và quy trình duyệt “Biên tập → Duyệt”. Chạy lại nhiều lần không tạo bản trùng."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Đưa quyền của mỗi nhóm về đúng như định nghĩa (bỏ quyền đã thêm bằng tay).",
        )

    def handle(self, *args, reset=False, **options):
        groups, workflow = setup_editorial(reset=reset)
        for role in ROLES:
            group = groups[role.name]
            self.stdout.write(
                f"{group.name}: {group.permissions.count()} quyền, "
                f"{group.page_permissions.count()} quyền trên trang, "
                f"{group.user_set.count()} người dùng"
            )
        steps = " → ".join(t.name for t in workflow.tasks)
        self.stdout.write(self.style.SUCCESS(f"Quy trình “{workflow.name}”: {steps}."))
