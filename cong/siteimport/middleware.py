"""Old addresses of the home page's path with a query string (`/?p=12`, WordPress's short
links; `/?ItemID=5`): Wagtail's redirects only look at 404s, and `/` is the new home page,
which answers 200 whatever the query. This looks them up before the page is served; only
requests for `/` with a query string pay for it (one indexed query)."""

from django.http import HttpResponsePermanentRedirect, HttpResponseRedirect
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Site


class HomeQueryRedirectMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            request.path == "/"
            and request.META.get("QUERY_STRING")
            and request.method
            in (
                "GET",
                "HEAD",
            )
        ):
            old_path = Redirect.normalise_path(request.get_full_path())
            site = Site.find_for_request(request)
            redirect = (
                Redirect.get_for_site(site).filter(old_path=old_path).order_by("site").first()
            )
            if redirect is not None and redirect.link:
                answer = (
                    HttpResponsePermanentRedirect if redirect.is_permanent else HttpResponseRedirect
                )
                return answer(redirect.link)
        return self.get_response(request)
