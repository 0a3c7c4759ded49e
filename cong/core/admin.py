"""Small pieces of the Wagtail admin that several apps share."""

from collections.abc import Iterable
from typing import Any

from django.http import HttpRequest
from wagtail.admin.menu import MenuItem


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
