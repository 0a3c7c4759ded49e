from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScheduleConfig(AppConfig):
    name = "cong.schedule"
    label = "schedule"
    verbose_name = _("Lịch công tác")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from cong.schedule import plugins, wagtail_hooks_import  # noqa: F401 (admin hooks)

        plugins.register_all()
