"""Keep a signed-in user who owes a second factor on the two-factor pages until it is given."""

from functools import cached_property
from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

from cong.accounts.twofactor import requires_second_factor


class TwoFactorMiddleware:
    """After django_otp's OTPMiddleware: every address but the two-factor pages, sign-in,
    sign-out and static files sends an unverified user who needs a code to /admin/2fa/.

    Not only the admin: private pages and documents are closed to a half-signed-in user too.
    Requests without a session cookie are never looked at, so public pages stay cacheable
    (no session access, no `Vary: Cookie`).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._owes_second_factor(request):
            target = reverse("accounts_2fa")
            if request.method == "GET":
                target += "?" + urlencode({"next": request.get_full_path()})
            return redirect(target)
        return self.get_response(request)

    @cached_property
    def exempt_prefixes(self) -> tuple[str, ...]:
        names = [
            "accounts_2fa",
            "accounts_2fa_setup",
            "wagtailadmin_login",
            "wagtailadmin_logout",
            "wagtailadmin_javascript_catalog",
            "wagtailadmin_sprite",
        ]
        prefixes = [reverse(name) for name in names]
        return tuple(prefixes + [settings.STATIC_URL, settings.MEDIA_URL])

    def _owes_second_factor(self, request) -> bool:
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            return False
        if request.path_info.startswith(self.exempt_prefixes):
            return False
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return False
        return requires_second_factor(user)
