from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.views.generic import TemplateView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from cong.accounts.views import PasswordResetView, logout
from cong.core import sitemaps, tenancy
from cong.core.media import serve_media
from cong.news.feeds import LatestArticlesFeed

urlpatterns = [
    # Before Wagtail's own: sign-out by POST only (cong.accounts.views.logout).
    path(f"{settings.CONG_ADMIN_PATH}logout/", logout),
    # Before Wagtail's own: "forgot password" mails rate limited per client and per e-mail.
    path(f"{settings.CONG_ADMIN_PATH}password_reset/", PasswordResetView.as_view()),
    # Before Wagtail's own: bulk actions name only the records of the user's sites.
    path(
        f"{settings.CONG_ADMIN_PATH}bulk/<str:app_label>/<str:model_name>/<str:action>/",
        tenancy.scoped_bulk_action,
    ),
    # Before Wagtail's own: "Dịch" only for the records of the user's sites.
    path(
        f"{settings.CONG_ADMIN_PATH}translation/submit/snippet/"
        "<slug:app_label>/<slug:model_name>/<str:pk>/",
        tenancy.scoped_snippet_translation,
    ),
    path(settings.CONG_ADMIN_PATH, include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/visits/", include("cong.visits.urls")),
    path("api/v2/", include("cong.api.urls")),
    path("danh-gia/", include("cong.participation.urls")),
    path("captcha/", include("captcha.urls")),
    # One urlset, or past 50,000 addresses an index of sections (cong/core/sitemaps.py).
    path("sitemap.xml", sitemaps.sitemap, name="sitemap"),
    path("sitemap-<slug:section>.xml", sitemaps.sitemap_section, name="sitemap-section"),
    # Crawlers: the sitemap, and no search results, tracking pages or APIs. The admin is not
    # named (a custom CONG_ADMIN_PATH stays unlisted): it sends X-Robots-Tag instead.
    path(
        "robots.txt",
        TemplateView.as_view(
            template_name="core/robots.txt",
            content_type="text/plain; charset=utf-8",
        ),
        name="robots",
    ),
]

if settings.CONG_SERVE_MEDIA:
    # Images only: documents go through Wagtail's view and its collection privacy.
    urlpatterns += [re_path(r"^media/(?P<path>.*)$", serve_media)]

# Before Wagtail's pages: the schedule's .ics feeds, under its page's address.
urlpatterns += [path("", include("cong.schedule.urls"))]
# Search, the site's RSS feed and the pages: Vietnamese at their addresses, English under
# /en/ (/en/tim-kiem/, /en/rss/: cong/core/i18n.py), each in the reader's language.
urlpatterns += i18n_patterns(
    path("tim-kiem/", include("cong.search.urls")),
    path("rss/", LatestArticlesFeed(), name="rss"),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

# A database outage gets a maintenance page (503), anything else the 500 page.
handler500 = "cong.core.outages.handler500"
