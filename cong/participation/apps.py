from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipationConfig(AppConfig):
    name = "cong.participation"
    label = "participation"
    verbose_name = _("Hỏi đáp và góp ý")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from cong.participation import plugins

        # The views register with cong.participation.routes, which the pages' routes call.
        from cong.participation.views import consultations, contact, questions  # noqa: F401

        plugins.register_all()
