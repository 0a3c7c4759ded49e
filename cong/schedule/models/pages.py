"""Lịch công tác: the leaders' weekly work schedule, one page per ISO week.

A week is a Wagtail page under the site's schedule index ("/lich-cong-tac/"), so drafting,
the "Biên tập → Duyệt" approval, scheduled publishing, the revision history, search, the
sitemap and the page-cache purges are Wagtail's and the kernel's. Its rows (meetings) are an
inline of the page: they are drafted and published with it, and the database rows are always
the live version (drafts live only in revisions), which is what the "Điều chỉnh" mark compares
a new publication against.
"""

import datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import Orderable, Page
from wagtail.search import index

from cong.core.models import CongPage, CongPageForm
from cong.core.text import clean_line
from cong.core.workdays import is_working_day
from cong.schedule.display import week_context
from cong.schedule.isoweeks import ONE_WEEK, week_monday, week_slug, week_title
from cong.schedule.rows_panel import ScheduleRowsPanel


class Session(models.TextChoices):
    MORNING = "sang", _("Sáng")
    AFTERNOON = "chieu", _("Chiều")
    EVENING = "toi", _("Tối")


SESSION_ORDER = {Session.MORNING: 0, Session.AFTERNOON: 1, Session.EVENING: 2}


class ScheduleIndexPage(CongPage):
    """Lịch công tác ("/lich-cong-tac/"): shows the current week; its address prefixes the
    iCalendar feeds (cong/schedule/urls.py)."""

    intro = models.TextField(_("giới thiệu"), blank=True)

    content_panels = CongPage.content_panels + [FieldPanel("intro")]
    parent_page_types = ["news.HomePage"]
    subpage_types = ["schedule.ScheduleWeekPage"]
    max_count_per_parent = 1
    template = "schedule/schedule_index_page.html"
    search_result_label = _("Lịch công tác")

    class Meta:
        verbose_name = _("trang lịch công tác")
        verbose_name_plural = _("trang lịch công tác")

    def live_weeks(self) -> models.QuerySet:
        return ScheduleWeekPage.objects.child_of(self).live().public()

    def latest_week(self) -> "ScheduleWeekPage | None":
        """The week that starts last, published or not."""
        return ScheduleWeekPage.objects.child_of(self).order_by("-week_start").first()

    def next_monday(self, today: datetime.date | None = None) -> datetime.date:
        """The Monday after the latest week, or this week's Monday if there is none (a week
        is usually typed on Friday for the week after)."""
        latest = self.latest_week() if self.pk else None
        if latest is not None:
            return latest.week_start + ONE_WEEK
        return week_monday(today or timezone.localdate())

    def current_week(self, today: datetime.date | None = None) -> "ScheduleWeekPage | None":
        monday = week_monday(today or timezone.localdate())
        return self.live_weeks().filter(week_start=monday).first()

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict:
        context = super().get_context(request, *args, **kwargs)
        today = timezone.localdate()
        context.update(week_context(self, self.current_week(today), request, today))
        return context


class ScheduleWeekForm(CongPageForm):
    """The week's edit form: title and slug may be left empty (derived from the week), the
    chair is chosen among the site's own leaders, and a new week starts with the Monday
    after the latest week and one empty morning row per working day."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        instance = kwargs.get("instance")
        parent = kwargs.get("parent_page")
        if instance is not None and instance.pk is None and not args and "data" not in kwargs:
            instance.prefill(parent)
        super().__init__(*args, **kwargs)
        for name in ("title", "slug"):
            if name in self.fields:
                self.fields[name].required = False
        if parent is not None:
            self._limit_chairs(parent.get_site())

    def _limit_chairs(self, site: Any) -> None:
        formset = self.formsets.get("entries")
        if formset is None:
            return
        leaders = ScheduleEntry.leaders_of(site)
        for form in [*formset.forms, formset.empty_form]:
            form.fields["chair"].queryset = leaders
        # Django builds the empty form anew on each access: make its class's field agree.
        formset.form.base_fields["chair"].queryset = leaders

    def clean(self) -> dict:
        monday = self.cleaned_data.get("week_start")
        if monday is not None:
            if not self.cleaned_data.get("title"):
                self.cleaned_data["title"] = week_title(monday)
            if not self.cleaned_data.get("slug"):
                self.cleaned_data["slug"] = week_slug(monday)
            week = self.instance
            week.week_start = monday
            if self.parent_page is not None and week.week_taken(self.parent_page):
                self.add_error("week_start", _("Tuần này đã có lịch công tác."))
            self._check_row_dates(monday)
        return super().clean()

    def _check_row_dates(self, monday: datetime.date) -> None:
        formset = self.formsets.get("entries")
        if formset is None or not formset.is_valid():
            return
        sunday = monday + datetime.timedelta(days=6)
        for form in formset.forms:
            day = form.cleaned_data.get("date")
            if day and not form.cleaned_data.get("DELETE") and not monday <= day <= sunday:
                form.add_error("date", _("Ngày này không thuộc tuần của lịch."))

    def save(self, commit: bool = True) -> Any:
        page = super().save(commit=False)
        # The pre-filled rows the editor left empty are dropped, not saved.
        page.entries = [entry for entry in page.entries.all() if not entry.is_blank()]
        if commit:
            page.save()
        return page


class ScheduleWeekPage(CongPage):
    """One week of the leaders' schedule (Monday to Sunday), its meetings as rows."""

    week_start = models.DateField(
        _("tuần bắt đầu từ thứ Hai"),
        help_text=_("Ngày thứ Hai đầu tuần. Để trống tiêu đề và đường dẫn để tự đặt theo tuần."),
    )
    note = models.TextField(_("ghi chú chung"), blank=True)

    content_panels = [
        FieldRowPanel([FieldPanel("week_start"), FieldPanel("title")]),
        FieldPanel("note"),
        ScheduleRowsPanel("entries", heading=_("Các cuộc họp, công việc"), label=_("Dòng lịch")),
    ]
    promote_panels = [
        MultiFieldPanel([FieldPanel("slug"), FieldPanel("search_description")]),
    ]
    base_form_class = ScheduleWeekForm
    parent_page_types = ["schedule.ScheduleIndexPage"]
    subpage_types: list[str] = []
    template = "schedule/schedule_week_page.html"
    search_result_label = _("Lịch công tác")
    search_date_field = "week_start"
    search_fields = CongPage.search_fields + [
        index.SearchField("note"),
        index.SearchField("entries_text"),
        index.FilterField("week_start"),
    ]

    class Meta:
        verbose_name = _("lịch công tác tuần")
        verbose_name_plural = _("lịch công tác tuần")
        ordering = ["-week_start"]

    def prefill(self, parent: Page | None) -> None:
        """A new week's form: the Monday after the latest week, and one empty morning row per
        working day (the rows the editor leaves empty are dropped on save)."""
        parent = getattr(parent, "specific", parent)
        if not isinstance(parent, ScheduleIndexPage):
            return
        self.week_start = self.week_start or parent.next_monday()
        days = (self.week_start + datetime.timedelta(days=n) for n in range(7))
        self.entries = [
            ScheduleEntry(date=day, session=Session.MORNING) for day in days if is_working_day(day)
        ]

    def week_taken(self, parent: Page) -> bool:
        """Whether another week under `parent` starts on the same Monday."""
        siblings = ScheduleWeekPage.objects.child_of(parent).exclude(pk=self.pk)
        return siblings.filter(week_start=self.week_start).exists()

    @property
    def week_end(self) -> datetime.date:
        return self.week_start + datetime.timedelta(days=6)

    @property
    def iso_week(self) -> str:
        """ "2026-W48", the ISO 8601 name of the week."""
        iso = self.week_start.isocalendar()
        return f"{iso.year}-W{iso.week:02d}"

    def entries_text(self) -> str:
        """Every row's text, so a search for a meeting finds its week."""
        return " ".join(entry.text_for_search() for entry in self.entries.all())

    def search_snippet_text(self) -> str:
        return self.search_description or " · ".join(
            entry.content for entry in list(self.entries.all())[:3]
        )

    def derive_title_and_slug(self) -> None:
        """Programmatic creation (demo, import, copy of last week) gets the same title and
        slug as the admin form when they are left empty."""
        if self.week_start:
            self.title = self.title or week_title(self.week_start)
            self.slug = self.slug or week_slug(self.week_start)

    def full_clean(self, *args: Any, **kwargs: Any) -> None:
        self.derive_title_and_slug()
        super().full_clean(*args, **kwargs)

    def minimal_clean(self) -> None:
        # What Wagtail calls instead of full_clean() when saving a draft.
        self.derive_title_and_slug()
        super().minimal_clean()

    def clean(self) -> None:
        # The week's own checks first: a second week on a taken Monday says so, rather than
        # that its derived slug is taken.
        if self.week_start:
            self.check_week()
        super().clean()

    def check_week(self) -> None:
        if self.week_start.weekday() != 0:
            raise ValidationError({"week_start": _("Ngày bắt đầu tuần phải là thứ Hai.")})
        if self.path and self.week_taken(self.get_parent()):
            raise ValidationError({"week_start": _("Tuần này đã có lịch công tác.")})
        for entry in self.entries.all():
            if not self.week_start <= entry.date <= self.week_end:
                raise ValidationError(
                    _("Ngày %(date)s không thuộc tuần này.") % {"date": f"{entry.date:%d/%m/%Y}"}
                )

    def save(self, *args: Any, **kwargs: Any) -> None:
        if kwargs.get("update_fields") is None:
            from cong.schedule.adjustments import mark_adjusted

            mark_adjusted(self)
        super().save(*args, **kwargs)

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict:
        context = super().get_context(request, *args, **kwargs)
        context.update(week_context(self.get_parent().specific, self, request))
        return context

    def previous_week(self) -> "ScheduleWeekPage | None":
        return self._live_sibling(week_start__lt=self.week_start, order="-week_start")

    def next_week(self) -> "ScheduleWeekPage | None":
        return self._live_sibling(week_start__gt=self.week_start, order="week_start")

    def _live_sibling(self, order: str, **lookup: Any) -> "ScheduleWeekPage | None":
        weeks = ScheduleWeekPage.objects.sibling_of(self).live().public()
        return weeks.filter(**lookup).order_by(order).first()

    def metadata(self, request: HttpRequest | None = None) -> Any:
        """The week's page and a schema.org Event per row (cong.schedule.metadata)."""
        from cong.schedule.metadata import week_metadata

        return week_metadata(self, super().metadata(request), self.metadata_site(request))


class ScheduleEntry(Orderable):
    """One row of the week: a meeting or task, its time, chair, participants and place."""

    page = ParentalKey(ScheduleWeekPage, on_delete=models.CASCADE, related_name="entries")
    date = models.DateField(_("ngày"))
    session = models.CharField(
        _("buổi"), max_length=5, choices=Session.choices, default=Session.MORNING
    )
    start_time = models.TimeField(_("giờ"), null=True, blank=True)
    content = models.TextField(_("nội dung"), blank=True)
    chair = models.ForeignKey(
        "agency.Leader",
        verbose_name=_("lãnh đạo chủ trì"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    chair_text = models.CharField(
        _("chủ trì (ghi tên)"),
        max_length=255,
        blank=True,
        help_text=_("Khi người chủ trì không có trong danh sách lãnh đạo."),
    )
    participants = models.TextField(_("thành phần"), blank=True)
    location = models.CharField(_("địa điểm"), max_length=255, blank=True)
    preparing_unit = models.CharField(_("đơn vị chuẩn bị"), max_length=255, blank=True)
    notes = models.CharField(_("ghi chú"), max_length=500, blank=True)
    adjusted_at = models.DateTimeField(_("điều chỉnh lúc"), null=True, blank=True, editable=False)

    panels = [
        FieldRowPanel(
            [FieldPanel("date"), FieldPanel("session"), FieldPanel("start_time")],
        ),
        FieldPanel("content"),
        FieldRowPanel(
            # A plain list of the site's leaders (the snippet chooser would list every
            # site's, and costs a dialog per row).
            [
                FieldPanel("chair", widget=forms.Select),
                FieldPanel("chair_text"),
                FieldPanel("location"),
            ]
        ),
        FieldRowPanel(
            [FieldPanel("participants"), FieldPanel("preparing_unit"), FieldPanel("notes")]
        ),
    ]

    # The fields whose change marks a published row "Điều chỉnh".
    KEY_FIELDS = (
        "date",
        "session",
        "start_time",
        "content",
        "chair_id",
        "chair_text",
        "participants",
        "location",
        "preparing_unit",
        "notes",
    )
    TEXT_FIELDS = ("content", "chair_text", "participants", "location", "preparing_unit", "notes")

    class Meta(Orderable.Meta):
        verbose_name = _("dòng lịch công tác")
        verbose_name_plural = _("dòng lịch công tác")

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} {self.get_session_display()}: {self.content[:60]}"

    @staticmethod
    def leaders_of(site: Any) -> models.QuerySet:
        """The leaders a row of `site` may name as chair (the agency app's records, reached
        through the foreign key so that this app imports no other feature)."""
        from cong.core.i18n import originals

        leader = ScheduleEntry._meta.get_field("chair").related_model
        return originals(leader.objects.filter(site=site)).order_by("sort_order", "full_name")

    def key(self) -> tuple:
        """What the public sees of the row: a change in any of it is an adjustment."""
        return tuple(getattr(self, name) for name in self.KEY_FIELDS)

    def is_blank(self) -> bool:
        """A pre-filled row (date and session only) the editor left empty."""
        return not any(
            [self.start_time, self.chair_id, *(getattr(self, n).strip() for n in self.TEXT_FIELDS)]
        )

    def clean(self) -> None:
        super().clean()
        if not self.is_blank() and not self.content.strip():
            raise ValidationError({"content": _("Nhập nội dung công việc.")})

    def save(self, *args: Any, **kwargs: Any) -> None:
        for name in self.TEXT_FIELDS:
            value = getattr(self, name)
            setattr(self, name, value.strip() if name == "participants" else clean_line(value))
        super().save(*args, **kwargs)

    @property
    def chair_name(self) -> str:
        if self.chair_id and self.chair is not None:
            return f"{self.chair.full_name} – {self.chair.position}"
        return self.chair_text

    @property
    def session_order(self) -> int:
        return SESSION_ORDER.get(self.session, 0)

    def sort_key(self) -> tuple:
        return (
            self.date,
            self.session_order,
            self.start_time or datetime.time(0),
            self.sort_order or 0,
        )

    def text_for_search(self) -> str:
        parts = [self.content, self.chair_name, self.participants, self.location]
        return " ".join(part for part in parts + [self.preparing_unit] if part)
