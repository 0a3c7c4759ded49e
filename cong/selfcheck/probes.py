"""Requests the self-check makes to the site itself, as an anonymous visitor would.

Pages are requested through Django's whole stack (middleware, URLs, Wagtail routing) with
the test client on the Site record's host, not through the network: the report then sees
what a visitor sees without depending on DNS, TLS or nginx, and times Django's own work.
"""

import json
import time
from dataclasses import dataclass, field

from django.conf import settings
from django.test import Client
from lxml import etree, html
from wagtail.models import Site


@dataclass
class Fetched:
    status: int
    content: bytes
    seconds: float


def fetch(site: Site, path: str) -> Fetched:
    """GET `path` on `site` as an anonymous visitor (HTTPS when the install is HTTPS only)."""
    secure = bool(settings.SECURE_SSL_REDIRECT) or site.port == 443
    client = Client(raise_request_exception=False)
    extra = {"HTTP_HOST": site.hostname, "SERVER_PORT": str(site.port)}
    started = time.perf_counter()
    response = client.get(path, secure=secure, **extra)
    content = b"".join(response) if response.streaming else response.content
    return Fetched(response.status_code, content, time.perf_counter() - started)


@dataclass
class PageMetadata:
    """What a page's head declares: Dublin Core names, Open Graph properties, JSON-LD types."""

    dublin_core: set[str] = field(default_factory=set)
    open_graph: set[str] = field(default_factory=set)
    jsonld_types: list[str] = field(default_factory=list)
    jsonld_errors: int = 0


def read_metadata(content: bytes) -> PageMetadata:
    """Parse the `<meta>` and `<script type="application/ld+json">` of an HTML page."""
    found = PageMetadata()
    if not content.strip():
        return found
    tree = html.fromstring(content)
    for meta in tree.iter("meta"):
        name = meta.get("name") or ""
        prop = meta.get("property") or ""
        if name.startswith("DC.") and meta.get("content"):
            found.dublin_core.add(name)
        if prop.startswith("og:") and meta.get("content"):
            found.open_graph.add(prop)
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text or "")
        except ValueError:
            found.jsonld_errors += 1
            continue
        for item in data if isinstance(data, list) else [data]:
            if isinstance(item, dict) and item.get("@type"):
                found.jsonld_types.append(str(item["@type"]))
            else:
                found.jsonld_errors += 1
    return found


def count_elements(content: bytes, local_name: str) -> int:
    """How many elements named `local_name` (any namespace) an XML document has; -1 if it
    is not XML."""
    try:
        root = etree.fromstring(content, parser=etree.XMLParser(resolve_entities=False))
    except etree.XMLSyntaxError:
        return -1
    return len(root.xpath(f"//*[local-name()='{local_name}']"))
