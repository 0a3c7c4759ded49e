"""Uploaded media served by Django (`CONG_SERVE_MEDIA=true`, the embedded default).

Images are public. Documents are not: Wagtail's document view (/documents/<id>/<name>)
applies collection privacy (login or password), a safe Content-Type and nosniff, so
their files must never be reachable under /media/ as well, whatever the configuration.
deploy/nginx/cong.conf refuses the same folder.
"""

import posixpath

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.views.static import serve

# Wagtail stores document files in MEDIA_ROOT/documents/ (AbstractDocument.file's upload_to).
PRIVATE_FOLDERS = ("documents",)


def is_private(path: str) -> bool:
    """Whether `path` (relative to MEDIA_ROOT, as in the URL) falls in a private folder.

    Normalised first, as `serve` does, so "images/../documents/x.pdf" is caught too; folder
    names compare case-insensitively for file systems that do.

    >>> is_private("documents/bao-cao.pdf"), is_private("./images/../Documents//x.pdf")
    (True, True)
    >>> is_private("original_images/anh.jpg"), is_private("documents-public.txt")
    (False, False)
    """
    first = posixpath.normpath(path.replace("\\", "/")).lstrip("/").split("/")[0]
    return first.lower() in PRIVATE_FOLDERS


def serve_media(request: HttpRequest, path: str) -> HttpResponse:
    """Django's static `serve` for MEDIA_ROOT, refusing private folders with a 404."""
    if is_private(path):
        raise Http404
    return serve(request, path, document_root=settings.MEDIA_ROOT)
