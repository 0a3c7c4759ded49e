"""The public filter form of the procedures list: every filter a real <select>."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from cong.core.text import clean_line

# The models module itself, not the package: the package loads the pages, which use this form.
from cong.procedures.models.procedures import Level, OnlineLevel, ProcedureField


class ProcedureFilterForm(forms.Form):
    """Field, level of government, online level and a text box matched without accents."""

    q = forms.CharField(label=_("Tên hoặc mã thủ tục"), required=False, max_length=200)
    field = forms.ModelChoiceField(
        ProcedureField.objects.all(), label=_("Lĩnh vực"), required=False, empty_label=_("Tất cả")
    )
    level = forms.ChoiceField(
        label=_("Cấp thực hiện"), required=False, choices=[("", _("Tất cả")), *Level.choices]
    )
    online_level = forms.ChoiceField(
        label=_("Dịch vụ công trực tuyến"),
        required=False,
        choices=[("", _("Tất cả")), *OnlineLevel.choices],
    )

    def __init__(self, *args: Any, fields: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if fields is not None:  # only the fields the site's procedures use
            self.fields["field"].queryset = fields

    def clean_q(self) -> str:
        return clean_line(self.cleaned_data.get("q", ""))
