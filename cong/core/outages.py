"""When the database cannot be reached: a maintenance page (503, Retry-After), not a 500.

Django turns any exception, in a view or a middleware, into its `handler500` view (with
DEBUG off); this one (`cong.urls.handler500`) looks at the exception being handled. A lost
or refused database connection (OperationalError, InterfaceError) is an outage that ends by
itself: readers get a Vietnamese maintenance page with `Retry-After`, editors in the admin a
maintenance message, and nginx shows its cached copy of a page instead when it has one
(deploy/nginx/cong.conf). No restart is needed afterwards: with CONN_HEALTH_CHECKS a broken
connection is replaced on the next request. Anything else is the ordinary 500 page.

The page is rendered without a request context: context processors would query the database.
"""

import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template import loader
from django.utils.cache import add_never_cache_headers
from django.views.defaults import server_error

RETRY_AFTER_SECONDS = 60


def is_database_outage(exc: BaseException | None) -> bool:
    """Whether `exc` (or an exception it was raised from) means the database is unreachable."""
    while exc is not None:
        if isinstance(exc, (OperationalError, InterfaceError)):
            return True
        exc = exc.__cause__ or exc.__context__
    return False


def maintenance_response(request: HttpRequest) -> HttpResponse:
    admin = request.path.startswith("/" + settings.CONG_ADMIN_PATH)
    html = loader.get_template("core/maintenance.html").render({"admin": admin})
    response = HttpResponse(html, status=503, content_type="text/html; charset=utf-8")
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    return response


def handler500(request: HttpRequest) -> HttpResponse:
    """`handler500`: the maintenance page during a database outage, else Django's 500."""
    if is_database_outage(sys.exc_info()[1]):
        return maintenance_response(request)
    return server_error(request)
