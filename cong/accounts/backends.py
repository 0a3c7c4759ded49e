"""The lock-out as an authentication backend (django-axes), first in AUTHENTICATION_BACKENDS."""

from axes.backends import AxesStandaloneBackend


class LockoutBackend(AxesStandaloneBackend):
    """Refuse any password, even the right one, while the user name or address is locked out.

    Every sign-in over HTTP comes through Wagtail's login form, which passes the request.
    `authenticate()` without a request (the test client's `login()`, a shell) is not a web
    attempt: there is nothing to count, so it is left to the next backend instead of failing
    as django-axes does.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
