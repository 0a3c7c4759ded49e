"""What a member site shares with the province's portal: its articles unless its
administrators say otherwise in Settings › "Chia sẻ với Cổng tỉnh" (nothing at all, or
everything but some sections)."""

from typing import Any

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


class PortalSettingsForm(WagtailAdminModelForm):
    """Offers only the sections of the setting's own site."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields.get("excluded_sections")
        site = getattr(self.instance, "site", None) if self.instance.site_id else None
        if field is not None:
            from cong.news.models import CategoryPage

            sections = CategoryPage.objects.order_by("path")
            field.queryset = sections.descendant_of(site.root_page) if site else sections.none()


@register_setting(icon="site")
class PortalSettings(BaseSiteSetting):
    """What this site shares with the province's portal ("Tin từ các sở, ngành, địa phương")."""

    share_with_province = models.BooleanField(
        _("chia sẻ tin bài với Cổng thông tin tỉnh"),
        default=True,
        help_text=_(
            "Tin bài đã xuất bản của website được liệt kê trên Cổng thông tin tỉnh, "
            "dẫn về địa chỉ của website này."
        ),
    )
    excluded_sections = models.ManyToManyField(
        "news.CategoryPage",
        verbose_name=_("chuyên mục không chia sẻ"),
        blank=True,
        related_name="+",
        help_text=_("Tin bài trong các chuyên mục này (và chuyên mục con) không được chia sẻ."),
    )

    base_form_class = PortalSettingsForm
    panels = [
        FieldPanel("share_with_province"),
        FieldPanel("excluded_sections", widget=forms.CheckboxSelectMultiple),
    ]

    class Meta:
        verbose_name = _("chia sẻ với Cổng tỉnh")

    def __str__(self) -> str:
        return str(self._meta.verbose_name)
