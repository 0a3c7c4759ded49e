"""Visit statistics ("Thống kê truy cập")."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="view")
class VisitSettings(BaseSiteSetting):
    """How the sidebar's visit statistics are counted and shown."""

    total_baseline = models.PositiveBigIntegerField(
        _("số lượt truy cập chuyển từ website cũ"),
        default=0,
        help_text=_("Cộng vào “Đã truy cập” để giữ số liệu của website trước đây."),
    )

    panels = [FieldPanel("total_baseline")]

    class Meta:
        verbose_name = _("thống kê truy cập")
