"""Deployment check: in production, superusers sign in with a second factor."""

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def superusers_use_two_factor(app_configs, **kwargs):
    if settings.CONG_2FA_FOR_SUPERUSERS:
        return []
    return [
        Warning(
            "CONG_2FA_FOR_SUPERUSERS is off: superusers reach the admin with a password alone.",
            hint="Unset it (it follows SECURE_COOKIES) or set CONG_2FA_FOR_SUPERUSERS=true.",
            id="accounts.W001",
        )
    ]
