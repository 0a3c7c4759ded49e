"""What citizen participation plugs into: search, the page cache and its purges."""

from django.utils.translation import gettext_lazy as _

from cong.core.pagecache import never_cache
from cong.core.pagination import keep_out_of_links
from cong.core.signal_handlers import watch, watch_moderated
from cong.core.sitemaps import register_sitemap
from cong.search.registry import Searchable, register


def _visible(site):
    """Answers published on the site, where it has a "Hỏi đáp" page to show them on."""
    from cong.participation.models import Question, QuestionIndexPage

    if QuestionIndexPage.for_site(site) is None:
        return None
    return Question.objects.public().for_site(site)


def _url(question, site) -> str:
    from cong.participation.models import QuestionIndexPage

    return QuestionIndexPage.for_site(site).answer_url(question)


def register_all() -> None:
    from cong.participation.models import (
        Comment,
        ConsultationIndexPage,
        ConsultationPage,
        Question,
        Topic,
        Unit,
    )

    watch(Topic, Unit)
    # Each site asks about its own fields: a new site gets the catch-all one.
    from django.db.models.signals import post_save
    from wagtail.models import Site

    from cong.participation.models.lists import give_default_topic

    post_save.connect(give_default_topic, sender=Site, dispatch_uid="participation-default-topic")
    # A citizen's new question or comment purges nothing; a moderator's change does.
    watch_moderated(Question, Comment)
    # A tracking page is one citizen's status; a consultation opens and closes by the clock,
    # with no change to purge on, and shows its comment form (with a CSRF token) while open.
    never_cache(paths=[r"/theo-doi/"], page_types=[ConsultationIndexPage, ConsultationPage])
    # "Sent" and "thanks for rating" notices after a redirect: not on the next page of comments.
    keep_out_of_links("da-gui", "danh-gia")
    # Published answers are addresses of the "Hỏi đáp" page: their own section of sitemap.xml.
    from cong.participation.sitemaps import AnswerSitemap

    register_sitemap("hoi-dap", AnswerSitemap)
    register(
        Searchable(
            name="questions",
            label=_("Hỏi đáp"),
            model=Question,
            date_field="answered_at",
            visible=_visible,
            url=_url,
            snippet=lambda question: question.body,
            order=20,
        )
    )

    # Its duties in the self-check report "Mức độ đáp ứng quy định" (cong.core.duties).
    from cong.participation.duties import register_duties

    register_duties()
