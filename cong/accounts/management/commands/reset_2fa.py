from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django_otp.plugins.otp_totp.models import TOTPDevice

from cong.accounts import enrolment, events
from cong.accounts.models import LoginEvent


class Command(BaseCommand):
    help = (
        "Remove a user's authenticator devices (lost phone) and their unused enrolment links, "
        "and print a new one-time enrolment link (as issue_2fa_enrolment does): a user who "
        "must use two-factor sign-in cannot set it up again without one."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument(
            "--email", action="store_true", help="E-mail the new link instead of printing it."
        )
        parser.add_argument(
            "--no-link", action="store_true", help="Only remove; issue no new link."
        )

    def handle(self, *args, username, email, no_link, **options):
        user = get_user_model()._default_manager.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user named {username!r}.")
        deleted, _ = TOTPDevice.objects.devices_for_user(user).delete()
        enrolment.revoke(user)
        events.record(LoginEvent.Kind.OTP_DISABLED, user=user, detail="manage.py reset_2fa")
        self.stdout.write(f"Removed {deleted} device(s) of {username}.")
        if not no_link:
            options = {"email": email, "stdout": self.stdout}
            call_command("issue_2fa_enrolment", username, **options)
