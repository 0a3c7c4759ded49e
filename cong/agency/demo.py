"""Demo information pages, menu links and the HTML site map for `manage.py load_demo`
(idempotent: only what is missing is added)."""

from cong.agency.models import InformationPage, MenuLinkPage, SitemapPage


def _body(data: dict) -> list[tuple[str, object]]:
    body: list[tuple[str, object]] = [("paragraph", text) for text in data.get("paragraphs", [])]
    if data.get("timeline"):
        body.append(("timeline", {"heading": "", "events": data["timeline"]}))
    return body


def _information(parent, data: dict, in_menu: bool) -> InformationPage:
    page = InformationPage.objects.child_of(parent).filter(slug=data["slug"]).first()
    if page is None:
        page = InformationPage(
            title=data["title"],
            slug=data["slug"],
            summary=data.get("summary", ""),
            body=_body(data),
            show_in_menus=in_menu,
        )
        parent.add_child(instance=page)
        page.save_revision().publish()
    for child in data.get("children", []):
        _information(page, child, in_menu=True)
    return page


def ensure_agency(home, data: dict) -> None:
    """"Giới thiệu" (first in the menu) with its sub-pages, links to other portals, and the
    HTML site map the footer links to."""
    intro = _information(home, data["introduction"], in_menu=True)
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
