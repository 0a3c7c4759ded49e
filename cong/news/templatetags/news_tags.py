from django import template
from wagtail.models import Site

from cong.news.models import ArticlePage, live_articles

register = template.Library()


@register.inclusion_tag("news/includes/latest_articles.html", takes_context=True)
def latest_articles(context, count=5, exclude=None):
    """The sidebar's "Tin mới" list for the current site."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    articles = live_articles()
    if site:
        articles = articles.descendant_of(site.root_page)
    if isinstance(exclude, ArticlePage):
        articles = articles.exclude(pk=exclude.pk)
    return {"articles": articles[:count]}
