from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "cong.core"
    label = "core"
    verbose_name = _("Lõi")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.core import checks

        from cong.core import pagecache, signal_handlers, sites

        signal_handlers.register()
        checks.register(pagecache.check_shared_cache)
        checks.register(sites.check_site_hostnames)
