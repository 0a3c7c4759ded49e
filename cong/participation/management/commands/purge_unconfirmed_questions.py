from django.conf import settings
from django.core.management.base import BaseCommand

from cong.participation import confirmation


class Command(BaseCommand):
    help = (
        "Delete questions whose asker never opened the confirmation link, once it has expired "
        "(CONG_QUESTION_CONFIRM_HOURS), with their attachments. New questions do this too."
    )

    def handle(self, *args, **options):
        deleted = confirmation.sweep()
        hours = settings.CONG_QUESTION_CONFIRM_HOURS
        self.stdout.write(f"Deleted {deleted} question(s) unconfirmed after {hours} h.")
