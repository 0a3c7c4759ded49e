from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipationConfig(AppConfig):
    name = "cong.participation"
    label = "participation"
    verbose_name = _("Hỏi đáp và góp ý")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from cong.core.signal_handlers import watch
        from cong.participation.models import Topic, Unit

        # Moderators' changes to questions and comments refresh the caches through
        # cong.core.signal_handlers (MODERATED_MODELS); citizens' new submissions do not.
        watch(Topic, Unit)
