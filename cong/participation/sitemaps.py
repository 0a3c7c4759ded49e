"""The published answers' section of sitemap.xml ("hoi-dap"), declared in plugins.py."""

from typing import Any

from django.db.models import Max

from cong.core.sitemaps import SiteSitemap
from cong.participation.models import Question, QuestionIndexPage


class AnswerSitemap(SiteSitemap):
    """Each published answer of the site, on the site's "Hỏi đáp" page."""

    def items(self) -> Any:
        self.index_page = QuestionIndexPage.for_site(self.site)
        if self.index_page is None:
            return Question.objects.none()
        return (
            Question.objects.public()
            .for_site(self.site)
            .only("pk", "title", "answered_at")
            .order_by("-answered_at", "-pk")
        )

    def location(self, question: Question) -> str:
        return self.index_page.full_sub_url("detail", pk=question.pk, slug=question.slug)

    def lastmod(self, question: Question) -> Any:
        return question.answered_at

    def get_latest_lastmod(self) -> Any:
        """The index's lastmod in one query rather than one pass over every answer."""
        return self.items().aggregate(newest=Max("answered_at"))["newest"]
