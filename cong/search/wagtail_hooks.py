from django.http import HttpRequest
from django.urls import URLPattern, path
from wagtail import hooks

from cong.search import promotions
from cong.search.reports import SafeSearchTermsReportView

# The address of Wagtail's own report (wagtail/contrib/search_promotions/admin_urls.py,
# mounted at "searchpicks/"): the menu item and the report's own links keep reversing
# "wagtailsearchpromotions:search_terms", and resolve to the first pattern that matches,
# which is this one because order=-1 registers it before Wagtail's hooks.
SEARCH_TERMS = "searchpicks/reports/search-terms/"


@hooks.register("register_admin_urls", order=-1)
def register_safe_search_terms_report() -> list[URLPattern]:
    return [
        path(SEARCH_TERMS, SafeSearchTermsReportView.as_view(), name="cong_search_terms"),
        path(
            SEARCH_TERMS + "results/",
            SafeSearchTermsReportView.as_view(results_only=True),
            name="cong_search_terms_results",
        ),
    ]


# Promoted results are the whole install's: only install-wide users manage them (promotions.py).
@hooks.register("register_admin_urls", order=-1)
def register_checked_promotion_views() -> list[URLPattern]:
    return promotions.urlpatterns()


@hooks.register("construct_settings_menu")
def hide_promotions_from_agency_users(request: HttpRequest, menu_items: list) -> None:
    promotions.hide_menu_item(request, menu_items)
