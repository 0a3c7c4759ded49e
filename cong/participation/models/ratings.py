"""Readers' ratings of a page ("Thông tin này có hữu ích không?"), stored anonymously."""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Rating(models.Model):
    """One visitor's stars for one address on one day; the visitor is a daily hash, no IP.

    `page` is the Wagtail page that served the address (an article, or the documents page
    for a legal document); `section` is what the report groups by (the article's section,
    or the documents page itself).
    """

    site = models.ForeignKey(
        "wagtailcore.Site", null=True, on_delete=models.CASCADE, related_name="+"
    )
    page = models.ForeignKey(
        "wagtailcore.Page", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    section = models.ForeignKey(
        "wagtailcore.Page", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    path = models.CharField(_("địa chỉ"), max_length=255, db_index=True)
    title = models.CharField(_("tiêu đề"), max_length=255)
    visitor = models.CharField(max_length=32)
    day = models.DateField(_("ngày"), db_index=True)
    stars = models.PositiveSmallIntegerField(_("số sao"))
    comment = models.TextField(_("góp ý"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("đánh giá")
        verbose_name_plural = _("đánh giá")
        constraints = [
            models.UniqueConstraint(
                fields=["visitor", "path", "day"], name="participation_one_rating_per_visitor_day"
            ),
            models.CheckConstraint(
                condition=Q(stars__gte=1, stars__lte=5), name="participation_rating_one_to_five"
            ),
        ]

    def __str__(self):
        return f"{self.title}: {self.stars}"
