"""The measurement label's HTML, as pasted from the platform, made safe for every page.

The platform hands out a snippet (a link around an image, sometimes with a script). Only
links, images and spans are kept (no script, style or event attribute: the public CSP would
block them anyway, and the page must not depend on them); each image must come from this
site, from an allowed origin, and carry a text alternative (WCAG 1.1.1).
"""

import nh3
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from lxml import html as lxml_html

from cong.compliance.origins import origin_of

TAGS = {"a", "img", "span"}
ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height"},
    "span": set(),
}


def sanitise(value: str) -> str:
    """Only links, images and spans with their harmless attributes; https addresses only."""
    return nh3.clean(
        value,
        tags=TAGS,
        clean_content_tags={"script", "style"},
        attributes=ATTRIBUTES,
        url_schemes={"https"},
        link_rel="noopener noreferrer",
    ).strip()


def clean_badge_html(value: str, origins: list[str]) -> str:
    """The snippet with only safe markup left; ValidationError for an image from elsewhere
    or without alt text."""
    if not value.strip():
        return ""
    cleaned = sanitise(value)
    errors = []
    for img in lxml_html.fragment_fromstring(cleaned, create_parent="div").iter("img"):
        src = img.get("src", "")
        if not img.get("alt", "").strip():
            errors.append(_("Ảnh trong nhãn cần có mô tả (thuộc tính alt)."))
        if src.startswith("/") and not src.startswith("//"):
            continue
        try:
            allowed = origin_of(src) in origins or _matches_wildcard(origin_of(src), origins)
        except ValidationError:
            allowed = False
        if not allowed:
            errors.append(
                _("Ảnh “%(src)s” không thuộc website này hay một “Nguồn được phép”.") % {"src": src}
            )
    if errors:
        raise ValidationError(errors)
    return cleaned


def _matches_wildcard(origin: str, origins: list[str]) -> bool:
    host = origin.removeprefix("https://")
    return any(
        o.startswith("https://*.") and host.endswith(o.removeprefix("https://*")) for o in origins
    )
