from typing import Any

from wagtail.admin.ui.components import Component
from wagtail.models import Site

from cong.visits.stats import summary_for_site


class VisitsPanel(Component):
    """Today's figures on the admin dashboard."""

    name = "visits"
    order = 50
    template_name = "visits/admin/panel.html"

    def get_context_data(self, parent_context: Any) -> dict[str, Any]:
        request = parent_context["request"]
        site = Site.find_for_request(request) or Site.objects.filter(is_default_site=True).first()
        return {"summary": summary_for_site(site), "site": site}
