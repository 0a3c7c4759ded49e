from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "cong.documents"
    label = "documents"
    verbose_name = _("Văn bản")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from cong.documents import plugins

        plugins.register_all()
