from django import template
from wagtail.models import Site

from cong.core.i18n import site_root
from cong.news.models import ArticlePage, live_articles
from cong.visits.stats import most_viewed_page_ids

register = template.Library()


@register.inclusion_tag("news/includes/latest_articles.html", takes_context=True)
def latest_articles(context, count=5, exclude=None):
    """The sidebar's "Tin mới" list for the current site."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    articles = live_articles()
    if site:
        articles = articles.descendant_of(site_root(site))  # in the reader's language
    if isinstance(exclude, ArticlePage):
        articles = articles.exclude(pk=exclude.pk)
    return {"articles": articles[:count]}


@register.inclusion_tag("news/includes/most_read.html", takes_context=True)
def most_read_articles(context, count=5, days=30):
    """The sidebar's "Đọc nhiều nhất": the articles read most in the last `days` days."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return {"articles": []}
    ids = most_viewed_page_ids(site, days=days, limit=count * 3)
    articles = {a.pk: a for a in live_articles().descendant_of(site_root(site)).filter(pk__in=ids)}
    return {"articles": [articles[i] for i in ids if i in articles][:count]}
