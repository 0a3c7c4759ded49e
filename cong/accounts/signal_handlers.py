"""Fill the login log from Django's and django-axes' signals.

The role "Quản trị" reads the log and lifts lock-outs: cong.editorial.roles gives it that.
"""

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from cong.accounts import events
from cong.accounts.models import LoginEvent


@receiver(user_logged_in, dispatch_uid="cong-accounts-login")
def on_login(sender, request, user, **kwargs):
    events.record(LoginEvent.Kind.LOGIN, request, user=user)
    events.purge()  # one indexed DELETE: the retention holds even without a timer


@receiver(user_logged_out, dispatch_uid="cong-accounts-logout")
def on_logout(sender, request, user, **kwargs):
    if user is not None:
        events.record(LoginEvent.Kind.LOGOUT, request, user=user)


@receiver(user_login_failed, dispatch_uid="cong-accounts-failure")
def on_login_failed(sender, credentials, request=None, **kwargs):
    events.record(LoginEvent.Kind.FAILURE, request, username=credentials.get("username") or "")


@receiver(user_locked_out, dispatch_uid="cong-accounts-lockout")
def on_locked_out(sender, request, username, ip_address, **kwargs):
    events.record(LoginEvent.Kind.LOCKOUT, request, username=username or "")
