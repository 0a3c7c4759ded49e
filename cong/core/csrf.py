"""The page for a form refused by Django's CSRF check (settings.CSRF_FAILURE_VIEW).

Django's own page is English and unstyled; this one is the site's error page in Vietnamese,
saying what the reader can do. Django logs the technical reason (logger
"django.security.csrf"); the page does not show it.
"""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

TEMPLATE = "403_csrf.html"


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """403 with the site's look: the form expired or the browser blocked its cookie."""
    response = render(request, TEMPLATE, {"path": request.path}, status=403)
    # One reader's failed submission: never kept by a shared cache.
    response["Cache-Control"] = "private, no-store"
    return response
