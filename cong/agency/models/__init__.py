from cong.agency.models.contacts import AgencyContacts, SocialAccount
from cong.agency.models.organisation import Leader, OrgUnit, unit_tree
from cong.agency.models.pages import (
    InformationPage,
    LeadersPage,
    MenuLinkPage,
    OrganisationPage,
    SitemapPage,
    site_tree,
)

__all__ = [
    "AgencyContacts",
    "SocialAccount",
    "InformationPage",
    "Leader",
    "LeadersPage",
    "MenuLinkPage",
    "OrgUnit",
    "OrganisationPage",
    "SitemapPage",
    "site_tree",
    "unit_tree",
]
