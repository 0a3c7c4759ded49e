"""The week's rows in the page editor: Wagtail's InlinePanel, laid out as a compact table,
with one "Thêm dòng <day>" button per day of the week next to its own add button.

A button adds a row through the InlinePanel's add button, fills in the day's date and the
morning session, and moves the row after the rows of that day
(static/js/admin-schedule-rows.js). The days follow the week's start field as it is
changed. The style sheet and script are the panel's media: they load on the week's add and
edit views only.
"""

import datetime
from typing import Any

from django import forms
from django.templatetags.static import static
from django.utils import formats
from django.utils.translation import gettext as _
from wagtail.admin.panels import InlinePanel

from cong.schedule.display import WEEKDAYS

WEEK_FIELD = "week_start"


def widget_format(field: forms.Field | None) -> str:
    """The strftime format a date field's widget writes (Wagtail's date picker's)."""
    fmt = getattr(getattr(field, "widget", None), "format", None)
    return fmt or formats.get_format("DATE_INPUT_FORMATS")[0]


class ScheduleRowsPanel(InlinePanel):
    """The InlinePanel of a week's rows, with per-day add buttons and the compact layout."""

    def __init__(self, *args: Any, session: str = "sang", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.session = session

    def clone_kwargs(self) -> dict:
        return {**super().clone_kwargs(), "session": self.session}

    def classes(self) -> list[str]:
        return [*super().classes(), "schedule-rows"]

    class BoundPanel(InlinePanel.BoundPanel):
        template_name = "schedule/admin/rows_panel.html"

        @property
        def media(self) -> forms.Media:
            return forms.Media(
                css={"all": [static("css/admin-schedule-rows.css")]},
                js=[static("js/admin-schedule-rows.js")],
            )

        def week_monday(self) -> datetime.date | None:
            """The Monday of the week the form shows (as typed, when it was sent back)."""
            field = self.form.fields.get(WEEK_FIELD)
            if field is None:
                day = getattr(self.instance, WEEK_FIELD, None)
            else:
                day = self.form[WEEK_FIELD].value()
                if isinstance(day, str):
                    try:
                        day = field.to_python(day)
                    except forms.ValidationError:
                        day = None
            if not isinstance(day, datetime.date):
                return None
            return day - datetime.timedelta(days=day.weekday())

        def days(self) -> list[dict]:
            monday = self.week_monday()
            fmt = widget_format(self.formset.empty_form.fields.get("date"))
            label = _("Thêm dòng %(weekday)s %(date)s")
            days = []
            for offset, name in enumerate(WEEKDAYS):
                day = monday + datetime.timedelta(days=offset) if monday else None
                short = formats.date_format(day, "MONTH_DAY_FORMAT") if day else ""
                days.append(
                    {
                        "offset": offset,
                        "name": str(name),
                        "value": day.strftime(fmt) if day else "",
                        "label": label % {"weekday": name, "date": short},
                    }
                )
            return days

        def get_context_data(self, parent_context: dict | None = None) -> dict:
            context = super().get_context_data(parent_context)
            week_field = self.form.fields.get(WEEK_FIELD)
            context.update(
                days=self.days(),
                has_week=self.week_monday() is not None,
                week_field_id=self.form[WEEK_FIELD].id_for_label if week_field else "",
                week_format=widget_format(week_field),
                date_format=widget_format(self.formset.empty_form.fields.get("date")),
                day_format=formats.get_format("MONTH_DAY_FORMAT"),
                label_template=_("Thêm dòng %(weekday)s %(date)s")
                % {"weekday": "{weekday}", "date": "{date}"},
                session=self.panel.session,
            )
            return context
