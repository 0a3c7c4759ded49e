from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgencyConfig(AppConfig):
    name = "cong.agency"
    label = "agency"
    verbose_name = _("Thông tin cơ quan")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from cong.agency import plugins

        plugins.register_all()
