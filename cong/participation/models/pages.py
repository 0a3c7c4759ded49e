"""The questions section of a site ("/hoi-dap/"): answers, the form, tracking."""

from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import cache_control
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import RichTextField

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

    def get_sitemap_urls(self, request=None):
        """The page itself and each published answer."""
        from cong.participation.models.questions import Question

        urls = super().get_sitemap_urls(request)
        base = self.get_full_url(request)
        site = self.get_site()
        for question in Question.objects.public().for_site(site).only("pk", "title", "answered_at"):
            urls.append(
                {
                    "location": base
                    + self.reverse_subpage(
                        "detail", kwargs={"pk": question.pk, "slug": question.slug}
                    ),
                    "lastmod": question.answered_at,
                }
            )
        return urls

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
