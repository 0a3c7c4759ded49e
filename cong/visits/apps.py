from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VisitsConfig(AppConfig):
    name = "cong.visits"
    label = "visits"
    verbose_name = _("Thống kê truy cập")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from cong.core.clients import salts_forgotten
        from cong.visits.models import forget_visitors

        salts_forgotten.connect(forget_visitors, dispatch_uid="cong-visits-forget")
        from cong.visits.models import forget_addresses

        salts_forgotten.connect(forget_addresses, dispatch_uid="cong-visits-forget-addresses")
