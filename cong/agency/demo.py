"""Demo information pages, menu links and the HTML site map for `manage.py load_demo`
(idempotent: only what is missing is added)."""

import datetime

from django.utils.translation import gettext

from cong.agency.models import (
    AgencyContacts,
    InformationPage,
    Leader,
    LeadersPage,
    MenuLinkPage,
    OrganisationPage,
    OrgUnit,
    SitemapPage,
    SocialAccount,
)
from cong.core.models import AgencySettings
from cong.core.text import slugify_vi


def _body(data: dict, make_image) -> list[tuple[str, object]]:
    body: list[tuple[str, object]] = [("paragraph", text) for text in data.get("paragraphs", [])]
    for picture in data.get("images", []):
        image = make_image(picture["key"], picture["scene"], picture["title"], picture["alt"])
        body.append(
            (
                "image",
                {
                    "image": image,
                    "alt": picture["alt"],
                    "caption": picture["caption"],
                    "credit": gettext("Ảnh minh họa"),  # the demo renders its pictures
                },
            )
        )
    if data.get("timeline"):
        body.append(("timeline", {"heading": "", "events": data["timeline"]}))
    return body


def _information(parent, data: dict, in_menu: bool, make_image) -> InformationPage:
    page = InformationPage.objects.child_of(parent).filter(slug=data["slug"]).first()
    if page is None:
        page = InformationPage(
            title=data["title"],
            slug=data["slug"],
            summary=data.get("summary", ""),
            body=_body(data, make_image),
            show_in_menus=in_menu,
        )
        parent.add_child(instance=page)
        page.save_revision().publish()
    for child in data.get("children", []):
        _information(page, child, True, make_image)
    return page


def _page(parent, model, data: dict):
    page = model.objects.child_of(parent).first()
    if page is None:
        page = model(title=data["title"], slug=data["slug"], intro=data.get("intro", ""))
        page.show_in_menus = True
        parent.add_child(instance=page)
        page.save_revision().publish()
    return page


def _units(site, units: list[dict], leaders: dict, parent=None, start: int = 0) -> int:
    order = start
    for data in units:
        unit = OrgUnit.objects.filter(site=site, name=data["name"]).first()
        if unit is None:
            unit = OrgUnit.objects.create(
                site=site,
                name=data["name"],
                kind=data.get("kind", OrgUnit.Kind.OFFICE),
                parent=parent,
                head=leaders.get(data.get("head")),
                head_name=data.get("head_name", ""),
                functions=data.get("functions", ""),
                phone=data.get("phone", ""),
                address=data.get("address", ""),
                sort_order=order,
            )
        order = _units(site, data.get("children", []), leaders, unit, order + 1)
    return order


def _leaders(site, people: list[dict], make_image) -> dict[str, Leader]:
    found = {}
    for order, data in enumerate(people):
        leader = Leader.objects.filter(site=site, full_name=data["full_name"]).first()
        if leader is None:
            dates = {
                key: datetime.date.fromisoformat(data[key])
                for key in ("term_start", "term_end")
                if data.get(key)
            }
            leader = Leader.objects.create(
                site=site,
                full_name=data["full_name"],
                position=data["position"],
                duties=data.get("duties", ""),
                biography=data.get("biography", ""),
                phone=data.get("phone", ""),
                photo=None
                if data.get("term_end")
                else make_image(
                    slugify_vi(data["full_name"]),
                    "portrait",
                    data["full_name"],
                    gettext("Ảnh chân dung minh họa"),
                ),
                sort_order=order,
                **dates,
            )
        found[leader.full_name] = leader
    return found


def _contacts(site, data: dict, leaders: dict, accounts: list[dict]) -> None:
    contacts = AgencyContacts.for_site(site)
    if not (contacts.spokesperson_id or contacts.spokesperson_name):
        contacts.spokesperson = leaders.get(data["spokesperson"])
        for key in ("spokesperson_position", "spokesperson_phone", "spokesperson_email"):
            setattr(contacts, key, data[key])
        contacts.info_officer = data["info_officer"]
        contacts.info_officer_phone = data["info_officer_phone"]
        contacts.info_officer_email = data["info_officer_email"]
        contacts.office_hours = data["office_hours"]
        contacts.save()
    for order, account in enumerate(accounts):
        SocialAccount.objects.get_or_create(
            site=site,
            platform=account["platform"],
            defaults={"name": account["name"], "url": account["url"], "sort_order": order},
        )


def ensure_agency(home, site, data: dict, make_image) -> None:
    """The "Giới thiệu" page (first in the menu) with its sub-pages, the organisation chart
    and the leaders below it, links to other portals, and the HTML site map the footer
    links to. `make_image(key, scene, title, alt) -> Image` draws the demo pictures."""
    intro = _information(home, data["introduction"], True, make_image)
    leaders = _leaders(site, data["leaders"]["people"], make_image)
    _units(site, data["organisation"]["units"], leaders)
    _page(intro, OrganisationPage, data["organisation"])
    _page(intro, LeadersPage, data["leaders"])
    _contacts(site, data["contacts"], leaders, data["social_accounts"])
    privacy = _information(home, data["privacy"], False, make_image)
    agency = AgencySettings.for_site(site)
    if agency.privacy_page_id is None:
        agency.privacy_page = privacy
        agency.save()
    first = home.get_children().first()
    if first is not None and first.pk != intro.pk:
        intro.move(first, pos="left")
    for link in data.get("menu_links", []):
        if not MenuLinkPage.objects.child_of(home).filter(slug=link["slug"]).exists():
            page = MenuLinkPage(
                title=link["title"],
                slug=link["slug"],
                link_url=link["url"],
                opens_in_new_window=link.get("new_window", False),
                show_in_menus=True,
            )
            home.add_child(instance=page)
            page.save_revision().publish()
    sitemap = data["sitemap"]
    if not SitemapPage.objects.child_of(home).exists():
        page = SitemapPage(title=sitemap["title"], slug=sitemap["slug"], intro=sitemap["intro"])
        home.add_child(instance=page)
        page.save_revision().publish()
