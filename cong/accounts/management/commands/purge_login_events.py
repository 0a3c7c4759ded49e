from django.conf import settings
from django.core.management.base import BaseCommand

from cong.accounts.events import purge


class Command(BaseCommand):
    help = "Delete login-log rows older than CONG_LOGIN_EVENT_DAYS (180 days by default)."

    def handle(self, *args, **options):
        deleted = purge()
        self.stdout.write(
            f"Deleted {deleted} login events older than {settings.CONG_LOGIN_EVENT_DAYS} days."
        )
