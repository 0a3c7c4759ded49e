"""The compliance scores the province's dashboard shows, kept between views."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SiteScore(models.Model):
    """A site's last compliance self-check (`cong.core.duties.evaluate`), kept for the
    province's dashboard: checking every site on each view would render hundreds of pages."""

    site = models.OneToOneField(
        "wagtailcore.Site",
        verbose_name=_("website"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    score = models.PositiveSmallIntegerField(_("điểm"))
    passed = models.PositiveSmallIntegerField(_("đạt"), default=0)
    warned = models.PositiveSmallIntegerField(_("cảnh báo"), default=0)
    failed = models.PositiveSmallIntegerField(_("chưa đạt"), default=0)
    checked_at = models.DateTimeField(_("kiểm tra lúc"))

    class Meta:
        verbose_name = _("điểm tự đánh giá")
        verbose_name_plural = _("điểm tự đánh giá")

    def __str__(self) -> str:
        return f"{self.site}: {self.score}"
