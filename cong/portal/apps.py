from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The province's portal: its member sites' news, their directory, every agency's legal
    documents in one search, and the dashboard that follows the member sites."""

    name = "cong.portal"
    label = "portal"
    verbose_name = _("Cổng thông tin tỉnh")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from cong.portal import plugins

        plugins.register_all()
