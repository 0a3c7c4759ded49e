"""The agency's records in the admin, each site's editors keeping to their own site's
(SiteScopedViewSetMixin: listings, choosers, exports and edit views)."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from cong.agency.models import Leader, OrgUnit, SocialAccount
from cong.core.tenancy import SiteScopedViewSetMixin


class LeaderViewSet(SiteScopedViewSetMixin, SnippetViewSet):
    model = Leader
    icon = "user"
    menu_label = _("Lãnh đạo")
    list_display = ["full_name", "position", "term_start", "term_end", "sort_order"]
    list_filter = ["site"]
    search_fields = ["full_name", "position"]


class OrgUnitViewSet(SiteScopedViewSetMixin, SnippetViewSet):
    model = OrgUnit
    icon = "group"
    menu_label = _("Cơ cấu tổ chức")
    list_display = ["name", "kind", "parent", "sort_order"]
    list_filter = ["site", "kind"]
    search_fields = ["name"]


class SocialAccountViewSet(SiteScopedViewSetMixin, SnippetViewSet):
    model = SocialAccount
    icon = "globe"
    menu_label = _("Mạng xã hội chính thức")
    list_display = ["name", "platform", "url", "sort_order"]
    list_filter = ["site", "platform"]


class AgencyGroup(SnippetViewSetGroup):
    items = (LeaderViewSet, OrgUnitViewSet, SocialAccountViewSet)
    menu_icon = "site"
    menu_label = _("Thông tin cơ quan")
    menu_order = 250
