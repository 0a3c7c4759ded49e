from django import template
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from cong.core.fragments import KeptTexts, render_included
from cong.participation.forms import HONEYPOT, RatingForm
from cong.participation.ratings import sign_target

register = template.Library()

RATING_MESSAGES = {
    "cam-on": _("Cảm ơn bạn đã đánh giá."),
    "cap-nhat": _("Bạn đã đánh giá trang này hôm nay; đánh giá mới đã thay cho đánh giá trước."),
    "loi": _("Vui lòng chọn mức đánh giá từ 1 đến 5 sao."),
}
STAR_LABELS = {
    1: _("Không hữu ích"),
    2: _("Ít hữu ích"),
    3: _("Bình thường"),
    4: _("Hữu ích"),
    5: _("Rất hữu ích"),
}


# The form's HTML by language, page, address, title and outcome: rendered once per process
# (issue 20). The signed target in it carries no expiry (`read_target`), so one made earlier
# stays valid.
_forms = KeptTexts(1024)


@register.simple_tag(takes_context=True)
def rating_widget(context, title: str = "", section_is_page: bool = False):
    """The "Thông tin này có hữu ích không?" form for the current address (no SQL query).

    `section_is_page`: the current page is itself the section to report under (a legal
    document is served by the documents page, an article by itself under its section).
    As an inclusion tag would, rendered in a context of its own.
    """
    request = context.get("request")
    page = context.get("page")
    if request is None or page is None or getattr(request, "is_preview", False):
        return _render(context, {"show": False})
    outcome = request.GET.get("danh-gia", "")
    title = str(title or page.title)
    key = (
        translation.get_language(),
        page.pk,
        request.path,
        title,
        section_is_page,
        outcome if outcome in RATING_MESSAGES else "",
    )
    html = _forms.get_or_make(
        key,
        lambda: _render(
            context,
            {
                "show": True,
                "request": request,
                "csrf_token": context.get("csrf_token"),
                "target": sign_target(page.pk, request.path, title, section_is_page),
                "stars": [(n, STAR_LABELS[n]) for n in range(1, 6)],
                "message": RATING_MESSAGES.get(outcome, ""),
                "is_error": outcome == "loi",
                "honeypot": HONEYPOT,
                "comment_max": RatingForm.base_fields["comment"].max_length,
            },
        ),
    )
    return mark_safe(html)  # noqa: S308 (a template's output)


def _render(context, data: dict) -> str:
    html = render_included(context, "participation/includes/rating_widget.html", data)
    return mark_safe(html)  # noqa: S308 (a template's output)
