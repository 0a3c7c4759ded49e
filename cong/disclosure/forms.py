"""The public filter of a disclosure page: year and kind, each a real <select>."""

from collections.abc import Iterable
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from cong.disclosure.kinds import Kind


class DisclosureFilterForm(forms.Form):
    """Only the years and kinds the page has are offered, so no choice leads nowhere."""

    year = forms.TypedChoiceField(label=_("Năm"), required=False, coerce=int, empty_value=None)
    kind = forms.ChoiceField(label=_("Loại"), required=False)

    def __init__(
        self, *args: Any, years: Iterable[int] = (), kinds: Iterable[Kind] = (), **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", _("Tất cả"))] + [(y, y) for y in years]
        self.fields["kind"].choices = [("", _("Tất cả"))] + [(k.value, k.label) for k in kinds]
