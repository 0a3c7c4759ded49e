"""Who is locked out now, and lifting a lock-out (django-axes' attempt records).

A lock-out falls on a user name or on an address (AXES_LOCKOUT_PARAMETERS = ["username",
"ip_address"]) once either has `CONG_LOGIN_FAILURE_LIMIT` failures within the cool-off,
and lasts `CONG_LOGIN_COOLOFF_MINUTES` from the latest failure.
"""

from dataclasses import dataclass
from datetime import datetime

from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from axes.utils import reset
from django.conf import settings
from django.db.models import Max, Sum
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone


@dataclass(frozen=True)
class Lockout:
    field: str  # "username" or "ip_address"
    value: str
    failures: int
    until: datetime


def current_lockouts(now: datetime | None = None) -> list[Lockout]:
    """User names and addresses locked out at `now`, the latest first."""
    now = now or timezone.now()
    cool_off = get_cool_off()
    recent = AccessAttempt.objects.filter(attempt_time__gte=now - cool_off)
    found = []
    for field in ("username", "ip_address"):
        # Not `exclude(ip_address="")`: an empty address is sent as NULL, which drops every row.
        known = recent.filter(**{f"{field}__isnull": False})
        if field == "username":
            known = known.exclude(username="")
        rows = (
            known.values(field)
            .annotate(failures=Sum("failures_since_start"), latest=Max("attempt_time"))
            .filter(failures__gte=settings.AXES_FAILURE_LIMIT)
        )
        found += [Lockout(field, r[field], r["failures"], r["latest"] + cool_off) for r in rows]
    return sorted(found, key=lambda lockout: lockout.until, reverse=True)


def unlock(username: str = "", ip_address: str = "") -> int:
    """Forget the failures of a user name, of an address, or of both; return how many."""
    if username and ip_address:
        return reset(ip=ip_address, username=username, ip_or_username=True)
    if username:
        return reset(username=username)
    if ip_address:
        return reset(ip=ip_address)
    return 0


def lockout_response(request, original_response=None, credentials=None) -> HttpResponse:
    """The Vietnamese page shown instead of the login form (AXES_LOCKOUT_CALLABLE), 429."""
    context = {
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "minutes": int(get_cool_off(request).total_seconds() // 60),
    }
    return render(request, "accounts/lockout.html", context, status=429)
