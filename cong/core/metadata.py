"""A public page's metadata, built in one place: Dublin Core, Open Graph and schema.org JSON-LD.

TT 24/2011/TT-BTTTT asks an agency's site for Dublin Core metadata on its pages (title,
creator, date, description, publisher, identifier; subject, type, language, coverage where
they apply); social networks read Open Graph; search engines read schema.org JSON-LD. All
three say the same things, so a page type describes itself once, as a `Metadata` (what
`CongPage.metadata(request)` returns, and what a feature's non-page route — a legal
document, a published answer, a procedure — puts in its context as `metadata`), and
`templates/core/includes/metadata.html` (the `{% page_metadata %}` tag, in base.html's head)
writes the three vocabularies from it. The site's part (publisher, site name, logo) comes
from the site's `AgencySettings`.

`metadata_dict(meta, site)` returns the tags as plain data, for a check that wants to verify
a page's metadata without parsing HTML. The kernel imports no feature: page types override
`metadata()`, features build their own `Metadata` for their routes.
"""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.templatetags.static import static
from wagtail.models import Site

from cong.core.addresses import absolute_url, root_url
from cong.core.cache import cached_setting, content_version, versioned_get, versioned_set

LANGUAGE = "vi"
OG_LOCALE = "vi_VN"
DC_SCHEMA = "http://purl.org/dc/elements/1.1/"
DESCRIPTION_LENGTH = 300


@dataclass
class Metadata:
    """What one public page says about itself. `url` is the canonical absolute address.

    `dc_type` is from the DCMI type vocabulary ("Text", "Collection", "Event",
    "InteractiveResource"); `og_type` is Open Graph's ("website", "article"); `jsonld` the
    schema.org nodes (dicts without "@context"); `feeds` the page's own RSS feeds, as
    (title, absolute URL), announced with `<link rel="alternate">`.
    """

    title: str
    url: str
    description: str = ""
    dc_type: str = "Text"
    og_type: str = "website"
    published: datetime.date | datetime.datetime | None = None
    modified: datetime.date | datetime.datetime | None = None
    creator: str = ""
    subject: str = ""
    image: str = ""
    jsonld: list[dict[str, Any]] = field(default_factory=list)
    feeds: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class SiteIdentity:
    """The publishing agency, from the site's settings."""

    publisher: str
    site_name: str
    url: str
    logo: str
    agency: Any = None
    coverage: str = ""


def site_identity(site: Site | None) -> SiteIdentity:
    """The agency that publishes `site` (its `AgencySettings`, read through the cache)."""
    # By name: cong.core.models (CongPage.metadata) imports this module.
    agency_settings = apps.get_model("core", "AgencySettings")
    agency = cached_setting(agency_settings, site) if site else None
    logo = ""
    if agency is not None and agency.logo_id:
        logo = _logo_url(agency)
    return SiteIdentity(
        publisher=(agency.agency_name if agency else "") or (site.site_name if site else ""),
        site_name=(agency.display_title if agency and agency.agency_name else "")
        or (site.site_name if site else ""),
        url=root_url(site) + "/",
        logo=absolute_url(logo or static("img/emblem.svg"), site),
        agency=agency,
        coverage=agency.area if agency else "",
    )


def _logo_url(agency: Any) -> str:
    """The logo's rendition address, looked up once per content version."""
    key = f"cong:metadata-logo:{agency.pk}:{agency.logo_id}:{content_version()}"
    url = versioned_get(key)
    if url is None:
        url = agency.logo.get_rendition("height-80").url
        versioned_set(key, url, 3600)
    return url


def organisation_ld(identity: SiteIdentity, *, full: bool = False) -> dict[str, Any]:
    """The agency as a schema.org GovernmentOrganization: name, url and logo; with `full`,
    also its parent body, address, telephone and e-mail from the settings."""
    data: dict[str, Any] = {
        "@type": "GovernmentOrganization",
        "name": identity.publisher,
        "url": identity.url,
        "logo": {"@type": "ImageObject", "url": identity.logo},
    }
    agency = identity.agency
    if full and agency is not None:
        if agency.parent_body:
            data["parentOrganization"] = {
                "@type": "GovernmentOrganization",
                "name": agency.parent_body,
            }
        if agency.area:
            data["areaServed"] = {"@type": "AdministrativeArea", "name": agency.area}
        if agency.address:
            data["address"] = {
                "@type": "PostalAddress",
                "streetAddress": agency.address,
                "addressCountry": "VN",
            }
        if agency.phone:
            data["telephone"] = agency.phone
        if agency.email:
            data["email"] = agency.email
    return data


def iso(moment: datetime.date | datetime.datetime | None) -> str:
    """ISO 8601 ("2026-11-30" or "2026-11-30T08:15:00+07:00"), or "" for nothing.

    >>> iso(datetime.date(2026, 1, 2)), iso(None)
    ('2026-01-02', '')
    """
    if moment is None:
        return ""
    if isinstance(moment, datetime.datetime):
        from django.utils import timezone

        if timezone.is_aware(moment):
            moment = timezone.localtime(moment)
        return moment.replace(microsecond=0).isoformat()
    return moment.isoformat()


def short(text: str, length: int = DESCRIPTION_LENGTH) -> str:
    """One line of at most `length` characters, cut at a word, for descriptions.

    >>> short("Một  câu\\n ngắn"), short("một hai ba", 7)
    ('Một câu ngắn', 'một…')
    """
    from django.utils.html import strip_tags

    line = " ".join(strip_tags(text or "").split())
    if len(line) <= length:
        return line
    return line[: length - 1].rsplit(" ", 1)[0] + "…"


def web_page_ld(meta: Metadata, schema_type: str = "WebPage", **extra: Any) -> dict[str, Any]:
    """A schema.org WebPage (or CollectionPage, ContactPage…) node for `meta`."""
    data: dict[str, Any] = {
        "@type": schema_type,
        "name": meta.title,
        "url": meta.url,
        "inLanguage": LANGUAGE,
    }
    if meta.description:
        data["description"] = meta.description
    if meta.published:
        data["datePublished"] = iso(meta.published)
    if meta.modified:
        data["dateModified"] = iso(meta.modified)
    data.update(extra)
    return data


def metadata_dict(meta: Metadata, site: Site | None) -> dict[str, Any]:
    """The page's tags as data: `canonical`, `dc` and `og` (lists of (name, value), in the
    order they are written, empty values left out), `jsonld` (nodes with "@context") and
    `feeds`. What the template writes, and what a compliance check can verify."""
    identity = site_identity(site)
    date = iso(meta.published)
    dc = [
        ("DC.title", meta.title),
        ("DC.creator", meta.creator or identity.publisher),
        ("DC.date", date),
        ("DC.description", meta.description),
        ("DC.publisher", identity.publisher),
        ("DC.identifier", meta.url),
        ("DC.language", LANGUAGE),
        ("DC.subject", meta.subject),
        ("DC.type", meta.dc_type),
        ("DC.coverage", identity.coverage),
    ]
    og = [
        ("og:title", meta.title),
        ("og:type", meta.og_type),
        ("og:url", meta.url),
        ("og:description", meta.description),
        ("og:site_name", identity.site_name),
        ("og:locale", OG_LOCALE),
        ("og:image", meta.image),
    ]
    if meta.og_type == "article":
        og += [
            ("article:published_time", date),
            ("article:modified_time", iso(meta.modified)),
            ("article:section", meta.subject),
        ]
    elif meta.modified:
        og.append(("og:updated_time", iso(meta.modified)))
    return {
        "canonical": meta.url,
        "dc": [(name, value) for name, value in dc if value],
        "og": [(name, value) for name, value in og if value],
        "jsonld": [{"@context": "https://schema.org", **node} for node in meta.jsonld],
        "feeds": list(meta.feeds),
    }
