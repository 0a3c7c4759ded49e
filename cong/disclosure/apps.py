from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DisclosureConfig(AppConfig):
    name = "cong.disclosure"
    label = "disclosure"
    verbose_name = _("Công khai")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from cong.disclosure import plugins

        plugins.register_all()
