"""The link directory in the admin: each site's editors keep to their own site's groups."""

from typing import Any

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import ObjectList
from wagtail.snippets.views.snippets import SnippetViewSet

from cong.core.tenancy import SiteScopedViewSetMixin, sites_of
from cong.links.models import LinkGroup


class LinkGroupForm(WagtailAdminModelForm):
    """The website is asked only of a user working for several."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.for_user is not None and "site" in self.fields:
            if sites_of(self.for_user).sites().count() <= 1:
                del self.fields["site"]  # the group keeps its site, or gets the user's one


class LinkGroupViewSet(SiteScopedViewSetMixin, SnippetViewSet):
    model = LinkGroup
    icon = "link"
    menu_label = _("Liên kết website")
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["title", "sort_order"]
    search_fields = ["title"]

    def get_edit_handler(self) -> Any:
        return ObjectList(self.model.panels, base_form_class=LinkGroupForm).bind_to_model(
            self.model
        )
