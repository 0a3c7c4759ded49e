from typing import Any

from wagtail.admin.ui.components import Component

from cong.core.tenancy import site_for_new
from cong.visits.stats import summary_for_site


class VisitsPanel(Component):
    """Today's figures on the admin dashboard: of the admin's own site when the user works for
    it, else of the user's first site (never another agency's)."""

    name = "visits"
    order = 50
    template_name = "visits/admin/panel.html"

    def get_context_data(self, parent_context: Any) -> dict[str, Any]:
        request = parent_context["request"]
        site = site_for_new(request)
        return {"summary": summary_for_site(site), "site": site}
