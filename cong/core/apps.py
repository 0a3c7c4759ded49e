from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "cong.core"
    label = "core"
    verbose_name = _("Lõi")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.core import checks

        from cong.core import pagecache, renditions, signal_handlers, sites

        signal_handlers.register()
        renditions.register()
        _forget_locales_on_change()
        checks.register(pagecache.check_shared_cache)
        checks.register(sites.check_site_hostnames)
        checks.register(sites.check_local_hostnames)
        _vietnamese_nul_message()


def _forget_locales_on_change() -> None:
    from django.db.models.signals import post_delete, post_save
    from wagtail.models import Locale

    from cong.core.i18n import forget_locales

    post_save.connect(forget_locales, sender=Locale, dispatch_uid="cong-forget-locales")
    post_delete.connect(forget_locales, sender=Locale, dispatch_uid="cong-forget-locales-del")


def _vietnamese_nul_message() -> None:
    """Every CharField refuses NUL with Django's ProhibitNullCharactersValidator, whose
    message Django's own Vietnamese catalogue leaves in English: say it in Vietnamese."""
    from django.core.validators import ProhibitNullCharactersValidator

    ProhibitNullCharactersValidator.message = _(
        "Nội dung có ký tự không hợp lệ (ký tự NUL). Vui lòng xóa ký tự đó rồi gửi lại."
    )
