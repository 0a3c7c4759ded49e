"""No table: only the permission to see the report ("selfcheck.view_report")."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DutyReport(models.Model):
    """Holds the report's permission; the report itself is computed on each view."""

    class Meta:
        managed = False
        default_permissions = ()
        permissions = [("view_report", _("Xem báo cáo mức độ đáp ứng quy định"))]
        verbose_name = _("báo cáo mức độ đáp ứng quy định")

    def __str__(self) -> str:
        return str(self._meta.verbose_name)
