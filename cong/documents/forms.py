"""The public filter form of the documents list (uploads are checked in cong.core.uploads)."""

from collections.abc import Iterable
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from cong.core.text import clean_line

# The models module itself, not the package: the package loads the pages, which use this form.
from cong.documents.models.documents import DocumentField, DocumentType, IssuingBody, Status

SORTS = [("newest", _("Mới nhất")), ("oldest", _("Cũ nhất"))]


class DocumentFilterForm(forms.Form):
    """Type, issuing body, field, year, status and a text box; every select a real <select>."""

    q = forms.CharField(label=_("Số/ký hiệu hoặc trích yếu"), required=False, max_length=200)
    doc_type = forms.ModelChoiceField(
        DocumentType.objects.all(), label=_("Loại văn bản"), required=False, empty_label=_("Tất cả")
    )
    issuing_body = forms.ModelChoiceField(
        IssuingBody.objects.all(),
        label=_("Cơ quan ban hành"),
        required=False,
        empty_label=_("Tất cả"),
    )
    field = forms.ModelChoiceField(
        DocumentField.objects.all(), label=_("Lĩnh vực"), required=False, empty_label=_("Tất cả")
    )
    year = forms.TypedChoiceField(
        label=_("Năm ban hành"), required=False, coerce=int, empty_value=None
    )
    status = forms.ChoiceField(
        label=_("Hiệu lực"), required=False, choices=[("", _("Tất cả")), *Status.choices]
    )
    sort = forms.ChoiceField(label=_("Sắp xếp"), required=False, choices=SORTS)

    def __init__(self, *args: Any, years: Iterable[int] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", _("Tất cả"))] + [(y, y) for y in years]

    def clean_q(self) -> str:
        return clean_line(self.cleaned_data.get("q", ""))
