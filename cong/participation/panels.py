"""The editors' dashboard: citizens' questions waiting for an answer, comments for a decision.

Each is listed oldest first, with how long it has waited, for the sites the user works for.
"""

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cong.core.admin import DashboardPanel, DashboardRow
from cong.core.tenancy import sites_of
from cong.participation.models import (
    Comment,
    CommentStatus,
    Question,
    QuestionStatus,
)

QUESTIONS_PERMISSION = "participation.change_question"
COMMENTS_PERMISSION = "participation.change_comment"
WAITING = (QuestionStatus.RECEIVED, QuestionStatus.ASSIGNED)


class PendingQuestionsPanel(DashboardPanel):
    """Confirmed questions not answered nor declined yet (received, or with a unit)."""

    name = "pending-questions"
    heading = _("Câu hỏi chờ trả lời")
    empty_text = _("Không có câu hỏi nào chờ trả lời.")
    more_label = _("Xem tất cả câu hỏi")
    order = 130

    def queryset(self, request: HttpRequest):
        questions = Question.objects.confirmed().filter(status__in=WAITING)
        return (
            sites_of(request.user)
            .filter(questions)
            .select_related("unit", "topic")
            .order_by("submitted_at", "pk")
        )

    def count(self, request: HttpRequest) -> int | None:
        return self.queryset(request).count()

    def rows(self, request: HttpRequest) -> list[DashboardRow]:
        return [
            DashboardRow(
                title=question.title,
                url=reverse("hoi-dap:edit", args=[question.pk]),
                detail=(
                    f"{question.status_label}: {question.unit}"
                    if question.unit
                    else question.status_label
                ),
                since=question.submitted_at,
            )
            for question in self.queryset(request)[: self.limit]
        ]

    def more_url(self, request: HttpRequest) -> str | None:
        return reverse("hoi-dap:index")


class PendingCommentsPanel(DashboardPanel):
    """Comments on the site's draft documents that nobody approved or rejected yet."""

    name = "pending-comments"
    heading = _("Góp ý chờ duyệt")
    empty_text = _("Không có góp ý nào chờ duyệt.")
    more_label = _("Xem tất cả góp ý")
    order = 140

    def queryset(self, request: HttpRequest):
        comments = Comment.objects.filter(status=CommentStatus.PENDING)
        return (
            sites_of(request.user)
            .filter(comments)
            .select_related("consultation")
            .order_by("submitted_at", "pk")
        )

    def count(self, request: HttpRequest) -> int | None:
        return self.queryset(request).count()

    def rows(self, request: HttpRequest) -> list[DashboardRow]:
        return [
            DashboardRow(
                title=gettext("%(name)s: %(excerpt)s")
                % {"name": comment.name, "excerpt": comment.body[:80]},
                url=reverse("gop-y:edit", args=[comment.pk]),
                detail=comment.consultation.title,
                since=comment.submitted_at,
            )
            for comment in self.queryset(request)[: self.limit]
        ]

    def more_url(self, request: HttpRequest) -> str | None:
        return reverse("gop-y:index")


def construct_panels(request: HttpRequest, panels: list) -> None:
    if request.user.has_perm(QUESTIONS_PERMISSION):
        panels.append(PendingQuestionsPanel())
    if request.user.has_perm(COMMENTS_PERMISSION):
        panels.append(PendingCommentsPanel())
