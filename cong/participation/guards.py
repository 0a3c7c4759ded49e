"""Abuse resistance shared by the public forms: rate limits and the captcha rule.

Counts live in the cache (django-ratelimit). Addresses and e-mails are only ever used as
hashed cache keys: nothing here is written to the database.
"""

import datetime

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django_ratelimit.core import get_usage

from cong.core.cache import cache_reachable
from cong.core.clients import client_ip
from cong.core.text import clean_line, fold

SEEN_TIMEOUT = 2 * 24 * 60 * 60


def email_key(email: str) -> str:
    """An e-mail address as one rate-limit key: case, accents and spaces do not count.

    >>> email_key("  Nguyen.An@Example.VN ")
    'nguyen.an@example.vn'
    """
    return "".join(clean_line(fold(email)).lower().split())


def over_limit(request, group: str, rate: str, value: str, *, count: bool = True) -> bool:
    """Whether `value` is over `rate` ("5/h") in `group`.

    With `count`, one more use is counted first (atomically, in the cache); without, this
    only asks whether the allowance is already used up, so a request can be refused before
    any work is done.
    """
    if not value:
        return False
    usage = get_usage(
        request,
        group=f"cong:{group}",
        key=lambda _group, _request: value,
        rate=rate,
        increment=count,
    )
    if usage is None:  # RATELIMIT_ENABLE = False
        return False
    return usage["should_limit"] if count else usage["count"] >= usage["limit"]


def ip_over_limit(request, group: str, rate: str | None = None, *, count: bool = True) -> bool:
    rate = rate or settings.CONG_PARTICIPATION_RATE
    return over_limit(request, f"{group}:ip", rate, client_ip(request), count=count)


def email_over_limit(request, group: str, email: str, *, count: bool = True) -> bool:
    rate = settings.CONG_PARTICIPATION_EMAIL_RATE
    return over_limit(request, f"{group}:email", rate, email_key(email), count=count)


def submission_refused(request, group: str, email: str, rate: str | None = None) -> bool:
    """Count a valid submission against the address's and the e-mail's allowances."""
    by_ip = ip_over_limit(request, group, rate)
    by_email = email_over_limit(request, group, email) if email else False
    return by_ip or by_email


def lookup_blocked(request, count_miss: bool = False) -> bool:
    """Tracking-code lookups: misses are counted, so codes cannot be tried in bulk; once the
    allowance is used up, even a right code waits for the window to pass."""
    rate = settings.CONG_PARTICIPATION_LOOKUP_RATE
    return over_limit(request, "participation:lookup", rate, client_ip(request), count=count_miss)


def _seen_keys(request, email: str, day: datetime.date) -> list[str]:
    values = [f"ip:{client_ip(request)}"]
    if email_key(email):
        values.append(f"email:{email_key(email)}")
    return [
        "cong:participation:seen:"
        + salted_hmac("cong.participation.seen", f"{day}:{value}").hexdigest()[:32]
        for value in values
    ]


def captcha_required(request, email: str = "") -> bool:
    """The captcha is asked from the second submission of the (local) day, or always.

    While the cache (Redis) is down neither the day's submissions nor the rate limits can be
    counted (RATELIMIT_FAIL_OPEN): the captcha, whose answers live in the database, is then
    asked every time instead."""
    if settings.CONG_PARTICIPATION_CAPTCHA_ALWAYS or not cache_reachable():
        return True
    keys = _seen_keys(request, email, timezone.localdate())
    return bool(cache.get_many(keys))


def remember_submission(request, email: str = "") -> None:
    keys = _seen_keys(request, email, timezone.localdate())
    cache.set_many(dict.fromkeys(keys, True), SEEN_TIMEOUT)
