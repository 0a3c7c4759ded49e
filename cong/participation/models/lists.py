"""Editable lists: the fields citizens ask about and the units that answer."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from cong.core.text import clean_line


class ListItem(models.Model):
    """An entry of an editable list, kept in the editors' order."""

    name = models.CharField(_("tên"), max_length=255, unique=True)
    sort_order = models.IntegerField(_("thứ tự"), default=0)

    panels = [FieldPanel("name"), FieldPanel("sort_order")]

    class Meta:
        abstract = True
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name = clean_line(self.name)
        super().save(*args, **kwargs)


class Topic(ListItem):
    """A field (lĩnh vực) a question is about: "Bưu chính, viễn thông", "Chuyển đổi số", ..."""

    class Meta(ListItem.Meta):
        verbose_name = _("lĩnh vực hỏi đáp")
        verbose_name_plural = _("lĩnh vực hỏi đáp")


class Unit(ListItem):
    """A unit of the agency that answers questions: "Phòng Công nghệ thông tin", ..."""

    class Meta(ListItem.Meta):
        verbose_name = _("đơn vị trả lời")
        verbose_name_plural = _("đơn vị trả lời")
