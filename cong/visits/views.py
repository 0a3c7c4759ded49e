import logging
from dataclasses import asdict

from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.cache import patch_cache_control
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST
from redis.exceptions import RedisError
from wagtail.models import Site

from cong.visits.counting import clean_path, count_hit, page_for_path
from cong.visits.stats import SUMMARY_SECONDS, page_views, summary_for_site

logger = logging.getLogger(__name__)
# How long a client should wait before sending beacons again when the store is down.
RETRY_AFTER_SECONDS = 30


@csrf_exempt  # a beacon carries no token; it only ever adds one anonymous page view
@require_POST
def hit(request: HttpRequest) -> HttpResponse:
    """Count one page view (`navigator.sendBeacon`): 204 once it is stored (counted or
    filtered), 503 when it could not be (the visit store, Redis or the database, is down):
    a beacon is never acknowledged and then lost."""
    try:
        count_hit(request)
    except (DatabaseError, RedisError) as exc:
        logger.warning("visit beacon refused, the visit store is unavailable: %s", exc)
        response = HttpResponse(status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        patch_cache_control(response, no_store=True)
        return response
    response = HttpResponse(status=204)
    patch_cache_control(response, no_store=True)
    return response


@require_GET
def summary(request: HttpRequest) -> JsonResponse:
    """The widget's figures as JSON; with `?path=`, also that page's views."""
    site = Site.find_for_request(request)
    data = asdict(summary_for_site(site))
    path = clean_path(request.GET.get("path", ""))
    if site and path:
        page_id = page_for_path(site, path)
        if page_id:
            data["page_views"] = page_views(site, page_id)
    response = JsonResponse(data)
    patch_cache_control(response, public=True, max_age=SUMMARY_SECONDS)
    return response
