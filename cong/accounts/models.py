"""The login log ("Nhật ký đăng nhập"): who signed in, out or failed, when and from where.

The client address is kept here on purpose: it is security logging, read by the agency's
administrators to spot attacks. Rows older than `CONG_LOGIN_EVENT_DAYS` (180 by default)
are deleted (`manage.py purge_login_events`, and on every successful login).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class LoginEvent(models.Model):
    """One sign-in, sign-out, failure, lock-out, unlock or second-factor step."""

    class Kind(models.TextChoices):
        LOGIN = "login", _("Đăng nhập")
        LOGOUT = "logout", _("Đăng xuất")
        FAILURE = "failure", _("Đăng nhập sai")
        LOCKOUT = "lockout", _("Bị tạm khóa")
        UNLOCK = "unlock", _("Mở khóa")
        OTP_VERIFIED = "otp_verified", _("Xác thực hai bước thành công")
        OTP_FAILED = "otp_failed", _("Mã xác thực sai")
        OTP_ENABLED = "otp_enabled", _("Bật xác thực hai bước")
        OTP_DISABLED = "otp_disabled", _("Tắt xác thực hai bước")
        ENROLMENT_ISSUED = "enrol_issued", _("Cấp liên kết bật xác thực hai bước")
        ENROLMENT_USED = "enrol_used", _("Dùng liên kết bật xác thực hai bước")

    created_at = models.DateTimeField(_("thời gian"), auto_now_add=True, db_index=True)
    kind = models.CharField(_("sự kiện"), max_length=20, choices=Kind.choices)
    # As typed on the login form: a failure may name an account that does not exist.
    username = models.CharField(_("tên đăng nhập"), max_length=150, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("tài khoản"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    ip_address = models.GenericIPAddressField(_("địa chỉ IP"), null=True, blank=True)
    detail = models.CharField(_("ghi chú"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("sự kiện đăng nhập")
        verbose_name_plural = _("nhật ký đăng nhập")
        ordering = ["-created_at", "-pk"]
        permissions = [("unlock_login", _("Có thể mở khóa đăng nhập bị tạm khóa"))]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.kind} {self.username}"


class EnrolmentLink(models.Model):
    """A one-time link to set up two-factor sign-in (cong.accounts.enrolment).

    The password alone must not reach the authenticator secret: a user who must give a code
    and has none yet needs this second channel, e-mailed to the address on file or handed
    over by an administrator. Only a SHA-256 of the token is stored, so the table (a backup,
    a database dump) does not hold working links.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("tài khoản"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("thời gian cấp"), auto_now_add=True)
    expires_at = models.DateTimeField(_("hết hạn"), db_index=True)
    used_at = models.DateTimeField(_("đã dùng lúc"), null=True, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người cấp"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    channel = models.CharField(_("cách gửi"), max_length=20)

    class Meta:
        verbose_name = _("liên kết bật xác thực hai bước")
        verbose_name_plural = _("liên kết bật xác thực hai bước")

    def __str__(self):
        return f"{self.user_id} {self.created_at:%Y-%m-%d %H:%M} {self.channel}"
