from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SelfCheckConfig(AppConfig):
    name = "cong.selfcheck"
    label = "selfcheck"
    verbose_name = _("Mức độ đáp ứng quy định")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from cong.selfcheck import plugins

        plugins.register_all()
