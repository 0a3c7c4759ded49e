import re

from django import forms
from django.utils.translation import gettext_lazy as _


class CodeForm(forms.Form):
    """The six digits shown by the authenticator app."""

    code = forms.CharField(
        label=_("Mã xác thực (6 chữ số)"),
        max_length=12,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def clean_code(self):
        code = re.sub(r"\s", "", self.cleaned_data["code"])  # "123 456" as some apps show it
        if not re.fullmatch(r"\d{6}", code):
            raise forms.ValidationError(_("Nhập đúng 6 chữ số."))
        return code


class UnlockForm(forms.Form):
    """A user name, an address, or both, whose failed logins are forgotten."""

    username = forms.CharField(label=_("Tên đăng nhập"), max_length=150, required=False)
    ip_address = forms.GenericIPAddressField(label=_("Địa chỉ IP"), required=False)

    def clean(self):
        data = super().clean()
        if not data.get("username") and not data.get("ip_address"):
            raise forms.ValidationError(_("Nhập tên đăng nhập hoặc địa chỉ IP cần mở khóa."))
        return data
