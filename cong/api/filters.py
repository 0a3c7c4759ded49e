"""The query parameters each endpoint accepts, checked by Django forms.

A typo in a filter name must not silently return everything (an aggregator would store the
whole site again, or miss that its filter never applied), so unknown parameters are refused
with 400 and the list of the accepted ones.
"""

import datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _

from cong.documents.models import Status

# Pagination (cong.api.views.Pagination) reads these; the forms only let them through.
PAGINATION_PARAMS = ("limit", "offset")


class ModifiedSinceField(forms.Field):
    """An ISO 8601 moment (`2026-11-30T08:00:00+07:00`, `…Z`, or a date); without an offset,
    local time (Asia/Ho_Chi_Minh).

    In a query string an unencoded "+" arrives as a space; it is read back as "+", so
    `modified_since=2026-11-30T08:00:00+07:00` typed as is still means UTC+7.
    """

    default_error_messages = {
        "invalid": _("Thời điểm không hợp lệ: dùng ISO 8601, ví dụ 2026-11-30T08:00:00+07:00.")
    }

    def to_python(self, value: Any) -> datetime.datetime | None:
        value = str(value or "").strip()
        if not value:
            return None
        if "T" in value or ":" in value:
            value = value.replace(" ", "+")
        moment = _parse_moment(value)
        if moment is None:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        if timezone.is_naive(moment):
            moment = timezone.make_aware(moment)
        return moment


def _parse_moment(value: str) -> datetime.datetime | None:
    try:
        moment = parse_datetime(value)
    except ValueError:  # well formed but impossible, e.g. month 13
        return None
    if moment is not None:
        return moment
    try:
        day = datetime.date.fromisoformat(value)
    except ValueError:
        return None
    return datetime.datetime.combine(day, datetime.time.min)


class IdOrNameField(forms.CharField):
    """A list entry (document type, issuing body, field, topic) by id or by exact name."""

    def filter_kwargs(self, prefix: str, value: str) -> dict:
        if value.isdigit():
            return {f"{prefix}_id": int(value)}
        return {f"{prefix}__name__iexact": value}


class ApiFilterForm(forms.Form):
    """What every list accepts: a date range on the item's own date, and `modified_since`."""

    from_ = forms.DateField(
        required=False,
        input_formats=["%Y-%m-%d"],
        error_messages={"invalid": _("Ngày không hợp lệ: dùng dạng YYYY-MM-DD.")},
    )
    to = forms.DateField(
        required=False,
        input_formats=["%Y-%m-%d"],
        error_messages={"invalid": _("Ngày không hợp lệ: dùng dạng YYYY-MM-DD.")},
    )
    modified_since = ModifiedSinceField(required=False)

    def __init__(self, data: dict) -> None:
        # "from" is a Python keyword: the field is from_, the parameter is "from".
        data = {("from_" if k == "from" else k): v for k, v in data.items()}
        super().__init__(data)
        self.unknown = sorted(
            k for k in data if k not in self.fields and k not in PAGINATION_PARAMS
        )

    def accepted(self) -> list[str]:
        names = ["from" if name == "from_" else name for name in self.fields]
        return names + list(PAGINATION_PARAMS)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.unknown:
            raise forms.ValidationError(
                _("Tham số không được hỗ trợ: %(names)s. Các tham số dùng được: %(accepted)s."),
                code="unknown",
                params={"names": ", ".join(self.unknown), "accepted": ", ".join(self.accepted())},
            )
        start, end = data.get("from_"), data.get("to")
        if start and end and start > end:
            self.add_error("to", _("Ngày kết thúc phải sau ngày bắt đầu."))
        return data

    def errors_by_parameter(self) -> dict:
        """The form's errors keyed by the parameters' names (`from`, not `from_`), and
        DRF's `non_field_errors` for the others."""
        names = {"from_": "from", "__all__": "non_field_errors"}
        return {
            names.get(name, name): [str(m) for m in messages]
            for name, messages in self.errors.items()
        }


class ArticleFilterForm(ApiFilterForm):
    section = forms.CharField(required=False, max_length=500)


class DocumentFilterForm(ApiFilterForm):
    type = IdOrNameField(required=False, max_length=255)
    issuing_body = IdOrNameField(required=False, max_length=255)
    field = IdOrNameField(required=False, max_length=255)
    status = forms.ChoiceField(required=False, choices=[("", "")] + list(Status.choices))


class AnswerFilterForm(ApiFilterForm):
    topic = IdOrNameField(required=False, max_length=255)


class ScheduleFilterForm(ApiFilterForm):
    leader = forms.IntegerField(
        required=False, min_value=1, error_messages={"invalid": _("Nhập mã số lãnh đạo.")}
    )
