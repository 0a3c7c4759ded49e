from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplianceConfig(AppConfig):
    name = "cong.compliance"
    label = "compliance"
    verbose_name = _("Vận hành theo quy định")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from cong.compliance import plugins

        plugins.register_all()
