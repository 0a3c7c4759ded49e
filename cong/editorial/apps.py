from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EditorialConfig(AppConfig):
    name = "cong.editorial"
    label = "editorial"
    verbose_name = _("Vai trò và quy trình duyệt")

    def ready(self):
        from cong.editorial import (  # noqa: F401 - modules registering Wagtail hooks
            action_menu,
            admin_vietnamese,
            editor,
            signal_handlers,
        )

        signal_handlers.register()
        admin_vietnamese.apply()
