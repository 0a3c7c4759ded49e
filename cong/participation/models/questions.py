"""Questions from citizens ("Hỏi đáp"): received, assigned to a unit, answered or declined."""

import secrets

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from wagtail.fields import RichTextField
from wagtail.search import index

from cong.core.models import TitleField
from cong.core.text import clean_line, clean_text, fold, slugify_vi
from cong.participation.models.lists import Topic, Unit
from cong.participation.uploads import attachment_path, private_storage

# No 0/O, 1/I/L: codes are read aloud on the phone and typed from e-mails.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 10  # 31**10 ≈ 8·10^14 codes: not guessable, and lookups are rate limited


def new_code() -> str:
    """A random tracking code.

    >>> len(new_code()), set(new_code()) <= set(CODE_ALPHABET)
    (10, True)
    """
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(text: str) -> str:
    """What a citizen typed, as a code: case, spaces and dashes do not count.

    >>> normalise_code(" abcd-efgh 23 ")
    'ABCDEFGH23'
    """
    return "".join(ch for ch in text.upper() if ch.isalnum())


class QuestionStatus(models.TextChoices):
    RECEIVED = "received", _("Đã tiếp nhận")
    ASSIGNED = "assigned", _("Đã chuyển đơn vị trả lời")
    ANSWERED = "answered", _("Đã trả lời")
    DECLINED = "declined", _("Không trả lời")


class QuestionQuerySet(models.QuerySet):
    def confirmed(self):
        """Questions whose asker confirmed the e-mail address: the only ones moderators see,
        tracking finds and anything is ever mailed about (cong.participation.confirmation)."""
        return self.filter(confirmed_at__isnull=False)

    def public(self):
        """Answered questions a moderator chose to publish."""
        return self.filter(status=QuestionStatus.ANSWERED, is_public=True)

    def for_site(self, site):
        """The questions asked on `site` (each agency answers its own)."""
        return self.filter(site=site)


class Question(index.Indexed, models.Model):
    """A citizen's question. Only the asker's name is ever shown publicly."""

    code = models.CharField(_("mã tra cứu"), max_length=16, unique=True, editable=False)
    site = models.ForeignKey(
        "wagtailcore.Site", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    asker_name = models.CharField(_("họ và tên"), max_length=120)
    email = models.EmailField(_("thư điện tử"), max_length=254)
    phone = models.CharField(_("điện thoại"), max_length=20, blank=True)
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    topic = models.ForeignKey(
        Topic, verbose_name=_("lĩnh vực"), on_delete=models.PROTECT, related_name="questions"
    )
    title = models.CharField(_("tiêu đề"), max_length=200)
    body = models.TextField(_("nội dung câu hỏi"))
    attachment = models.FileField(
        _("tệp đính kèm"), upload_to=attachment_path, storage=private_storage, blank=True
    )
    attachment_type = models.CharField(max_length=8, blank=True, editable=False)
    status = models.CharField(
        _("trạng thái"),
        max_length=10,
        choices=QuestionStatus.choices,
        default=QuestionStatus.RECEIVED,
        db_index=True,
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("đơn vị trả lời"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="questions",
    )
    answer = RichTextField(
        _("nội dung trả lời"),
        blank=True,
        features=["h3", "bold", "italic", "ol", "ul", "link", "document-link"],
    )
    decline_reason = models.TextField(
        _("lý do không trả lời"), blank=True, help_text=_("Được gửi cho người hỏi.")
    )
    is_public = models.BooleanField(
        _("công khai trên trang Hỏi đáp"),
        default=False,
        help_text=_(
            "Chỉ câu hỏi đã trả lời mới được công khai; không hiển thị thư điện tử, "
            "điện thoại, địa chỉ của người hỏi."
        ),
    )
    submitted_at = models.DateTimeField(_("ngày gửi"), default=timezone.now, db_index=True)
    # Null until the asker opens the link mailed to them; unconfirmed questions are held out
    # of every queue and deleted after CONG_QUESTION_CONFIRM_HOURS.
    confirmed_at = models.DateTimeField(
        _("ngày xác nhận thư điện tử"), null=True, blank=True, db_index=True, editable=False
    )
    assigned_at = models.DateTimeField(_("ngày chuyển xử lý"), null=True, blank=True)
    answered_at = models.DateTimeField(_("ngày trả lời"), null=True, blank=True)
    declined_at = models.DateTimeField(_("ngày từ chối"), null=True, blank=True)
    published_at = models.DateTimeField(_("ngày công khai"), null=True, blank=True)
    search_text = models.TextField(editable=False, default="")

    objects = QuestionQuerySet.as_manager()

    # Published answers are found by /tim-kiem/; nothing personal is indexed.
    search_fields = [
        TitleField("title", boost=2),
        TitleField("folded_title", boost=2),
        index.SearchField("body"),
        index.SearchField("answer_text"),
        index.SearchField("search_text"),  # folded title, question and answer
    ]

    class Meta:
        verbose_name = _("câu hỏi")
        verbose_name_plural = _("câu hỏi")
        ordering = ["-submitted_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(is_public=False) | Q(status=QuestionStatus.ANSWERED),
                name="participation_only_answered_questions_are_public",
            )
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self._save(*args, **kwargs)
        if not (self.is_public and self.status == QuestionStatus.ANSWERED):
            index.remove_object(self)  # withdrawn answers leave the search at once

    def _save(self, *args, **kwargs):
        self.asker_name = clean_line(self.asker_name)
        self.title = clean_line(self.title)
        self.body = clean_text(self.body)
        self.decline_reason = clean_text(self.decline_reason or "")
        self.search_text = fold(f"{self.title} {self.body} {strip_tags(self.answer or '')}").lower()
        self._stamp_times()
        if self.code:
            return super().save(*args, **kwargs)
        for _attempt in range(5):
            self.code = new_code()
            try:
                with transaction.atomic():
                    return super().save(*args, **kwargs)
            except IntegrityError:
                if not Question.objects.filter(code=self.code).exists():
                    raise
        raise IntegrityError("could not find a free tracking code")

    @classmethod
    def get_indexed_objects(cls):
        return cls.objects.public()

    def folded_title(self) -> str:
        return fold(self.title).lower()

    def answer_text(self) -> str:
        return strip_tags(self.answer or "")

    def clean(self):
        super().clean()
        errors = {}
        if self.status in (QuestionStatus.ASSIGNED, QuestionStatus.ANSWERED) and not self.unit_id:
            errors["unit"] = _("Chọn đơn vị trả lời.")
        if self.status == QuestionStatus.ANSWERED and not strip_tags(self.answer or "").strip():
            errors["answer"] = _("Nhập nội dung trả lời trước khi chuyển sang “Đã trả lời”.")
        if self.status == QuestionStatus.DECLINED and not (self.decline_reason or "").strip():
            errors["decline_reason"] = _("Nêu lý do không trả lời: người hỏi sẽ nhận được lý do.")
        if self.is_public and self.status != QuestionStatus.ANSWERED:
            errors["is_public"] = _("Chỉ công khai được câu hỏi đã trả lời.")
        # Each site answers with its own lists (cong.participation.models.lists).
        if self.site_id and self.topic_id and self.topic.site_id != self.site_id:
            errors["topic"] = _("Chọn một lĩnh vực của website này.")
        if self.site_id and self.unit_id and self.unit.site_id != self.site_id:
            errors["unit"] = _("Chọn một đơn vị trả lời của website này.")
        if errors:
            raise ValidationError(errors)

    def _stamp_times(self) -> None:
        now = timezone.now()
        stamps = {
            QuestionStatus.ASSIGNED: "assigned_at",
            QuestionStatus.ANSWERED: "answered_at",
            QuestionStatus.DECLINED: "declined_at",
        }
        field = stamps.get(self.status)
        if field and getattr(self, field) is None:
            setattr(self, field, now)
        if self.is_public and self.published_at is None:
            self.published_at = now

    @property
    def slug(self) -> str:
        return slugify_vi(self.title, max_length=80) or "cau-hoi"

    @property
    def status_label(self) -> str:
        return QuestionStatus(self.status).label
