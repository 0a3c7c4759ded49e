from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipationConfig(AppConfig):
    name = "cong.participation"
    label = "participation"
    verbose_name = _("Hỏi đáp và góp ý")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from cong.core.signal_handlers import bump_after_commit, watch
        from cong.participation.models import Comment, Question, Topic, Unit

        watch(Topic, Unit)

        def moderated(sender, instance, created=False, **kwargs):
            # A citizen's new submission is not public yet: it must not empty every cache.
            if not created:
                bump_after_commit()

        for model in (Question, Comment):
            post_save.connect(moderated, sender=model, dispatch_uid=f"cong-moderated-{model}")
            post_delete.connect(
                bump_after_commit, sender=model, dispatch_uid=f"cong-moderated-del-{model}"
            )
