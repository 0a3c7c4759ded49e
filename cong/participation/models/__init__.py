from cong.participation.models.consultations import (
    Comment,
    CommentStatus,
    ConsultationFile,
    ConsultationIndexPage,
    ConsultationPage,
    ConsultationStatus,
)
from cong.participation.models.contact import ContactMessage, ContactPage, ContactStatus
from cong.participation.models.lists import Topic, Unit
from cong.participation.models.pages import QuestionIndexPage
from cong.participation.models.questions import Question, QuestionStatus, normalise_code
from cong.participation.models.ratings import Rating

__all__ = [
    "Comment",
    "CommentStatus",
    "ConsultationFile",
    "ConsultationIndexPage",
    "ConsultationPage",
    "ConsultationStatus",
    "ContactMessage",
    "ContactPage",
    "ContactStatus",
    "Question",
    "QuestionIndexPage",
    "QuestionStatus",
    "Rating",
    "Topic",
    "Unit",
    "normalise_code",
]
