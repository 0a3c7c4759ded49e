from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LinksConfig(AppConfig):
    name = "cong.links"
    label = "links"
    verbose_name = _("Liên kết website")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from cong.links import plugins

        plugins.register_all()
