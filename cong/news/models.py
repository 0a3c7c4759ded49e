"""News pages: the home page, sections (categories) and articles."""

from functools import cached_property
from typing import Any

from django.core.cache import cache
from django.db import models
from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model
from wagtail.models import Orderable
from wagtail.search import index

from cong.core import feeds, listings
from cong.core.addresses import absolute_url
from cong.core.cache import content_version
from cong.core.metadata import Metadata, iso, organisation_ld, site_identity
from cong.core.models import CongPage
from cong.news.blocks import ArticleBodyBlock
from cong.translations.models import site_name

ARTICLES_PER_PAGE = 10
FEED_SIZE = 30


def live_articles():
    """Published, public articles, newest first, with what a listing shows."""
    return (
        ArticlePage.objects.live()
        .public()
        .select_related("featured_image")
        .order_by("-date", "-pk")
    )


OG_IMAGE = "fill-1200x630|format-jpeg"  # Open Graph's recommended 1.91:1


class HomePage(CongPage):
    """The site's front page: the featured article and the latest news of each section."""

    intro = models.TextField(_("giới thiệu"), blank=True)
    featured_count = models.PositiveSmallIntegerField(
        _("số tin nổi bật"), default=5, help_text=_("Số tin nổi bật hiển thị ở đầu trang chủ.")
    )
    per_section = models.PositiveSmallIntegerField(_("số tin mỗi chuyên mục"), default=4)

    content_panels = CongPage.content_panels + [
        FieldPanel("intro"),
        FieldPanel("featured_count"),
        FieldPanel("per_section"),
    ]

    subpage_types = [
        "news.CategoryPage",
        "documents.LegalDocumentIndexPage",
        "participation.QuestionIndexPage",
        "participation.ConsultationIndexPage",
        "participation.ContactPage",
        "agency.InformationPage",
        "agency.MenuLinkPage",
        "agency.SitemapPage",
        "agency.OrganisationPage",
        "agency.LeadersPage",
        "disclosure.DisclosurePage",
        "procedures.ProcedureIndexPage",
        "schedule.ScheduleIndexPage",
    ]
    parent_page_types = ["wagtailcore.Page"]
    template = "news/home_page.html"

    class Meta:
        verbose_name = _("trang chủ")

    def metadata_description(self) -> str:
        return self.search_description or self.intro

    def metadata(self, request: HttpRequest | None = None) -> Metadata:
        """The agency itself (GovernmentOrganization with its contacts) and the website."""
        meta = super().metadata(request)
        identity = site_identity(self.metadata_site(request))
        meta.title = identity.site_name or meta.title
        meta.description = meta.description or identity.site_name
        meta.jsonld = [
            organisation_ld(identity, full=True),
            {
                "@type": "WebSite",
                "name": meta.title,
                "url": meta.url,
                "inLanguage": "vi",
                "publisher": {"@type": "GovernmentOrganization", "name": identity.publisher},
            },
        ]
        return meta

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Read by the template only when its cached fragments are not found (home_page.html).
        lists = SimpleLazyObject(self.news_lists)
        context.update(
            featured=SimpleLazyObject(lambda: lists["featured"]),
            sections=SimpleLazyObject(lambda: lists["sections"]),
        )
        return context

    def news_lists(self) -> dict[str, list]:
        """The featured articles, and each menu section with its newest articles (those
        featured left out)."""
        articles = live_articles().descendant_of(self)
        featured = list(articles.filter(is_featured=True)[: self.featured_count])
        if not featured:
            featured = list(articles[:1])
        sections = []
        shown = {page.pk for page in featured}
        for section in CategoryPage.objects.child_of(self).live().in_menu().public():
            items = [
                a
                for a in articles.descendant_of(section)[: self.per_section + len(shown)]
                if a.pk not in shown
            ][: self.per_section]
            sections.append((section, items))
        return {"featured": featured, "sections": sections}


class CategoryPage(RoutablePageMixin, CongPage):
    """A news section ("Tin tức - Sự kiện", "Thông báo", ...); sections may nest. Its
    newest articles, subsections' included, are an RSS feed at `<section>/rss/`."""

    intro = RichTextField(_("giới thiệu"), blank=True, features=["bold", "italic", "link"])

    content_panels = CongPage.content_panels + [FieldPanel("intro")]
    search_fields = CongPage.search_fields + [index.SearchField("intro")]

    parent_page_types = ["news.HomePage", "news.CategoryPage"]
    subpage_types = ["news.CategoryPage", "news.ArticlePage", "agency.InformationPage"]
    template = "news/category_page.html"

    class Meta:
        verbose_name = _("chuyên mục")
        verbose_name_plural = _("chuyên mục")

    schema_type = "CollectionPage"
    dc_type = "Collection"

    def metadata_description(self) -> str:
        return self.search_description or self.intro

    def feed_url(self, request: HttpRequest | None = None) -> str:
        return self.get_full_url(request) + self.reverse_subpage("rss")

    def metadata(self, request: HttpRequest | None = None) -> Metadata:
        meta = super().metadata(request)
        meta.subject = self.title
        meta.feeds = [(gettext("RSS: %(section)s") % {"section": self.title}, self.feed_url())]
        return meta

    @path("rss/")
    def rss(self, request: HttpRequest) -> HttpResponseBase:
        """RSS 2.0 of the section's newest articles, links on the Site record's address."""
        site = self.metadata_site(request)
        articles = live_articles().descendant_of(self)[:FEED_SIZE]
        language = self.locale.language_code  # an English section's articles are English
        return feeds.rss_response(
            site=site,
            title=f"{self.title} – {site_name(site, language)}",
            link=self.get_full_url(request),
            feed_url=self.feed_url(request),
            description=feeds.plain(self.intro) or self.title,
            items=[article.feed_item(request) for article in articles],
            language=language,
        )

    def get_context(self, request, *args, **kwargs):
        """The page of articles asked for: the count kept under the content version, the
        articles and subsections read only when the template's `section-list` fragment (by
        page number) is not found."""
        context = super().get_context(request, *args, **kwargs)
        count = listings.cached(
            request,
            f"news:section-count:{self.pk}:{content_version()}",
            lambda: live_articles().descendant_of(self).count(),
        )
        context["articles"] = listings.paginate_counted(
            request, lambda: live_articles().descendant_of(self), count, ARTICLES_PER_PAGE
        )
        context["subsections"] = SimpleLazyObject(
            lambda: list(CategoryPage.objects.child_of(self).live().public())
        )
        return context


class ArticlePageTag(TaggedItemBase):
    content_object = ParentalKey(
        "news.ArticlePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class ArticlePage(CongPage):
    """A news article: lead, body of paragraphs and captioned photos, byline, tags."""

    lead = models.TextField(_("sapo"), help_text=_("Tóm tắt ngắn ở đầu bài, 1–3 câu."))
    featured_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("ảnh đại diện"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(ArticleBodyBlock(), verbose_name=_("nội dung"), blank=True)
    author_names = models.CharField(_("tác giả"), max_length=255, blank=True)
    author_unit = models.CharField(
        _("đơn vị tác giả"), max_length=255, blank=True, help_text=_("Ví dụ: Phòng QLTTBCXB")
    )
    source = models.CharField(_("nguồn tin"), max_length=255, blank=True)
    date = models.DateTimeField(
        _("ngày đăng"),
        default=timezone.now,
        db_index=True,
        help_text=_("Ngày giờ đăng hiển thị trên bài; mặc định là lúc tạo bài."),
    )
    is_featured = models.BooleanField(_("tin nổi bật"), default=False)
    tags = ClusterTaggableManager(through=ArticlePageTag, blank=True, verbose_name=_("thẻ"))

    content_panels = CongPage.content_panels + [
        FieldPanel("lead"),
        FieldPanel("featured_image"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("author_names"),
                FieldPanel("author_unit"),
                FieldPanel("source"),
                FieldPanel("date"),
                FieldPanel("is_featured"),
                FieldPanel("tags"),
            ],
            heading=_("Thông tin bài viết"),
        ),
        InlinePanel("related_links", label=_("Tin liên quan")),
    ]
    search_fields = CongPage.search_fields + [
        index.SearchField("lead"),
        index.SearchField("body"),
        index.SearchField("author_names"),
        index.FilterField("date"),
    ]

    parent_page_types = ["news.CategoryPage"]
    subpage_types: list[str] = []
    template = "news/article_page.html"
    search_result_label = _("Tin bài")
    search_date_field = "date"
    in_html_sitemap = False  # listed by their sections, not one by one

    def search_snippet_text(self) -> str:
        return self.lead

    @cached_property
    def teaser_image(self) -> Any:
        """The picture of the article's teasers and og:image: the editor's "Ảnh đại diện",
        or else the first photo of the body, so an article illustrated only in its body is not
        a text-only teaser beside pictured ones."""
        if self.featured_image_id:
            return self.featured_image
        for block in self.body.raw_data:
            image_id = (block.get("value") or {}).get("image") if block["type"] == "image" else None
            if image_id:
                return get_image_model().objects.filter(pk=image_id).first()
        return None

    class Meta:
        verbose_name = _("bài viết")
        verbose_name_plural = _("bài viết")

    def metadata_description(self) -> str:
        return self.search_description or self.lead

    def metadata(self, request: HttpRequest | None = None) -> Metadata:
        """An article (Open Graph "article") and a schema.org NewsArticle: dates, byline,
        section, photo, the agency as publisher."""
        meta = super().metadata(request)
        site = self.metadata_site(request)
        identity = site_identity(site)
        meta.og_type = "article"
        meta.published = self.date
        meta.creator = self.byline
        meta.subject = self.section_title()
        if self.teaser_image:
            from cong.core.templatetags.pictures import rendition_url

            meta.image = absolute_url(rendition_url(self.teaser_image, OG_IMAGE), site)
        authors = [
            {"@type": "Person", "name": name.strip()}
            for name in self.author_names.replace(";", ",").split(",")
            if name.strip()
        ]
        article = {
            "@type": "NewsArticle",
            "headline": self.title,
            "url": meta.url,
            "mainEntityOfPage": {"@type": "WebPage", "@id": meta.url},
            "datePublished": iso(self.date),
            "dateModified": iso(max(filter(None, (self.date, self.last_published_at)))),
            "author": authors or [organisation_ld(identity)],
            "publisher": organisation_ld(identity),
            "inLanguage": "vi",
        }
        if meta.description:
            article["description"] = meta.description
        if meta.subject:
            article["articleSection"] = meta.subject
        if meta.image:
            article["image"] = [meta.image]
        meta.jsonld = [article]
        return meta

    def section_title(self) -> str:
        """The title of the article's section, looked up once per content version (an
        article page stays within its query budget)."""
        key = f"news:section-title:{self.path[: -self.steplen]}:{content_version()}"
        title = cache.get(key)
        if title is None:
            parent = self.get_parent()
            title = parent.title if parent else ""
            cache.set(key, title, 3600)
        return title

    def feed_item(self, request: HttpRequest | None = None) -> feeds.FeedItem:
        return feeds.FeedItem(
            title=self.title,
            link=self.get_full_url(request),
            description=self.lead,
            published=self.date,
            author=self.byline,
        )

    @property
    def byline(self) -> str:
        """ "Author - Unit", as Vietnamese agency sites sign their articles."""
        return " - ".join(part for part in (self.author_names, self.author_unit) if part)

    def related_articles(self):
        """Chosen related articles that are still published, in the editor's order."""
        ids = [link.related_page_id for link in self.related_links.all()]
        if not ids:
            return []
        pages = {p.pk: p for p in live_articles().filter(pk__in=ids)}
        return [pages[i] for i in ids if i in pages]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Read by the template only when its cached fragment is not found.
        context["related"] = SimpleLazyObject(self.related_articles)
        return context


class ArticleRelatedLink(Orderable):
    """One entry of an article's "Tin liên quan" list."""

    page = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="related_links")
    related_page = models.ForeignKey(
        "news.ArticlePage",
        verbose_name=_("bài viết"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [FieldPanel("related_page")]

    class Meta(Orderable.Meta):
        verbose_name = _("tin liên quan")
