"""The agency's organisation (Cơ cấu tổ chức) and its leaders (Lãnh đạo), as records that
pages show: ND 224/2026 Art. 9(1)(b) asks for the structure, each unit's functions and
duties, and each leader's short biography and assigned duties, updated when they change."""

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import TranslatableMixin
from wagtail.search import index

from cong.core.models import TitleField
from cong.core.text import clean_line, fold

TEXT_FEATURES = ["bold", "italic", "ol", "ul", "link"]


class SiteRecord(models.Model):
    """A record of one agency's site (each agency of a province keeps its own)."""

    site = models.ForeignKey(
        "wagtailcore.Site",
        verbose_name=_("website"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    sort_order = models.IntegerField(_("thứ tự"), default=0)
    # Pages that show records say "Cập nhật lần cuối" from the newest of these and their own
    # publication (Art. 9(3): updated as soon as anything changes).
    updated_at = models.DateTimeField(_("cập nhật"), auto_now=True)

    class Meta:
        abstract = True


class LeaderQuerySet(models.QuerySet):
    def current(self, today: datetime.date | None = None):
        """In office today: the term has begun (or has no start) and has not ended."""
        today = today or timezone.localdate()
        return self.filter(
            models.Q(term_start__isnull=True) | models.Q(term_start__lte=today),
            models.Q(term_end__isnull=True) | models.Q(term_end__gte=today),
        )

    def former(self, today: datetime.date | None = None):
        return self.filter(term_end__lt=today or timezone.localdate())


class Leader(TranslatableMixin, index.Indexed, SiteRecord):
    """A leader of the agency (Giám đốc, Phó Giám đốc, Chủ tịch...), current or former."""

    full_name = models.CharField(_("họ và tên"), max_length=120)
    position = models.CharField(_("chức vụ"), max_length=160, help_text=_("Ví dụ: Giám đốc Sở"))
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("ảnh chân dung"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    duties = RichTextField(
        _("nhiệm vụ được phân công"),
        blank=True,
        features=TEXT_FEATURES,
        help_text=_("Lĩnh vực phụ trách, đơn vị theo dõi, nhiệm vụ đảm nhiệm."),
    )
    biography = RichTextField(_("tóm tắt tiểu sử"), blank=True, features=TEXT_FEATURES)
    phone = models.CharField(_("điện thoại cơ quan"), max_length=40, blank=True)
    email = models.EmailField(_("thư điện tử công vụ"), blank=True)
    term_start = models.DateField(_("bắt đầu nhiệm kỳ"), null=True, blank=True)
    term_end = models.DateField(
        _("kết thúc nhiệm kỳ"), null=True, blank=True, help_text=_("Để trống khi đang đương nhiệm.")
    )

    objects = LeaderQuerySet.as_manager()

    panels = [
        FieldPanel("site"),
        FieldRowPanel([FieldPanel("full_name"), FieldPanel("position")]),
        FieldPanel("photo"),
        FieldPanel("duties"),
        FieldPanel("biography"),
        FieldRowPanel([FieldPanel("phone"), FieldPanel("email")], heading=_("Liên hệ")),
        FieldRowPanel([FieldPanel("term_start"), FieldPanel("term_end")], heading=_("Nhiệm kỳ")),
        FieldPanel("sort_order"),
    ]
    search_fields = [
        TitleField("full_name", boost=2),
        TitleField("folded_name", boost=2),
        index.SearchField("position"),
        index.SearchField("duties"),
        index.SearchField("biography"),
        index.SearchField("folded_text"),
        index.FilterField("site_id"),
    ]

    class Meta:
        verbose_name = _("lãnh đạo")
        verbose_name_plural = _("lãnh đạo")
        ordering = ["sort_order", "pk"]
        unique_together = [("translation_key", "locale")]

    def __str__(self):
        return f"{self.full_name} – {self.position}"

    @property
    def title(self) -> str:
        """The name, as search's title column holds it (TitleField)."""
        return self.full_name

    def folded_name(self) -> str:
        """The name without accents, so "do huu quyet" finds "Đỗ Hữu Quyết"."""
        return fold(self.full_name).lower()

    def folded_text(self) -> str:
        return fold(f"{self.position} {strip_tags(self.duties)}").lower()

    def clean(self):
        super().clean()
        self.full_name = clean_line(self.full_name)
        self.position = clean_line(self.position)
        if self.term_start and self.term_end and self.term_end < self.term_start:
            raise ValidationError({"term_end": _("Ngày kết thúc nhiệm kỳ phải sau ngày bắt đầu.")})


class OrgUnit(TranslatableMixin, SiteRecord):
    """A unit of the agency (Văn phòng, a phòng chuyên môn, a đơn vị trực thuộc); units nest."""

    class Kind(models.TextChoices):
        LEADERSHIP = "leadership", _("Lãnh đạo")
        OFFICE = "office", _("Phòng chuyên môn, văn phòng, thanh tra")
        SUBORDINATE = "subordinate", _("Đơn vị sự nghiệp trực thuộc")
        OTHER = "other", _("Khác")

    name = models.CharField(_("tên đơn vị"), max_length=200)
    kind = models.CharField(_("loại đơn vị"), max_length=20, choices=Kind, default=Kind.OFFICE)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("thuộc đơn vị"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
    )
    head = models.ForeignKey(
        Leader,
        verbose_name=_("người đứng đầu (nếu là lãnh đạo cơ quan)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="headed_units",
    )
    head_name = models.CharField(
        _("người đứng đầu"),
        max_length=160,
        blank=True,
        help_text=_("Ví dụ: Trưởng phòng Nguyễn Văn A (khi không chọn ở trên)."),
    )
    deputies = models.TextField(_("cấp phó"), blank=True, help_text=_("Mỗi người một dòng."))
    functions = RichTextField(_("chức năng, nhiệm vụ"), blank=True, features=TEXT_FEATURES)
    phone = models.CharField(_("điện thoại"), max_length=40, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)

    panels = [
        FieldPanel("site"),
        FieldRowPanel([FieldPanel("name"), FieldPanel("kind")]),
        FieldPanel("parent"),
        MultiFieldPanel(
            [FieldPanel("head"), FieldPanel("head_name"), FieldPanel("deputies")],
            heading=_("Lãnh đạo đơn vị"),
        ),
        FieldPanel("functions"),
        FieldRowPanel([FieldPanel("phone"), FieldPanel("email")], heading=_("Liên hệ")),
        FieldPanel("address"),
        FieldPanel("sort_order"),
    ]

    class Meta:
        verbose_name = _("đơn vị")
        verbose_name_plural = _("cơ cấu tổ chức")
        ordering = ["sort_order", "name"]
        unique_together = [("translation_key", "locale")]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        self.name = clean_line(self.name)
        ancestor, seen = self.parent, set()
        while ancestor is not None:
            if ancestor.pk == self.pk or ancestor.pk in seen:
                raise ValidationError({"parent": _("Một đơn vị không thể thuộc chính nó.")})
            if ancestor.site_id != self.site_id:
                raise ValidationError({"parent": _("Đơn vị cấp trên phải thuộc cùng website.")})
            seen.add(ancestor.pk)
            ancestor = ancestor.parent
        if self.head is not None and self.head.site_id != self.site_id:
            raise ValidationError({"head": _("Người đứng đầu phải là lãnh đạo của cùng website.")})

    @property
    def head_label(self) -> str:
        return str(self.head) if self.head else self.head_name

    @property
    def deputy_list(self) -> list[str]:
        return [line.strip() for line in self.deputies.splitlines() if line.strip()]


def unit_tree(site) -> list[tuple[OrgUnit, list]]:
    """The site's units as nested (unit, children) pairs, in the editors' order, each in
    the reader's language where translated (the tree is the originals'); one query in
    Vietnamese, three in another language."""
    from cong.core.i18n import localized, originals

    found = list(originals(OrgUnit.objects.filter(site=site)).select_related("head"))
    key_of = {unit.pk: unit.translation_key for unit in found}
    parent_of = {unit.translation_key: key_of.get(unit.parent_id) for unit in found}
    units = localized(found, "head")
    head_of = {
        head.translation_key: head
        for head in localized([unit.head for unit in units if unit.head is not None])
    }
    children: dict[Any, list[OrgUnit]] = {}
    for unit in units:
        if unit.head is not None:
            unit.head = head_of[unit.head.translation_key]
        children.setdefault(parent_of[unit.translation_key], []).append(unit)

    def build(parent_key, seen):
        return [
            (unit, build(unit.translation_key, seen | {unit.translation_key}))
            for unit in children.get(parent_key, [])
            if unit.translation_key not in seen
        ]

    return build(None, frozenset())
