"""What the agency's information plugs into: purges of cached pages and search."""

from django.utils.translation import gettext_lazy as _

from cong.core.renditions import register_pictures
from cong.core.signal_handlers import watch
from cong.search.registry import Searchable, register


def _visible(site):
    from cong.agency.models import Leader, LeadersPage

    if LeadersPage.for_site(site) is None:
        return None
    from cong.core.i18n import in_language

    return in_language(Leader.objects.filter(site=site)).current()


def _url(leader, site) -> str:
    from cong.agency.models import LeadersPage

    return f"{LeadersPage.for_site(site).url}#lanh-dao-{leader.pk}"


# templates/agency/leaders_page.html, templates/participation/contact_page.html
PORTRAIT = "format-{avif,webp,jpeg} fill-{160x200,320x400}"
MAP = "format-{avif,webp,jpeg} width-{400,800}"


def register_all() -> None:
    from cong.agency.models import AgencyContacts, Leader, OrgUnit, SocialAccount

    # A leader or a unit shows on its page, the organisation chart and (as a unit head or
    # the spokesperson) elsewhere; social accounts are in every footer: a change refreshes
    # every cached page at once. (AgencyContacts is a site setting: core purges on those.)
    watch(Leader, OrgUnit, SocialAccount)
    register_pictures(Leader, "photo", PORTRAIT)
    register_pictures(AgencyContacts, "map_image", MAP)
    register(
        Searchable(
            name="leaders",
            label=_("Lãnh đạo"),
            model=Leader,
            date_field="term_start",
            visible=_visible,
            url=_url,
            snippet=lambda leader: leader.position,
            title=lambda leader: leader.full_name,
            order=30,
        )
    )

    # Its duties in the self-check report "Mức độ đáp ứng quy định" (cong.core.duties).
    from cong.agency.duties import register_duties

    register_duties()
