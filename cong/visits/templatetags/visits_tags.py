from typing import Any

from django import template
from django.template import Context
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe
from wagtail.models import Page, Site

from cong.core.fragments import KeptTexts, render_included
from cong.visits.stats import page_views as stored_page_views
from cong.visits.stats import summary_for_site

register = template.Library()


def _site(context: Context) -> Any:
    return context.get("current_site") or (
        Site.find_for_request(context["request"]) if context.get("request") else None
    )


# The widget's HTML by language and figures: every page's sidebar shows it, and the figures
# change every few seconds at most, so most renders find the same HTML (issue 20).
_widgets = KeptTexts(256)


@register.simple_tag(takes_context=True)
def visit_widget(context: Context) -> SafeString:
    """The sidebar's "Thống kê truy cập" block, with the server's figures (JS refreshes them).

    The figures are read on every render (`summary_for_site`: at most 5 s old); the HTML
    for the same figures and language is rendered once per process (as an inclusion tag
    would: its own context)."""
    summary = summary_for_site(_site(context))
    key = (translation.get_language() or "", summary)
    html = _widgets.get_or_make(
        key, lambda: render_included(context, "visits/widget.html", {"summary": summary})
    )
    return mark_safe(html)  # noqa: S308 (a template's output)


@register.simple_tag(takes_context=True)
def page_views(context: Context, page: Page) -> int:
    """How many times `page` has been viewed ("Lượt xem")."""
    site = _site(context)
    return stored_page_views(site, page.pk) if site else 0
