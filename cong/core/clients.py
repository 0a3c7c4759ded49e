"""Who is asking: the client's address, and an anonymous daily identity for one browser.

The address is what every feature that limits or counts needs (visit statistics, ratings,
rate limits of public forms, the login lock-out). Behind reverse proxies it comes from
`X-Forwarded-For`, but only when the request reached Django from one of the trusted proxies
(`CONG_TRUSTED_PROXIES`, loopback by default, and gunicorn's Unix socket, which only nginx
can open): anyone else who can reach gunicorn directly could otherwise claim any address.

A visitor is HMAC-SHA256(daily secret, site | client IP | normalised user agent), as in
Plausible and GoatCounter: no cookie, no address stored. The secret changes at local
midnight (Asia/Ho_Chi_Minh) and is deleted after 48 hours, so yesterday's visitors cannot
be linked to today's; apps that keep per-visitor rows delete theirs on `salts_forgotten`.
"""

import datetime
import hashlib
import hmac
import ipaddress
import secrets
from functools import lru_cache

from django.conf import settings
from django.db import IntegrityError, transaction
from django.dispatch import Signal
from django.http import HttpRequest
from django.utils import timezone

from cong.core.models import DailySalt

# Sent with `before` (a date) once the secrets of days before it are deleted.
salts_forgotten = Signal()

_salts: dict[datetime.date, bytes] = {}

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network


@lru_cache(maxsize=8)
def _networks(proxies: tuple[str, ...]) -> tuple[IPNetwork, ...]:
    return tuple(ipaddress.ip_network(p.strip(), strict=False) for p in proxies if p.strip())


def _address(text: str) -> IPAddress | None:
    """A parsed address, or None for anything that is not one (ports, junk, empty).

    >>> str(_address(" 2001:db8::1 ")), _address("1.2.3.4:80"), _address("unknown")
    ('2001:db8::1', None, None)
    """
    try:
        return ipaddress.ip_address(text.strip())
    except ValueError:
        return None


def _trusted(remote_addr: str) -> bool:
    """Whether the direct peer is one of our proxies (a Unix socket peer has no address)."""
    if remote_addr in ("", "unix"):
        return True
    address = _address(remote_addr)
    networks = _networks(tuple(settings.CONG_TRUSTED_PROXIES))
    return address is not None and any(address in network for network in networks)


def client_ip(request: HttpRequest) -> str:
    """The client's address; behind `CONG_PROXY_COUNT` trusted proxies, from X-Forwarded-For.

    A malformed entry, too few entries, or a peer that is not a trusted proxy: the peer's
    own address is used, never a 500.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = settings.CONG_PROXY_COUNT
    if proxies and _trusted(remote):
        forwarded = [p.strip() for p in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [p for p in forwarded if p]
        if len(forwarded) >= proxies:
            address = _address(forwarded[-proxies])
            if address is not None:
                return str(address)
    address = _address(remote)
    return str(address) if address is not None else ""


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
    """Delete the secrets of days before `day` (yesterday's stays for 48 h), and let the
    apps that keep per-visitor rows delete theirs."""
    DailySalt.objects.filter(day__lt=day).delete()
    salts_forgotten.send(sender=DailySalt, before=day)


def normalise_user_agent(user_agent: str) -> str:
    """Collapse spacing and case so trivial variations are one browser.

    >>> normalise_user_agent("  Mozilla/5.0  (X11;   Linux) ")
    'mozilla/5.0 (x11; linux)'
    """
    return " ".join(user_agent.split()).lower()[:512]


def visitor_hash(site_id: int, ip: str, user_agent: str, day: datetime.date) -> str:
    """The anonymous identity of one browser at one address on one site for one day."""
    message = f"{site_id}\x00{ip}\x00{normalise_user_agent(user_agent)}".encode()
    return hmac.new(salt_for(day), message, hashlib.sha256).hexdigest()[:32]
