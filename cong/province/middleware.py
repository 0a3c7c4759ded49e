"""Django's CSRF check with the origins of the Sites as they are now (cong.province.hosts)."""

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Warning
from django.middleware.csrf import CsrfViewMiddleware


class SiteCsrfViewMiddleware(CsrfViewMiddleware):
    """Django's CSRF check, reading CSRF_TRUSTED_ORIGINS on each check rather than once per
    process, so a new Site's origin is trusted at once (wildcard origins, from the
    environment only, stay read once)."""

    @property
    def csrf_trusted_origins_hosts(self):  # type: ignore[override]
        return CsrfViewMiddleware.csrf_trusted_origins_hosts.func(self)

    @property
    def allowed_origins_exact(self):  # type: ignore[override]
        return CsrfViewMiddleware.allowed_origins_exact.func(self)


PATHS = ("django.middleware.csrf.CsrfViewMiddleware", f"{__name__}.SiteCsrfViewMiddleware")


def check_csrf_middleware(app_configs: Any | None = None, **kwargs: Any) -> list[CheckMessage]:
    """Django's security.W003, which knows only Django's own class by its path (silenced in
    the settings): warn when neither it nor SiteCsrfViewMiddleware is in MIDDLEWARE."""
    if any(path in settings.MIDDLEWARE for path in PATHS):
        return []
    return [
        Warning(
            "Neither Django's CsrfViewMiddleware nor cong.province.middleware."
            "SiteCsrfViewMiddleware is in MIDDLEWARE: forms are not protected against "
            "cross-site request forgery.",
            id="cong.W030",
        )
    ]
