"""schema.org descriptions of the agency's pages (JSON-LD), built from what they show."""

from typing import Any

from django.utils.html import strip_tags


def organisation(agency, url: str) -> dict[str, Any]:
    """The agency as a GovernmentOrganization, from its site settings."""
    data: dict[str, Any] = {"@type": "GovernmentOrganization", "name": agency.agency_name}
    if url:
        data["url"] = url
    if agency.parent_body:
        data["parentOrganization"] = {"@type": "GovernmentOrganization", "name": agency.parent_body}
    if agency.address:
        data["address"] = agency.address
    if agency.phone:
        data["telephone"] = agency.phone
    if agency.email:
        data["email"] = agency.email
    return data


def units(tree) -> list[dict[str, Any]]:
    """The nested units as sub-organisations."""
    found = []
    for unit, children in tree:
        item: dict[str, Any] = {"@type": "GovernmentOrganization", "name": unit.name}
        if unit.head_label:
            item["employee"] = {"@type": "Person", "name": unit.head_label}
        if unit.phone:
            item["telephone"] = unit.phone
        if unit.email:
            item["email"] = unit.email
        if children:
            item["subOrganization"] = units(children)
        found.append(item)
    return found


def leaders(people, agency_name: str) -> list[dict[str, Any]]:
    return [
        {
            "@type": "Person",
            "name": leader.full_name,
            "jobTitle": leader.position,
            "worksFor": {"@type": "GovernmentOrganization", "name": agency_name},
            **({"telephone": leader.phone} if leader.phone else {}),
            **({"email": leader.email} if leader.email else {}),
            **({"description": strip_tags(leader.duties)[:500]} if leader.duties else {}),
        }
        for leader in people
    ]
