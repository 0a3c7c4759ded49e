"""Request bodies larger than the site accepts are refused before they are read (413).

nginx refuses them first in production (client_max_body_size, rendered from the same
figures by deploy/nginx/render.py); this middleware does it for the embedded default and the
development server, where Django would otherwise parse a 300 MB upload to disk before the
form said no. It looks only at Content-Length, so nothing of the body has been read.
"""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.template import loader

MB = 1024 * 1024


def _megabytes_up(n_bytes: int, margin_mb: int = 1) -> int:
    """Whole megabytes, rounded up, plus `margin_mb` for the rest of the form."""
    return -(-n_bytes // MB) + margin_mb


def public_max_mb() -> int:
    """The largest public request (a question with its attachment), in MB."""
    return _megabytes_up(settings.CONG_PARTICIPATION_ATTACHMENT_MAX_BYTES)


def admin_max_mb() -> int:
    """The largest admin request (a document or an image upload), in MB."""
    return _megabytes_up(
        max(settings.CONG_DOCUMENT_MAX_BYTES, settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE)
    )


def max_body_bytes(path: str) -> int:
    admin = path.startswith("/" + settings.CONG_ADMIN_PATH)
    return (admin_max_mb() if admin else public_max_mb()) * MB


def too_large_response(limit_mb: int) -> HttpResponse:
    html = loader.get_template("core/too_large.html").render({"limit_mb": limit_mb})
    response = HttpResponse(html, status=413, content_type="text/html; charset=utf-8")
    # The rest of the body is never read: the connection cannot carry another request.
    response["Connection"] = "close"
    return response


class RequestSizeLimitMiddleware:
    """Answer 413 to a declared body above the limit of its part of the site (first in
    MIDDLEWARE, before anything reads request.POST or FILES)."""

    def __init__(self, get_response: Callable) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        limit = max_body_bytes(request.path)
        if length > limit:
            return too_large_response(limit // MB)
        return self.get_response(request)
