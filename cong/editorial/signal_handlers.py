from django.apps import apps as global_apps
from django.db.models.signals import post_migrate

# The tables the set-up writes to: a migration back to zero of one of these apps skips it.
REQUIRED_MODELS = (
    ("auth", "Group"),
    ("wagtailcore", "GroupApprovalTask"),
    ("wagtailcore", "WorkflowContentType"),
    ("documents", "LegalDocument"),
    ("participation", "Question"),
)


def last_app_with_models():
    return [config for config in global_apps.get_app_configs() if config.models_module][-1]


def setup_after_migrate(sender, app_config=None, apps=global_apps, **kwargs):
    """Roles and workflow after `migrate` (and `flush`), so every install has them.

    post_migrate is sent once per app, and each app's permissions are created by its own
    signal: only the last app's signal comes after every permission exists.
    """
    if app_config is not last_app_with_models():
        return
    for app_label, model_name in REQUIRED_MODELS:
        try:
            apps.get_model(app_label, model_name)
        except LookupError:
            return
    from cong.editorial.setup import setup_editorial

    setup_editorial()


def register():
    from wagtail.signals import copy_for_translation_done

    from cong.editorial.translation import on_copy_for_translation

    post_migrate.connect(setup_after_migrate, dispatch_uid="cong-editorial-setup")
    copy_for_translation_done.connect(
        on_copy_for_translation, dispatch_uid="cong-editorial-share-home"
    )
