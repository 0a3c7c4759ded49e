from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from wagtail.models import Page, Site

from cong.core.pagination import paginate
from cong.core.text import clean_line

RESULTS_PER_PAGE = 10
MAX_QUERY_LENGTH = 200


def search(request: HttpRequest) -> HttpResponse:
    """Search the site's published pages ("/tim-kiem/?q=")."""
    query = clean_line(request.GET.get("q", ""))[:MAX_QUERY_LENGTH]
    results = None
    if query:
        pages = Page.objects.live().public().specific()
        site = Site.find_for_request(request)
        if site:
            pages = pages.descendant_of(site.root_page, inclusive=True)
        results = paginate(request, pages.search(query), RESULTS_PER_PAGE)
    return TemplateResponse(request, "search/search.html", {"query": query, "results": results})
