"""The English version of a site: whether readers are offered it, and the agency's English
name for its header and footer (docs/english.md)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Site

from cong.core.cache import cached_setting
from cong.core.i18n import ENGLISH
from cong.core.metadata import site_identity


@register_setting(icon="globe")
class EnglishSettings(BaseSiteSetting):
    english_enabled = models.BooleanField(
        _("Hiện bản tiếng Anh"),
        default=False,
        help_text=_(
            "Nút chuyển ngôn ngữ (Tiếng Việt / English) ở đầu trang và các liên kết hreflang. "
            "Cần có trang chủ tiếng Anh (dịch trang chủ trong quản trị: Dịch trang)."
        ),
    )
    agency_name = models.CharField(
        _("Tên cơ quan bằng tiếng Anh"),
        max_length=255,
        blank=True,
        help_text=_("Ví dụ: Department of Home Affairs of Thanh Hoa Province."),
    )
    parent_body = models.CharField(
        _("Cơ quan chủ quản bằng tiếng Anh"),
        max_length=255,
        blank=True,
        help_text=_("Ví dụ: Thanh Hoa Provincial People's Committee."),
    )
    address = models.CharField(_("Địa chỉ bằng tiếng Anh"), max_length=255, blank=True)
    licence_issuer = models.CharField(
        _("Cơ quan cấp phép bằng tiếng Anh"), max_length=255, blank=True
    )
    responsible_person = models.CharField(
        _("Người chịu trách nhiệm bằng tiếng Anh"),
        max_length=255,
        blank=True,
        help_text=_("Ví dụ: Mr Do Huu Quyet."),
    )
    responsible_title = models.CharField(_("Chức vụ bằng tiếng Anh"), max_length=255, blank=True)
    designed_by = models.CharField(_("Đơn vị thiết kế bằng tiếng Anh"), max_length=255, blank=True)

    panels = [
        FieldPanel("english_enabled"),
        FieldPanel("agency_name"),
        FieldPanel("parent_body"),
        FieldPanel("address"),
        FieldPanel("licence_issuer"),
        FieldPanel("responsible_person"),
        FieldPanel("responsible_title"),
        FieldPanel("designed_by"),
    ]

    class Meta:
        verbose_name = _("Bản tiếng Anh")


def site_name(site: Site | None, language: str) -> str:
    """The site's name in `language`, as RSS channels give it: in English the agency's
    English name (Cài đặt › Bản tiếng Anh) where one is set, else the Vietnamese name."""
    if site is not None and language == ENGLISH:
        english = cached_setting(EnglishSettings, site).agency_name
        if english:
            return english
    return site_identity(site).site_name
