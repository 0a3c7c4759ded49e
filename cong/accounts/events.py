"""Writing and forgetting rows of the login log."""

import datetime
import ipaddress

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone

from cong.accounts.models import LoginEvent


def client_address(request) -> str | None:
    """The client's address as the lock-out counts it (`CONG_PROXY_COUNT` proxies trusted)."""
    if request is None:
        return None
    address = get_client_ip_address(request) or ""
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:  # missing, or a forwarded header that is not an address
        return None


def record(kind: str, request=None, *, username: str = "", user=None, detail: str = ""):
    """Add one row to the login log; `user` is looked up by `username` when not given."""
    if user is None and username:
        user = get_user_model()._default_manager.filter(username=username).first()
    return LoginEvent.objects.create(
        kind=kind,
        username=(username or (user.get_username() if user else ""))[:150],
        user=user,
        ip_address=client_address(request),
        detail=detail[:255],
    )


def purge(now: datetime.datetime | None = None) -> int:
    """Delete rows older than `CONG_LOGIN_EVENT_DAYS`; return how many went."""
    cutoff = (now or timezone.now()) - datetime.timedelta(days=settings.CONG_LOGIN_EVENT_DAYS)
    deleted, _ = LoginEvent.objects.filter(created_at__lt=cutoff).delete()
    return deleted
