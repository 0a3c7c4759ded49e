"""Small pieces of the Wagtail admin that several apps share."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component


class PermissionMenuItem(MenuItem):
    """A menu item shown only to users holding every one of `permissions` ("app.codename").

    >>> PermissionMenuItem("Báo cáo", "/admin/bao-cao/", permissions="visits.view_dailystats",
    ...                    icon_name="view").permissions
    ('visits.view_dailystats',)
    """

    def __init__(
        self, label: str, url: str, *, permissions: str | Iterable[str], **kwargs: Any
    ) -> None:
        self.permissions = (permissions,) if isinstance(permissions, str) else tuple(permissions)
        super().__init__(label, url, **kwargs)

    def is_shown(self, request: HttpRequest) -> bool:
        return request.user.has_perms(self.permissions)


@dataclass(frozen=True)
class DashboardRow:
    """One line of a dashboard list: what it is, where to open it, and since when it waits."""

    title: str
    url: str
    detail: str = ""
    since: datetime.datetime | None = None


class DashboardPanel(Component):
    """A titled list on the editors' dashboard (Wagtail's `construct_homepage_panels`).

    Each app that has something waiting for an editor adds its own panel from its
    wagtail_hooks, after checking the user may see it; `rows(request)` lists at most `limit`
    items of what that user may open. An empty list still shows, saying nothing waits, so an
    editor learns where to look. `more_url` leads to the full list.
    """

    template_name = "core/admin/dashboard_panel.html"
    name = ""
    heading: Any = ""
    empty_text: Any = ""
    more_label: Any = ""
    limit = 5
    order = 100

    def rows(self, request: HttpRequest) -> list[DashboardRow]:
        raise NotImplementedError

    def count(self, request: HttpRequest) -> int | None:
        """How many items wait in all (shown beside the heading), or None to show no count."""
        return None

    def more_url(self, request: HttpRequest) -> str | None:
        return None

    def get_context_data(self, parent_context: Any) -> dict[str, Any]:
        request = parent_context["request"]
        return {
            "panel": self,
            "rows": self.rows(request),
            "count": self.count(request),
            "more_url": self.more_url(request),
        }
