from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProvinceConfig(AppConfig):
    name = "cong.province"
    label = "province"
    verbose_name = _("Cổng tỉnh")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.core import checks

        from cong.province import plugins
        from cong.province.middleware import check_csrf_middleware

        plugins.register_all()
        checks.register(check_csrf_middleware, checks.Tags.security, deploy=True)
