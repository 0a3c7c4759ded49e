"""The public forms: questions, tracking lookups, comments on drafts, ratings.

Every form normalises text to NFC and strips control characters, enforces lengths on the
server, and carries a honeypot field; the captcha is added when `captcha=True`.
"""

from captcha.fields import CaptchaField, CaptchaTextInput
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from cong.core.text import clean_line, clean_text
from cong.participation.models import Topic
from cong.participation.uploads import AttachmentRejected, check_attachment

HONEYPOT = "hp_website"
HONEYPOT_CODE = "honeypot"
PHONE = RegexValidator(
    r"^\+?[0-9 .()-]{8,20}$", _("Số điện thoại chỉ gồm chữ số, dấu cách, “.”, “-” hoặc “+”.")
)


class AccessibleCaptchaInput(CaptchaTextInput):
    """simple-captcha's widget with a Vietnamese alternative text and a labelled answer box.

    Its template lives in this app's templates/ folder: Django's form renderer looks in
    apps' folders, not in the project's templates/.
    """

    template_name = "participation/widgets/captcha.html"


class PublicForm(forms.Form):
    """Honeypot, optional captcha and text normalisation for every public form."""

    multiline_fields: tuple[str, ...] = ()

    def __init__(self, *args, captcha: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.data = self._normalised(self.data)
        self.fields[HONEYPOT] = forms.CharField(
            label=_("Để trống ô này"), required=False, max_length=200
        )
        if captcha:
            self.fields["captcha"] = CaptchaField(
                label=_("Mã xác nhận"),
                help_text=_("Nhập các ký tự trong ảnh (không phân biệt chữ hoa, chữ thường)."),
                widget=AccessibleCaptchaInput(),
                error_messages={
                    "required": _("Nhập mã xác nhận trong ảnh."),
                    "invalid": _("Mã xác nhận không đúng. Vui lòng nhập mã trong ảnh mới."),
                },
            )

    def _normalised(self, data):
        """The submitted text as it will be stored, before any field sees it: "required",
        min_length and max_length then count visible characters, so a name made only of
        zero-width characters is refused as empty (cong.core.text.clean_line)."""
        if not self.is_bound:
            return data
        data = data.copy()  # a QueryDict (or dict) of our own, the request's stays as sent
        for name, field in self.fields.items():
            key = self.add_prefix(name)
            if not isinstance(field, forms.CharField) or key not in data:
                continue
            normalise = clean_text if name in self.multiline_fields else clean_line
            if hasattr(data, "setlist"):
                data.setlist(key, [normalise(str(value)) for value in data.getlist(key)])
            else:
                data[key] = normalise(str(data[key]))
        return data

    @property
    def visible_fields_list(self):
        return [field for field in self if field.name not in (HONEYPOT, "captcha")]

    def clean(self):
        cleaned = super().clean()
        if self.data.get(HONEYPOT):
            raise ValidationError(
                _("Không gửi được biểu mẫu. Vui lòng tải lại trang và thử lại."),
                code=HONEYPOT_CODE,
            )
        return cleaned

    def is_spam(self) -> bool:
        return self.has_error(forms.forms.NON_FIELD_ERRORS, HONEYPOT_CODE)


class ConsentMixin(forms.Form):
    """The consent ND 13/2023 asks for before personal data are processed."""

    consent = forms.BooleanField(
        label=_(
            "Tôi đồng ý để cơ quan xử lý các thông tin cá nhân trong biểu mẫu này để trả lời "
            "tôi, theo chính sách bảo vệ dữ liệu cá nhân."
        ),
        error_messages={
            "required": _("Vui lòng đánh dấu đồng ý xử lý dữ liệu cá nhân để gửi biểu mẫu.")
        },
    )


class QuestionForm(PublicForm, ConsentMixin):
    asker_name = forms.CharField(label=_("Họ và tên"), max_length=120)
    email = forms.EmailField(
        label=_("Thư điện tử"),
        max_length=254,
        help_text=_("Mã tra cứu và câu trả lời được gửi về địa chỉ này; không công khai."),
    )
    phone = forms.CharField(
        label=_("Điện thoại (không bắt buộc)"), max_length=20, required=False, validators=[PHONE]
    )
    address = forms.CharField(label=_("Địa chỉ (không bắt buộc)"), max_length=255, required=False)
    topic = forms.ModelChoiceField(
        Topic.objects.all(), label=_("Lĩnh vực"), empty_label=_("— Chọn lĩnh vực —")
    )
    title = forms.CharField(label=_("Tiêu đề câu hỏi"), min_length=5, max_length=200)
    body = forms.CharField(
        label=_("Nội dung câu hỏi"), min_length=10, max_length=5000, widget=forms.Textarea
    )
    attachment = forms.FileField(
        label=_("Tệp đính kèm (không bắt buộc)"),
        required=False,
        help_text=_("Một tệp PDF hoặc ảnh (JPEG, PNG, WebP), tối đa %(mb)s MB."),
    )

    multiline_fields = ("body",)
    field_order = [
        "asker_name", "email", "phone", "address", "topic", "title", "body", "attachment",
        "consent",
    ]  # fmt: skip

    def __init__(self, *args, site=None, max_mb: float = 5, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].queryset = Topic.objects.filter(site=site)  # the site's own fields
        self.fields["attachment"].help_text = self.fields["attachment"].help_text % {
            "mb": f"{max_mb:g}"
        }
        self.fields["attachment"].widget.attrs["accept"] = (
            "application/pdf,image/jpeg,image/png,image/webp"
        )
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["asker_name"].widget.attrs["autocomplete"] = "name"
        self.fields["phone"].widget.attrs.update(autocomplete="tel", inputmode="tel")
        self.fields["address"].widget.attrs["autocomplete"] = "street-address"
        self.checked_attachment = None

    def clean_attachment(self):
        upload = self.cleaned_data.get("attachment")
        if not upload:
            return None
        try:
            self.checked_attachment = check_attachment(upload)
        except AttachmentRejected as exc:
            raise ValidationError(str(exc)) from exc
        return upload


class ContactForm(PublicForm, ConsentMixin):
    name = forms.CharField(label=_("Họ và tên"), max_length=120)
    email = forms.EmailField(
        label=_("Thư điện tử"),
        max_length=254,
        help_text=_("Để cơ quan trả lời bạn; không công khai."),
    )
    phone = forms.CharField(
        label=_("Điện thoại (không bắt buộc)"), max_length=20, required=False, validators=[PHONE]
    )
    subject = forms.CharField(label=_("Tiêu đề"), min_length=5, max_length=200)
    body = forms.CharField(
        label=_("Nội dung"), min_length=10, max_length=5000, widget=forms.Textarea
    )

    multiline_fields = ("body",)
    field_order = ["name", "email", "phone", "subject", "body", "consent"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["phone"].widget.attrs.update(autocomplete="tel", inputmode="tel")


class LookupForm(forms.Form):
    code = forms.CharField(
        label=_("Mã tra cứu"),
        max_length=20,
        help_text=_("Mã gồm 10 ký tự, được gửi qua thư điện tử khi bạn gửi câu hỏi."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].widget.attrs.update(autocomplete="off", autocapitalize="characters")


class QuestionFilterForm(forms.Form):
    q = forms.CharField(label=_("Từ khóa"), required=False, max_length=200)
    topic = forms.ModelChoiceField(
        Topic.objects.all(), label=_("Lĩnh vực"), required=False, empty_label=_("Tất cả")
    )

    def __init__(self, *args, site=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].queryset = Topic.objects.filter(site=site)

    def clean_q(self):
        return clean_line(self.cleaned_data.get("q", ""))


class CommentForm(PublicForm, ConsentMixin):
    name = forms.CharField(label=_("Họ và tên"), max_length=120)
    email = forms.EmailField(
        label=_("Thư điện tử"), max_length=254, help_text=_("Không hiển thị công khai.")
    )
    organisation = forms.CharField(
        label=_("Cơ quan, tổ chức (không bắt buộc)"), max_length=255, required=False
    )
    section = forms.CharField(
        label=_("Góp ý cho điều, khoản (không bắt buộc)"),
        max_length=200,
        required=False,
        help_text=_("Ví dụ: Điều 5, khoản 2"),
    )
    body = forms.CharField(
        label=_("Nội dung góp ý"), min_length=10, max_length=5000, widget=forms.Textarea
    )

    multiline_fields = ("body",)
    field_order = ["name", "email", "organisation", "section", "body", "consent"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["organisation"].widget.attrs["autocomplete"] = "organization"


STARS = [(n, str(n)) for n in range(1, 6)]


class RatingForm(PublicForm):
    target = forms.CharField(max_length=2000, widget=forms.HiddenInput)
    stars = forms.TypedChoiceField(
        label=_("Mức độ hữu ích"), choices=STARS, coerce=int, widget=forms.RadioSelect
    )
    comment = forms.CharField(
        label=_("Góp ý thêm (không bắt buộc)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea,
    )

    multiline_fields = ("comment",)
