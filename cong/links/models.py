"""The link directory ("Liên kết website"): ordered groups of links to other sites."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Orderable, TranslatableMixin


class LinkGroup(TranslatableMixin, ClusterableModel):
    """A titled group of links, e.g. "Cơ quan nhà nước" or "Dịch vụ công", of one website."""

    site = models.ForeignKey(
        "wagtailcore.Site", verbose_name=_("website"), on_delete=models.CASCADE, related_name="+"
    )
    title = models.CharField(_("tên nhóm"), max_length=255)
    sort_order = models.IntegerField(_("thứ tự"), default=0)

    panels = [
        FieldPanel("site"),
        FieldPanel("title"),
        FieldPanel("sort_order"),
        InlinePanel("links", label=_("Liên kết")),
    ]

    class Meta:
        ordering = ["sort_order", "title"]
        verbose_name = _("nhóm liên kết")
        verbose_name_plural = _("liên kết website")
        unique_together = [("translation_key", "locale")]

    def __str__(self):
        return self.title


class Link(Orderable):
    """One site in a group; external links open in a new tab without handing it `opener`."""

    group = ParentalKey(LinkGroup, on_delete=models.CASCADE, related_name="links")
    title = models.CharField(_("tên website"), max_length=255)
    url = models.URLField(_("địa chỉ"), max_length=500)

    panels = [FieldPanel("title"), FieldPanel("url")]

    class Meta(Orderable.Meta):
        verbose_name = _("liên kết")

    def __str__(self):
        return self.title
