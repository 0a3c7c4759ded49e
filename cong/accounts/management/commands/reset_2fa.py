from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django_otp.plugins.otp_totp.models import TOTPDevice

from cong.accounts import events
from cong.accounts.models import LoginEvent


class Command(BaseCommand):
    help = (
        "Remove a user's authenticator devices (lost phone): their next sign-in sets up "
        "two-factor again."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        user = get_user_model()._default_manager.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user named {username!r}.")
        deleted, _ = TOTPDevice.objects.devices_for_user(user).delete()
        events.record(LoginEvent.Kind.OTP_DISABLED, user=user, detail="manage.py reset_2fa")
        self.stdout.write(f"Removed {deleted} device(s) of {username}.")
