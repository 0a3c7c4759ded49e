from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProceduresConfig(AppConfig):
    name = "cong.procedures"
    label = "procedures"
    verbose_name = _("Thủ tục hành chính")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from cong.procedures import plugins

        plugins.register_all()
