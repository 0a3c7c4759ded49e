from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "cong.core"
    label = "core"
    verbose_name = _("Lõi")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.core import checks

        from cong.core import pagecache, signal_handlers, sites

        signal_handlers.register()
        checks.register(pagecache.check_shared_cache)
        checks.register(sites.check_site_hostnames)
        checks.register(sites.check_local_hostnames)
        _vietnamese_nul_message()


def _vietnamese_nul_message() -> None:
    """Every CharField refuses NUL with Django's ProhibitNullCharactersValidator, whose
    message Django's own Vietnamese catalogue leaves in English: say it in Vietnamese."""
    from django.core.validators import ProhibitNullCharactersValidator

    ProhibitNullCharactersValidator.message = _(
        "Nội dung có ký tự không hợp lệ (ký tự NUL). Vui lòng xóa ký tự đó rồi gửi lại."
    )
