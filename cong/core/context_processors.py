from typing import Any

from django.http import HttpRequest
from wagtail.models import Site

from cong.core.cache import cached_setting, content_version
from cong.core.models import AgencySettings


def site_context(request: HttpRequest) -> dict[str, Any]:
    """The current site, its agency identity (cached) and the content version for fragments."""
    site = Site.find_for_request(request)
    return {
        "current_site": site,
        "agency": cached_setting(AgencySettings, site) if site else None,
        "content_version": content_version(),
    }
