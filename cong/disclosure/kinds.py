"""The kinds of disclosed items, shared by the model and the public filter."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    """What an item is; the first three are the budget reports' stages (TT 61/2017)."""

    ESTIMATE = "du-toan", _("Dự toán")
    EXECUTION = "thuc-hien", _("Tình hình thực hiện")
    FINAL_ACCOUNTS = "quyet-toan", _("Quyết toán")
    PLAN = "ke-hoach", _("Kế hoạch")
    REPORT = "bao-cao", _("Báo cáo")
    CATALOGUE = "danh-muc", _("Danh mục")
    OTHER = "khac", _("Khác")
