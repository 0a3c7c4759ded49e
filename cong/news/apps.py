from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    name = "cong.news"
    label = "news"
    verbose_name = _("Tin tức")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from cong.news import plugins

        plugins.register_all()
