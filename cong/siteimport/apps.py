from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SiteImportConfig(AppConfig):
    name = "cong.siteimport"
    label = "siteimport"
    verbose_name = _("Chuyển website cũ")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from cong.siteimport import plugins

        plugins.register_all()
