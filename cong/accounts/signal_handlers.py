"""Fill the login log from Django's and django-axes' signals; give "Quản trị" its rights."""

from axes.signals import user_locked_out
from django.contrib.auth.models import Group, Permission
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import post_migrate
from django.dispatch import receiver

from cong.accounts import events
from cong.accounts.models import LoginEvent

ADMINISTRATORS = "Quản trị"
ADMINISTRATOR_PERMISSIONS = ["view_loginevent", "unlock_login"]


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


@receiver(post_migrate, dispatch_uid="cong-accounts-administrators")
def grant_administrators(sender, using="default", **kwargs):
    """The role "Quản trị" reads the login log and lifts lock-outs (idempotent).

    Runs after every app's migrations, so it also sees permissions created after ours. It
    only adds: whatever else the role is given elsewhere stays.
    """
    permissions = Permission.objects.using(using).filter(
        content_type__app_label="accounts", codename__in=ADMINISTRATOR_PERMISSIONS
    )
    if len(permissions) == len(ADMINISTRATOR_PERMISSIONS):
        group, _ = Group.objects.using(using).get_or_create(name=ADMINISTRATORS)
        group.permissions.add(*permissions)
