"""The search's own setting: a site's abbreviations, beside the list every site shares."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="search")
class SearchSettings(BaseSiteSetting):
    """Abbreviations the site's readers type (a unit's name, a local programme), expanded by
    /tim-kiem/ in addition to cong/search/abbreviations.txt."""

    abbreviations = models.TextField(
        _("từ viết tắt"),
        blank=True,
        help_text=_(
            "Mỗi dòng một từ viết tắt và nghĩa đầy đủ, cách nhau bằng dấu “=”, ví dụ "
            "“TTPVHCC = trung tâm phục vụ hành chính công”. Tìm từ viết tắt sẽ thấy cả bài "
            "viết ghi đầy đủ; danh sách chung (CĐS, ATTT, UBND, HĐND, TTHC…) luôn được dùng."
        ),
    )

    panels = [FieldPanel("abbreviations")]

    class Meta:
        verbose_name = _("tìm kiếm")
        verbose_name_plural = _("tìm kiếm")
