"""How to reach the agency: its spokesperson (ND 244/2026: name, position, phone and e-mail
on the portal within 24 hours of appointment), the person who receives information requests
(Luật Tiếp cận thông tin, Art. 19), office hours and map, and its official social accounts."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from cong.agency.models.organisation import SiteRecord
from cong.core.i18n import localized


@register_setting(icon="mail")
class AgencyContacts(BaseSiteSetting):
    """The spokesperson, the information-request focal person, office hours and map."""

    spokesperson = models.ForeignKey(
        "agency.Leader",
        verbose_name=_("người phát ngôn (chọn trong danh sách lãnh đạo)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    spokesperson_name = models.CharField(
        _("họ và tên người phát ngôn"),
        max_length=120,
        blank=True,
        help_text=_("Khi người phát ngôn không có trong danh sách lãnh đạo."),
    )
    spokesperson_position = models.CharField(_("chức vụ"), max_length=160, blank=True)
    spokesperson_phone = models.CharField(_("điện thoại"), max_length=40, blank=True)
    spokesperson_email = models.EmailField(_("thư điện tử"), blank=True)
    spokesperson_since = models.DateField(_("ngày được giao phát ngôn"), null=True, blank=True)
    press_releases = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("chuyên mục thông cáo báo chí"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Khung người phát ngôn dẫn đến chuyên mục này."),
    )
    info_officer = models.CharField(
        _("đầu mối tiếp nhận yêu cầu cung cấp thông tin"), max_length=160, blank=True
    )
    info_officer_phone = models.CharField(_("điện thoại đầu mối"), max_length=40, blank=True)
    info_officer_email = models.EmailField(_("thư điện tử đầu mối"), blank=True)
    office_hours = models.TextField(
        _("giờ làm việc"), blank=True, help_text=_("Ví dụ: Sáng 7h00–11h30, chiều 13h30–17h00.")
    )
    map_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("bản đồ đường đến cơ quan (ảnh)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("spokesperson"),
                FieldRowPanel(
                    [FieldPanel("spokesperson_name"), FieldPanel("spokesperson_position")]
                ),
                FieldRowPanel([FieldPanel("spokesperson_phone"), FieldPanel("spokesperson_email")]),
                FieldPanel("spokesperson_since"),
                FieldPanel("press_releases"),
            ],
            heading=_("Người phát ngôn"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("info_officer"),
                FieldRowPanel([FieldPanel("info_officer_phone"), FieldPanel("info_officer_email")]),
            ],
            heading=_("Tiếp nhận yêu cầu cung cấp thông tin"),
        ),
        FieldPanel("office_hours"),
        FieldPanel("map_image"),
    ]

    class Meta:
        verbose_name = _("liên hệ, người phát ngôn")

    def clean(self):
        super().clean()
        leader = self.spokesperson
        if leader is not None and leader.site_id != self.site_id:
            raise ValidationError(
                {"spokesperson": _("Người phát ngôn phải là lãnh đạo của website này.")}
            )

    @property
    def speaker(self) -> dict | None:
        """The spokesperson as shown: a chosen leader's details, completed by the fields."""
        leader = self.spokesperson
        if leader is not None and leader.site_id != self.site_id:
            leader = None  # another agency's leader is never shown as this one's spokesperson
        fields = [
            self.spokesperson_name,
            self.spokesperson_position,
            self.spokesperson_phone,
            self.spokesperson_email,
        ]
        if leader is not None and (translated := localized([leader])[0]).pk != leader.pk:
            # The leader's translation in the reader's language wins over the fields, which
            # are written in Vietnamese.
            leader, fields = translated, ["", "", *fields[2:]]
        name, position, phone, email = fields
        name = name or (leader.full_name if leader else "")
        if not name:
            return None
        return {
            "name": name,
            "position": position or (leader.position if leader else ""),
            "phone": phone or (leader.phone if leader else ""),
            "email": email or (leader.email if leader else ""),
            "press_releases_id": self.press_releases_id,
        }


class SocialAccount(SiteRecord):
    """An official account of the agency on a social network, listed in the footer by name:
    no script, icon or font is loaded from the network's servers."""

    class Platform(models.TextChoices):
        FACEBOOK = "facebook", "Facebook"
        ZALO = "zalo", "Zalo"
        YOUTUBE = "youtube", "YouTube"
        TIKTOK = "tiktok", "TikTok"
        X = "x", "X"
        OTHER = "other", _("Khác")

    platform = models.CharField(_("mạng xã hội"), max_length=20, choices=Platform)
    name = models.CharField(
        _("tên tài khoản"), max_length=120, help_text=_("Ví dụ: Sở TT&TT Thanh Hóa")
    )
    url = models.URLField(_("địa chỉ"), max_length=500)

    panels = [
        FieldPanel("site"),
        FieldRowPanel([FieldPanel("platform"), FieldPanel("name")]),
        FieldPanel("url"),
        FieldPanel("sort_order"),
    ]

    class Meta:
        verbose_name = _("tài khoản mạng xã hội")
        verbose_name_plural = _("tài khoản mạng xã hội chính thức")
        ordering = ["sort_order", "pk"]

    def __str__(self):
        return f"{self.get_platform_display()}: {self.name}"
