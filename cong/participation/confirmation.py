"""Questions wait for their asker to confirm the e-mail address before anything is sent.

The question form would otherwise mail whatever address is typed, with text the sender
chose: a way to send the agency's mail to strangers. So a new question is stored but held
(`confirmed_at` is null): the only mail is `SUBJECT`/`BODY`, fixed text with a signed link
that expires after `CONG_QUESTION_CONFIRM_HOURS`. Opening the link and pressing the button
(a POST: mail scanners that fetch links confirm nothing) puts the question in the
moderators' queue and mails the tracking code. Questions still unconfirmed after that time
are deleted with their attachment (`sweep`, run on each new question and by
`manage.py purge_unconfirmed_questions`).
"""

import datetime
import logging

from django.conf import settings
from django.core import signing
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cong.participation.models import Question

logger = logging.getLogger(__name__)

SALT = "cong.participation.question-confirmation"
# Fixed texts: nothing the sender typed (name, title, question) is in this mail.
SUBJECT = gettext_lazy("Xác nhận địa chỉ thư điện tử")
BODY = gettext_lazy(
    "Kính gửi Ông/Bà,\n\n"
    "Cổng thông tin điện tử vừa nhận một câu hỏi ghi địa chỉ thư điện tử này. Để xác nhận "
    "và gửi câu hỏi đến cơ quan, Ông/Bà vui lòng mở liên kết sau (trong %(hours)s giờ):\n\n"
    "%(url)s\n\n"
    "Nếu Ông/Bà không gửi câu hỏi nào, xin bỏ qua thư này: câu hỏi sẽ tự động bị xóa.\n\n"
    "Đây là thư tự động, xin vui lòng không trả lời thư này.\n"
)


class LinkRefused(Exception):
    """A confirmation link that cannot be used; the message says why, in Vietnamese."""


def hours() -> int:
    return settings.CONG_QUESTION_CONFIRM_HOURS


def make_token(question: Question) -> str:
    """A signed, timestamped token naming the question (its number and tracking code), as
    path segments ("payload/time/signature"): Wagtail serves no ":" in a page address."""
    return signing.dumps({"q": question.pk, "c": question.code}, salt=SALT).replace(":", "/")


def question_for(token: str) -> Question:
    """The question a token names; raises `LinkRefused` when it is expired, forged or gone."""
    expired = _(
        "Liên kết xác nhận đã hết hạn (chỉ dùng được trong %(hours)s giờ) và câu hỏi chưa "
        "xác nhận đã bị xóa. Vui lòng gửi lại câu hỏi."
    ) % {"hours": hours()}
    try:
        data = signing.loads(
            token.replace("/", ":"), salt=SALT, max_age=datetime.timedelta(hours=hours())
        )
    except signing.SignatureExpired as exc:
        raise LinkRefused(expired) from exc
    except (signing.BadSignature, ValueError) as exc:
        raise LinkRefused(
            _("Liên kết xác nhận không đúng. Hãy mở đúng liên kết trong thư điện tử.")
        ) from exc
    question = Question.objects.filter(pk=data.get("q"), code=data.get("c")).first()
    if question is None:
        raise LinkRefused(expired)
    return question


def send_confirmation_email(question: Question, url: str) -> bool:
    try:
        send_mail(
            str(SUBJECT),
            BODY % {"hours": hours(), "url": url},
            settings.DEFAULT_FROM_EMAIL,
            [question.email],
        )
    except Exception:  # SMTP down: the question waits; the asker may send it again
        logger.exception("Could not e-mail the confirmation of question %s", question.pk)
        return False
    return True


def confirm(question: Question) -> bool:
    """Put the question in the queue; True if this call confirmed it (not a second click)."""
    with transaction.atomic():
        updated = Question.objects.filter(pk=question.pk, confirmed_at__isnull=True).update(
            confirmed_at=timezone.now()
        )
    question.refresh_from_db()
    return bool(updated)


def sweep(now: datetime.datetime | None = None) -> int:
    """Delete questions left unconfirmed past the link's lifetime, attachments included."""
    cutoff = (now or timezone.now()) - datetime.timedelta(hours=hours())
    stale = Question.objects.filter(confirmed_at__isnull=True, submitted_at__lt=cutoff)
    count = 0
    for question in stale.only("pk", "attachment"):
        if question.attachment:
            question.attachment.delete(save=False)
        question.delete()
        count += 1
    return count
