"""Crawlers and the admin: a header instead of a line in robots.txt.

robots.txt is public, so listing a custom admin address (CONG_ADMIN_PATH) there would tell
everyone where the login form is. Instead every admin response says "noindex, nofollow" in
an `X-Robots-Tag` header (the login page also has Wagtail's `<meta name="robots">`), which
keeps it out of search results without naming it anywhere.
"""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest
from django.http.response import HttpResponseBase

ADMIN_ROBOTS = "noindex, nofollow"


class AdminNoIndexMiddleware:
    """`X-Robots-Tag: noindex, nofollow` on every response under the admin path."""

    def __init__(self, get_response: Callable) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if request.path_info.startswith("/" + settings.CONG_ADMIN_PATH):
            response.headers.setdefault("X-Robots-Tag", ADMIN_ROBOTS)
        return response
