from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "cong.api"
    label = "api"
    verbose_name = _("API đọc dữ liệu")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from cong.api import plugins

        plugins.register_all()
