"""Who is visiting, without cookies and without storing who they are.

A visitor is HMAC-SHA256(daily secret, site | client IP | normalised user agent), as in
Plausible and GoatCounter. The secret changes at local midnight (Asia/Ho_Chi_Minh) and is
deleted after 48 hours, so yesterday's visitors cannot be linked to today's, and since the
hash changes at midnight a new visit starts then too.
"""

import datetime
import hashlib
import hmac
import secrets

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from cong.visits.models import DailySalt, VisitorDay

_salts: dict[datetime.date, bytes] = {}


def local_day(moment: datetime.datetime) -> datetime.date:
    """The local (Asia/Ho_Chi_Minh) date of an aware moment: "today" starts at 00:00 local."""
    return timezone.localtime(moment).date()


def salt_for(day: datetime.date) -> bytes:
    """The secret of `day`, created by whichever process needs it first."""
    salt = _salts.get(day)
    if salt is not None:
        return salt
    row = DailySalt.objects.filter(day=day).first()
    if row is None:
        try:
            with transaction.atomic():
                row = DailySalt.objects.create(day=day, secret=secrets.token_bytes(32))
        except IntegrityError:  # another worker created it first
            row = DailySalt.objects.get(day=day)
        forget_before(day - datetime.timedelta(days=1))
    _salts.clear()  # keep only the current day in memory
    _salts[day] = bytes(row.secret)
    return _salts[day]


def forget_before(day: datetime.date) -> None:
    """Delete secrets and visitor rows older than `day` (yesterday's stay for 48 h)."""
    DailySalt.objects.filter(day__lt=day).delete()
    VisitorDay.objects.filter(day__lt=day).delete()


def normalise_user_agent(user_agent: str) -> str:
    """Collapse spacing and case so trivial variations are one browser.

    >>> normalise_user_agent("  Mozilla/5.0  (X11;   Linux) ")
    'mozilla/5.0 (x11; linux)'
    """
    return " ".join(user_agent.split()).lower()[:512]


def client_ip(request) -> str:
    """The client's address; behind `CONG_PROXY_COUNT` trusted proxies, from X-Forwarded-For."""
    proxies = settings.CONG_PROXY_COUNT
    if proxies:
        forwarded = [p.strip() for p in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [p for p in forwarded if p]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def visitor_hash(site_id: int, ip: str, user_agent: str, day: datetime.date) -> str:
    """The anonymous identity of one browser at one address on one site for one day."""
    message = f"{site_id}\x00{ip}\x00{normalise_user_agent(user_agent)}".encode()
    return hmac.new(salt_for(day), message, hashlib.sha256).hexdigest()[:32]
