"""E-mails to the person who asked: on receipt, and on each change of status."""

import html
import logging
import re

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy
from wagtail.models import Site

from cong.participation.models import QuestionIndexPage, QuestionStatus

logger = logging.getLogger(__name__)

SUBJECTS = {
    QuestionStatus.RECEIVED: gettext_lazy("Đã tiếp nhận câu hỏi của Ông/Bà (mã %(code)s)"),
    QuestionStatus.ASSIGNED: gettext_lazy("Câu hỏi mã %(code)s đã được chuyển đơn vị trả lời"),
    QuestionStatus.ANSWERED: gettext_lazy("Câu hỏi mã %(code)s đã được trả lời"),
    QuestionStatus.DECLINED: gettext_lazy("Câu hỏi mã %(code)s không được trả lời"),
}


def question_links(question) -> dict:
    """Absolute addresses of the question's tracking page and, if public, its answer."""
    site = question.site or Site.objects.filter(is_default_site=True).first()
    page = QuestionIndexPage.for_site(site)
    if page is None:
        return {"tracking_url": "", "answer_url": ""}
    answer_url = ""
    if question.status == QuestionStatus.ANSWERED and question.is_public:
        answer_url = page.full_sub_url("detail", pk=question.pk, slug=question.slug)
    return {
        "tracking_url": page.full_sub_url("track", code=question.code),
        "answer_url": answer_url,
    }


def plain_text(rich_text: str) -> str:
    """Rich text as an e-mail shows it: paragraphs apart, list items on their own lines.

    >>> plain_text("<p>Trả lời:</p><ul><li>Một &amp; hai</li><li>Ba</li></ul><p>Hết.</p>")
    'Trả lời:\\n\\n- Một & hai\\n- Ba\\n\\nHết.'
    """
    text = re.sub(r"<li[^>]*>", "\n- ", rich_text or "")
    text = re.sub(r"</(p|h[1-6]|ul|ol)>|<br\s*/?>", "\n\n", text)
    text = html.unescape(strip_tags(text))
    text = "\n".join(line.strip() for line in text.split("\n"))
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def send_status_email(question) -> bool:
    """Tell the asker where their question stands; a mail failure never loses the question.

    Never to an address its owner has not confirmed (cong.participation.confirmation): the
    name and title in this mail were typed by whoever filled in the form."""
    if question.confirmed_at is None:
        return False
    context = {
        "question": question,
        "answer_text": plain_text(question.answer),
        **question_links(question),
    }
    body = render_to_string("participation/emails/question_status.txt", context)
    subject = SUBJECTS[QuestionStatus(question.status)] % {"code": question.code}
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [question.email])
    except Exception:  # SMTP down or refusing: the question is saved, log and go on
        logger.exception("Could not e-mail question %s", question.pk)
        return False
    return True
