from django.utils.translation import gettext_lazy as _
from wagtail.snippets.views.snippets import SnippetViewSet

from cong.links.models import LinkGroup


class LinkGroupViewSet(SnippetViewSet):
    model = LinkGroup
    icon = "link"
    menu_label = _("Liên kết website")
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["title", "sort_order"]
    search_fields = ["title"]
