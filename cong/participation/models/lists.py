"""Editable lists: the fields citizens ask about and the units that answer."""

from django.utils.translation import gettext_lazy as _

from cong.core.models import NamedItem


class Topic(NamedItem):
    """A field (lĩnh vực) a question is about: "Bưu chính, viễn thông", "Chuyển đổi số", ..."""

    class Meta(NamedItem.Meta):
        verbose_name = _("lĩnh vực hỏi đáp")
        verbose_name_plural = _("lĩnh vực hỏi đáp")


class Unit(NamedItem):
    """A unit of the agency that answers questions: "Phòng Công nghệ thông tin", ..."""

    class Meta(NamedItem.Meta):
        verbose_name = _("đơn vị trả lời")
        verbose_name_plural = _("đơn vị trả lời")
