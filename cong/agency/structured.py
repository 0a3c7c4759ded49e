"""schema.org descriptions of the agency's pages (JSON-LD), built from what they show."""

from typing import Any

from django.utils.html import strip_tags
from django.utils.translation import gettext


def spokesperson(speaker: dict) -> dict[str, Any]:
    """The spokesperson (AgencyContacts.speaker) as a schema.org ContactPoint."""
    data: dict[str, Any] = {
        "@type": "ContactPoint",
        "contactType": gettext("Người phát ngôn"),
        "name": speaker["name"],
    }
    if speaker["position"]:
        data["description"] = speaker["position"]
    if speaker["phone"]:
        data["telephone"] = speaker["phone"]
    if speaker["email"]:
        data["email"] = speaker["email"]
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
