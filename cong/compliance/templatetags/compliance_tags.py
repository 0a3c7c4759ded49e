"""The measurement tag in the head, its label in the footer, the planned-stop banner."""

from typing import Any

from django import template
from django.template import Context

from cong.compliance.maintenance import upcoming_windows
from cong.compliance.models import MeasurementSettings
from cong.core.cache import cached_setting

register = template.Library()


def _site(context: Context) -> Any:
    request = context.get("request")
    return getattr(request, "_wagtail_site", None) or context.get("current_site")


@register.inclusion_tag("compliance/measurement_tags.html", takes_context=True)
def measurement_tags(context: Context) -> dict[str, Any]:
    """External scripts only (no inline script: the page's CSP and cached copy stay the same
    for every visitor); Matomo's options go to static/js/matomo.js as data attributes. Not
    in previews: an editor's look at a draft is not a visit."""
    request = context.get("request")
    site = _site(context)
    if site is None or getattr(request, "is_preview", False):
        return {}
    return {"measurement": cached_setting(MeasurementSettings, site)}


@register.inclusion_tag("compliance/measurement_badge.html", takes_context=True)
def measurement_badge(context: Context) -> dict[str, Any]:
    site = _site(context)
    return {"measurement": cached_setting(MeasurementSettings, site) if site else None}


@register.inclusion_tag("compliance/maintenance_banner.html", takes_context=True)
def maintenance_banner(context: Context) -> dict[str, Any]:
    return {"notices": upcoming_windows(_site(context))}
