"""The member sites of a province's portal and what they share, in a few queries whatever
their number: the sites with their agency and sharing settings in one, the sections they keep
to themselves in another, and their shared articles in one query (plus its count).

An article belongs to the site whose root page its tree path starts with. Site roots are
matched by the prefix of that path of their length (`substr(path, 1, n) IN (...)`, one test
per distinct root depth), not by one LIKE per site.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import F, Q, QuerySet
from django.db.models.functions import Substr
from django.db.models.lookups import In
from django.http import HttpRequest
from wagtail.models import Site

from cong.core.models import SiteKind
from cong.news.models import ArticlePage, live_articles
from cong.portal.models.sharing import PortalSettings

KIND_ORDER = {SiteKind.TINH: 0, SiteKind.SO: 1, SiteKind.XA: 2}


@dataclass(frozen=True)
class Member:
    """A member site as the portal shows it."""

    site: Site
    name: str
    kind: str
    responsible_person: str
    responsible_title: str
    shares: bool
    excluded_paths: tuple[str, ...] = ()

    @property
    def kind_label(self) -> str:
        return str(SiteKind(self.kind).label) if self.kind in SiteKind.values else ""

    @property
    def url(self) -> str:
        return self.site.root_url + "/"

    @property
    def root_path(self) -> str:
        return self.site.root_path  # annotated by member_sites


def member_sites(portal: Site | None) -> list[Member]:
    """Every site but `portal`, with its agency's name, kind, person responsible and what it
    shares; by kind (province, departments, communes), then name. Two queries."""
    sites = (
        Site.objects.select_related("agencysettings", "portalsettings")
        .annotate(root_path=F("root_page__path"))
        .order_by("site_name", "hostname", "pk")
    )
    if portal is not None:
        sites = sites.exclude(pk=portal.pk)
    sites = list(sites)
    excluded: dict[int, list[str]] = defaultdict(list)
    through = PortalSettings.excluded_sections.through
    rows = through.objects.filter(portalsettings__site__in=[s.pk for s in sites]).values_list(
        "portalsettings__site_id", "categorypage__path"
    )
    for site_id, path in rows:
        excluded[site_id].append(path)
    members = []
    for site in sites:
        agency = getattr(site, "agencysettings", None)
        sharing = getattr(site, "portalsettings", None)
        members.append(
            Member(
                site=site,
                name=(agency.agency_name if agency else "") or site.site_name or site.hostname,
                kind=agency.kind if agency else SiteKind.SO,
                responsible_person=agency.responsible_person if agency else "",
                responsible_title=agency.responsible_title if agency else "",
                shares=sharing.share_with_province if sharing else True,
                excluded_paths=tuple(excluded.get(site.pk, ())),
            )
        )
    members.sort(key=lambda m: (KIND_ORDER.get(m.kind, 9), m.name.casefold(), m.site.pk))
    return members


def by_kind(members: Iterable[Member]) -> list[tuple[str, list[Member]]]:
    """(kind label, members) in the order of `members`."""
    groups: dict[str, list[Member]] = {}
    for member in members:
        groups.setdefault(member.kind_label, []).append(member)
    return list(groups.items())


def under_any(paths: Iterable[str]) -> Q:
    """Pages whose tree path starts with one of `paths` (themselves included)."""
    by_length: dict[int, list[str]] = defaultdict(list)
    for path in paths:
        by_length[len(path)].append(path)
    if not by_length:
        return Q(pk__in=[])
    condition = Q()
    for length, group in sorted(by_length.items()):
        condition |= Q(In(Substr("path", 1, length), sorted(group)))
    return condition


def shared_articles(members: Iterable[Member]) -> QuerySet[ArticlePage]:
    """The live, public articles the members share, newest first."""
    members = list(members)
    shared = [m.root_path for m in members if m.shares]
    excluded = [path for m in members if m.shares for path in m.excluded_paths]
    articles = live_articles().filter(under_any(shared))
    if excluded:
        articles = articles.exclude(under_any(excluded))
    return articles


def in_order(queryset: QuerySet, ids: list[int]) -> list[Any]:
    """The objects of `queryset`, in the order of `ids` (those missing left out)."""
    found = {obj.pk: obj for obj in queryset}
    return [found[pk] for pk in ids if pk in found]


@dataclass(frozen=True)
class Teaser:
    """One article in the portal's list: where it is, and whose it is."""

    article: ArticlePage
    url: str
    member: Member | None


def owner(path: str, members: list[Member]) -> Member | None:
    """The member whose root `path` starts with (the deepest root, should roots nest)."""
    found = None
    for member in members:
        if path.startswith(member.root_path) and (
            found is None or len(member.root_path) > len(found.root_path)
        ):
            found = member
    return found


def teasers(articles: Iterable[ArticlePage], members: list[Member], request: HttpRequest):
    """Each article with its full address on its own site and its agency."""
    return [
        Teaser(article, article.get_full_url(request) or "", owner(article.path, members))
        for article in articles
    ]
