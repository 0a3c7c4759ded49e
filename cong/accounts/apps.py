from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "cong.accounts"
    label = "accounts"
    verbose_name = _("Tài khoản và đăng nhập")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from cong.accounts import checks, signal_handlers  # noqa: F401  (registration)
