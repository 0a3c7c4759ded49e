"""One-time links to set up two-factor sign-in: the second channel before the first code.

A user who must give a code (`twofactor.is_mandatory`) and has no authenticator yet cannot
see the secret with a password alone: someone holding a leaked password would otherwise enrol
their own phone. They need a link that came another way: e-mailed to the address on file
(requested from the page they are shown), or issued by an administrator (the user listing's
button, or `manage.py issue_2fa_enrolment USERNAME`). A link works once, for
`CONG_2FA_ENROLMENT_HOURS`, only for its own account and only after the password; issuing a
new one cancels the older ones. Opening it lets this browser session see the set-up page for
`GRANT_MINUTES`.

A user who has just given a code (changing phones) may set up a new device in that session
without a link: `grant(request)`.
"""

import datetime
import hashlib
import logging
import secrets

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cong.accounts import events
from cong.accounts.models import EnrolmentLink, LoginEvent

logger = logging.getLogger(__name__)

SESSION_KEY = "cong_2fa_enrolment"
GRANT_MINUTES = 60
EMAIL_SUBJECT = gettext_lazy("Liên kết bật xác thực hai bước")  # fixed: nothing typed by a user


class LinkRefused(Exception):
    """The link cannot be used; the message says why, in Vietnamese."""


def token_hash(token: str) -> str:
    """What is stored of a token.

    >>> token_hash("abc")[:16]
    'ba7816bf8f01cfea'
    """
    return hashlib.sha256(token.encode()).hexdigest()


def link_url(token: str) -> str:
    """The absolute address of the link (the admin's base address, never the request's)."""
    path = reverse("accounts_2fa_enrol", kwargs={"token": token})
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def issue(user, *, channel: str, issued_by=None, request=None) -> str:
    """A new link for `user` (earlier unused ones stop working); returns its address."""
    token = secrets.token_urlsafe(32)
    now = timezone.now()
    with transaction.atomic():
        EnrolmentLink.objects.filter(user=user, used_at__isnull=True).delete()
        EnrolmentLink.objects.create(
            user=user,
            token_hash=token_hash(token),
            expires_at=now + datetime.timedelta(hours=settings.CONG_2FA_ENROLMENT_HOURS),
            issued_by=issued_by,
            channel=channel,
        )
    by = f" ({issued_by.get_username()})" if issued_by else ""
    events.record(LoginEvent.Kind.ENROLMENT_ISSUED, request, user=user, detail=f"{channel}{by}")
    return link_url(token)


def revoke(user) -> int:
    """Cancel the user's unused links (their phone was reset, or they enrolled)."""
    deleted, _ = EnrolmentLink.objects.filter(user=user, used_at__isnull=True).delete()
    return deleted


def email_link(user, *, issued_by=None, request=None) -> bool:
    """Send a new link to the address on file; False when there is none or the mail failed."""
    if not user.email:
        return False
    url = issue(user, channel="email", issued_by=issued_by, request=request)
    hours = settings.CONG_2FA_ENROLMENT_HOURS
    body = _(
        "Kính gửi %(name)s,\n\n"
        "Để bật xác thực hai bước cho tài khoản %(username)s, hãy đăng nhập rồi mở liên kết "
        "sau (dùng được một lần, trong %(hours)s giờ):\n\n%(url)s\n\n"
        "Nếu bạn không yêu cầu, hãy bỏ qua thư này và báo cho quản trị viên: có thể ai đó "
        "đã biết mật khẩu của bạn.\n\nĐây là thư tự động, xin vui lòng không trả lời thư này."
    ) % {
        "name": user.get_full_name() or user.get_username(),
        "username": user.get_username(),
        "hours": hours,
        "url": url,
    }
    try:
        send_mail(str(EMAIL_SUBJECT), body, settings.DEFAULT_FROM_EMAIL, [user.email])
    except Exception:  # SMTP down: the user sees that no mail went, nothing else breaks
        logger.exception("Could not e-mail an enrolment link to user %s", user.pk)
        return False
    return True


def redeem(request, token: str) -> None:
    """Use the link in this session, once; raises `LinkRefused` with the reason."""
    now = timezone.now()
    with transaction.atomic():
        link = (
            EnrolmentLink.objects.select_for_update().filter(token_hash=token_hash(token)).first()
        )
        if link is None:
            raise LinkRefused(
                _(
                    "Liên kết không đúng hoặc đã bị thay bằng một liên kết mới hơn. "
                    "Hãy dùng liên kết mới nhất, hoặc xin một liên kết mới."
                )
            )
        if link.user_id != request.user.pk:
            raise LinkRefused(
                _(
                    "Liên kết này dành cho một tài khoản khác. Hãy đăng xuất rồi đăng nhập "
                    "bằng đúng tài khoản được cấp liên kết."
                )
            )
        if link.used_at is not None:
            raise LinkRefused(
                _(
                    "Liên kết này đã được dùng. Mỗi liên kết chỉ dùng được một lần: "
                    "hãy xin một liên kết mới."
                )
            )
        if link.expires_at <= now:
            raise LinkRefused(
                _("Liên kết đã hết hạn (chỉ dùng được trong %(hours)s giờ). Hãy xin liên kết mới.")
                % {"hours": settings.CONG_2FA_ENROLMENT_HOURS}
            )
        link.used_at = now
        link.save(update_fields=["used_at"])
    events.record(LoginEvent.Kind.ENROLMENT_USED, request, user=request.user)
    grant(request)


def grant(request) -> None:
    """Let this session set up a device for the signed-in user for `GRANT_MINUTES`."""
    until = timezone.now() + datetime.timedelta(minutes=GRANT_MINUTES)
    request.session[SESSION_KEY] = {"user": request.user.pk, "until": until.timestamp()}


def granted(request) -> bool:
    value = request.session.get(SESSION_KEY) or {}
    return (
        value.get("user") == request.user.pk
        and float(value.get("until") or 0) > timezone.now().timestamp()
    )


def forget(request) -> None:
    request.session.pop(SESSION_KEY, None)
