"""The admin shows the agency it belongs to, not Wagtail: its name, its emblem, its favicon.

The agency is the one of the site the request is on (one install may serve several agencies,
each at its own host name), read from `AgencySettings` through the cache the public pages use.
Without a site or a name, the install's name (`WAGTAIL_SITE_NAME`, "Cổng") is shown.
"""

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from wagtail.models import Site

from cong.core.cache import cached_setting
from cong.core.models import AgencySettings


@dataclass(frozen=True)
class Brand:
    name: str
    logo: Any  # a Wagtail image, or None: the templates fall back to the national emblem


def brand_for(request: HttpRequest | None) -> Brand:
    """The name and logo the admin shows on `request`'s host (worked out once per request)."""
    brand = getattr(request, "_cong_brand", None)
    if brand is None:
        site = Site.find_for_request(request) if request is not None else None
        agency = cached_setting(AgencySettings, site) if site is not None else None
        name = (agency.agency_name if agency else "") or settings.WAGTAIL_SITE_NAME
        brand = Brand(name=name, logo=agency.logo if agency else None)
        if request is not None:
            request._cong_brand = brand
    return brand
