from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from cong.accounts import enrolment


class Command(BaseCommand):
    help = (
        "Issue a one-time link with which USERNAME sets up two-factor sign-in (after their "
        "password), valid CONG_2FA_ENROLMENT_HOURS; prints it, or e-mails it with --email. "
        "Earlier unused links of the user stop working."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument(
            "--email",
            action="store_true",
            help="Send the link to the user's address on file instead of printing it.",
        )

    def handle(self, *args, username, email, **options):
        user = get_user_model()._default_manager.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user named {username!r}.")
        hours = settings.CONG_2FA_ENROLMENT_HOURS
        if email:
            if not enrolment.email_link(user):
                raise CommandError(f"Could not e-mail {username} (no address, or SMTP failed).")
            self.stdout.write(f"E-mailed a link to {user.email} (valid once, {hours} h).")
            return
        url = enrolment.issue(user, channel="manage.py")
        self.stdout.write(f"Two-factor enrolment link for {username} (valid once, {hours} h):")
        self.stdout.write(url)
