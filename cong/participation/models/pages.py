"""The questions section of a site ("/hoi-dap/"): answers, the form, tracking."""

from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import cache_control
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import RichTextField

from cong.core import feeds
from cong.core.metadata import Metadata, iso, short, site_identity, web_page_ld
from cong.core.models import CongPage
from cong.participation.routes import answer

# One citizen's question and its status: no shared cache (proxy, CDN, the page cache) and no
# browser disk cache may keep it.
private_page = method_decorator(cache_control(private=True, no_store=True))


class QuestionIndexPage(RoutablePageMixin, CongPage):
    """Lists published answers; serves the question form, tracking and each answer."""

    intro = RichTextField(_("giới thiệu"), blank=True, features=["bold", "italic", "link"])

    content_panels = CongPage.content_panels + [FieldPanel("intro")]
    parent_page_types = ["news.HomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1
    template = "participation/question_index_page.html"

    class Meta:
        verbose_name = _("trang hỏi đáp")

    schema_type = "CollectionPage"
    dc_type = "Collection"
    feed_size = 30

    def metadata_description(self) -> str:
        return self.search_description or self.intro

    def metadata(self, request=None) -> Metadata:
        meta = super().metadata(request)
        meta.feeds = [(str(_("Câu trả lời mới")), self.full_sub_url("rss"))]
        return meta

    def answer_metadata(self, question, request=None) -> Metadata:
        """A published answer: Dublin Core (the answering unit as creator, the field as
        subject) and a schema.org QAPage. Nothing about the asker (a private person)."""
        unit = (
            {"@type": "GovernmentOrganization", "name": question.unit.name}
            if question.unit_id
            else None
        )
        meta = Metadata(
            title=question.title,
            url=self.full_sub_url("detail", pk=question.pk, slug=question.slug),
            description=short(question.body),
            published=question.published_at or question.answered_at,
            modified=question.answered_at,
            creator=unit["name"] if unit else "",
            subject=question.topic.name,
        )
        answer_node = {
            "@type": "Answer",
            "text": question.answer_text(),
            "url": meta.url + "#tra-loi",
            "dateCreated": iso(question.answered_at),
            "author": unit
            or {
                "@type": "GovernmentOrganization",
                "name": site_identity(self.metadata_site(request)).publisher,
            },
        }
        meta.jsonld = [
            web_page_ld(
                meta,
                "QAPage",
                about=meta.subject,
                mainEntity={
                    "@type": "Question",
                    "name": question.title,
                    "text": question.body,
                    "dateCreated": iso(question.submitted_at),
                    "answerCount": 1,
                    "acceptedAnswer": answer_node,
                },
            )
        ]
        return meta

    @path("rss/")
    def rss(self, request):
        """RSS 2.0 of the newest published answers of the site."""
        from cong.participation.models.questions import Question

        site = self.metadata_site(request)
        questions = (
            Question.objects.public()
            .for_site(site)
            .select_related("topic")
            .order_by("-answered_at", "-pk")[: self.feed_size]
        )
        return feeds.rss_response(
            site=site,
            title=f"{self.title} – {site_identity(site).site_name}",
            link=self.full_url,
            feed_url=self.full_sub_url("rss"),
            description=feeds.plain(self.intro) or self.title,
            items=[
                feeds.FeedItem(
                    title=question.title,
                    link=self.full_sub_url("detail", pk=question.pk, slug=question.slug),
                    description=question.body,
                    published=question.answered_at,
                    categories=[question.topic.name],
                )
                for question in questions
            ],
        )

    @path("")
    def index(self, request):
        return answer("questions.answer_list", self, request)

    @path("dat-cau-hoi/")
    def ask(self, request):
        return answer("questions.ask", self, request)

    @path("xac-nhan/")
    def confirm_sent(self, request):
        return answer("questions.confirm_sent", self, request)

    # The signed token's three parts as three segments: Wagtail serves only [\w-] segments.
    @re_path(r"^xac-nhan/(?P<token>[\w-]{1,100}/[\w-]{1,20}/[\w-]{1,100})/$")
    def confirm(self, request, token):
        return answer("questions.confirm", self, request, token)

    @path("theo-doi/")
    @private_page
    def lookup(self, request):
        return answer("questions.lookup", self, request)

    @re_path(r"^theo-doi/(?P<code>[A-Za-z0-9]{1,20})/$")
    @private_page
    def track(self, request, code):
        return answer("questions.track", self, request, code)

    @re_path(r"^(?P<pk>\d+)-(?P<slug>[-a-z0-9]*)/$")
    def detail(self, request, pk, slug):
        return answer("questions.detail", self, request, int(pk), slug)

    def is_counted_route(self, url_name: str, kwargs: dict) -> bool:
        """Visit statistics: a published answer is a page view; the form and tracking pages
        (whose addresses carry a citizen's code) are not (cong.visits)."""
        from cong.participation.models.questions import Question

        if url_name != "detail":
            return False
        question = Question.objects.public().for_site(self.get_site()).filter(pk=kwargs["pk"])
        question = question.first()
        return question is not None and question.slug == kwargs["slug"]

    def sub_url(self, name: str, **kwargs) -> str:
        return self.url + self.reverse_subpage(name, kwargs=kwargs)

    def full_sub_url(self, name: str, **kwargs) -> str:
        return self.full_url + self.reverse_subpage(name, kwargs=kwargs)

    def answer_url(self, question) -> str:
        return self.sub_url("detail", pk=question.pk, slug=question.slug)

    def tracking_url(self, question) -> str:
        return self.sub_url("track", code=question.code)
