from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import translation
from django.utils.feedgenerator import Rss201rev2Feed
from wagtail.models import Locale, Site

from cong.core.addresses import absolute_url
from cong.core.i18n import DEFAULT, site_root
from cong.core.models import AgencySettings
from cong.news.models import live_articles
from cong.translations.models import site_name

FEED_SIZE = 30


class LatestArticlesFeed(Feed):
    """RSS 2.0 feed of the site's latest articles ("/rss/"), in the address's language:
    "/en/rss/" lists the English articles (under the English home), its channel named with
    the agency's English name and `<language>en</language>` (Django's Feed: the active one).

    Every link is absolute on the Site record's address: Django's Feed would otherwise
    prefix relative links with the request's Host header (port included)."""

    feed_type = Rss201rev2Feed

    def get_object(self, request):
        self.request = request
        return Site.find_for_request(request)

    def link(self, site):
        home = site_root(site)
        return absolute_url(home.url if home else "/", site)

    def feed_url(self, site):
        return absolute_url(reverse("rss"), site)

    def title(self, site):
        language = translation.get_language() or DEFAULT
        if site and language != DEFAULT:
            return site_name(site, language)
        return AgencySettings.for_site(site).display_title if site else "Cổng"

    def description(self, site):
        return self.title(site)

    def items(self, site):
        articles = live_articles().filter(locale=Locale.get_active())
        if site:
            articles = articles.descendant_of(site_root(site))
        return articles[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.lead

    def item_link(self, item):
        return item.get_full_url(request=self.request)

    def item_pubdate(self, item):
        return item.date

    def item_author_name(self, item):
        return item.byline or None
