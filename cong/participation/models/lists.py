"""Editable lists: the fields citizens ask about and the units that answer.

Each agency's site keeps its own lists (a Sở's units are not a xã's): names are unique per site.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from cong.core.models import NamedItem

DEFAULT_TOPIC = "Lĩnh vực khác"


class SiteList(NamedItem):
    site = models.ForeignKey(
        "wagtailcore.Site", verbose_name=_("website"), on_delete=models.CASCADE, related_name="+"
    )
    name = models.CharField(_("tên"), max_length=255)

    # The site is in the form so that a name is checked unique on its own site.
    panels = [FieldPanel("site"), FieldPanel("name"), FieldPanel("sort_order")]

    class Meta(NamedItem.Meta):
        abstract = True


class Topic(SiteList):
    """A field (lĩnh vực) a question is about: "Bưu chính, viễn thông", "Chuyển đổi số", ..."""

    class Meta(SiteList.Meta):
        verbose_name = _("lĩnh vực hỏi đáp")
        verbose_name_plural = _("lĩnh vực hỏi đáp")
        constraints = [
            models.UniqueConstraint(fields=["site", "name"], name="participation_topic_per_site")
        ]


class Unit(SiteList):
    """A unit of the agency that answers questions: "Phòng Công nghệ thông tin", ..."""

    class Meta(SiteList.Meta):
        verbose_name = _("đơn vị trả lời")
        verbose_name_plural = _("đơn vị trả lời")
        constraints = [
            models.UniqueConstraint(fields=["site", "name"], name="participation_unit_per_site")
        ]


def give_default_topic(sender, instance, created: bool = False, raw: bool = False, **kwargs):
    """A new site starts with one field to ask about; its editors add their own."""
    if created and not raw:
        Topic.objects.get_or_create(
            site=instance, name=DEFAULT_TOPIC, defaults={"sort_order": 1000}
        )
