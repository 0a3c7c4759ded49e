from dataclasses import asdict

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.cache import patch_cache_control
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST
from wagtail.models import Site

from cong.visits.counting import clean_path, count_hit, page_for_path
from cong.visits.stats import SUMMARY_SECONDS, page_views, summary_for_site


@csrf_exempt  # a beacon carries no token; it only ever adds one anonymous page view
@require_POST
def hit(request: HttpRequest) -> HttpResponse:
    """Count one page view (`navigator.sendBeacon`); always 204, counted or filtered."""
    count_hit(request)
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
