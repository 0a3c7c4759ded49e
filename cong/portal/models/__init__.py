"""The province's portal: its page types, what member sites share with it, the scores its
dashboard keeps."""

from cong.portal.models.pages import (
    MemberDirectoryPage,
    MemberNewsPage,
    MemberNewsPin,
    ProvinceDocumentsPage,
    ProvincePage,
)
from cong.portal.models.scores import SiteScore
from cong.portal.models.sharing import PortalSettings, PortalSettingsForm

__all__ = [
    "MemberDirectoryPage",
    "MemberNewsPage",
    "MemberNewsPin",
    "PortalSettings",
    "PortalSettingsForm",
    "ProvinceDocumentsPage",
    "ProvincePage",
    "SiteScore",
]
