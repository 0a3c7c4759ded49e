"""The pages only a province's portal has: its member sites' news, their directory, and
every agency's legal documents in one search. Every other site of the install is a member."""

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Orderable, Page, Site

from cong.core.models import AgencySettings, CongPage, SiteKind
from cong.core.pagination import paginate
from cong.portal import aggregation, documents

MEMBER_NEWS_PER_PAGE = 20
# The automatic list holds the newest this many articles: counting or skipping through all of
# 200 members' 100,000 articles would cost a scan of them on every view (docs/province-portal.md).
MEMBER_NEWS_LIMIT = 200


class ProvincePage(CongPage):
    """A page only a province's portal has: created under its home page, once."""

    intro = models.TextField(_("giới thiệu"), blank=True)

    content_panels = CongPage.content_panels + [FieldPanel("intro")]
    parent_page_types = ["news.HomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        abstract = True

    @classmethod
    def can_create_at(cls, parent: Page) -> bool:
        if not super().can_create_at(parent):
            return False
        site = parent.get_site()
        return site is not None and AgencySettings.for_site(site).kind == SiteKind.TINH

    def metadata_description(self) -> str:
        return self.search_description or self.intro

    def province_site(self, request: Any = None) -> Site | None:
        return self.metadata_site(request)


class MemberNewsPage(ProvincePage):
    """ "Tin từ các sở, ngành, địa phương": the member sites' newest shared articles, each
    linked to its own site, the editors' pinned choices first."""

    per_page = models.PositiveSmallIntegerField(_("số tin mỗi trang"), default=MEMBER_NEWS_PER_PAGE)

    content_panels = ProvincePage.content_panels + [
        FieldPanel("per_page"),
        InlinePanel(
            "pinned_articles",
            label=_("Tin ghim"),
            help_text=_("Tin bài của các đơn vị, hiển thị trên cùng theo thứ tự này."),
        ),
    ]
    template = "portal/member_news_page.html"

    class Meta:
        verbose_name = _("tin từ các đơn vị")
        verbose_name_plural = _("tin từ các đơn vị")

    schema_type = "CollectionPage"
    dc_type = "Collection"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        members = aggregation.member_sites(self.province_site(request))
        shared = aggregation.shared_articles(members)
        pinned_ids = list(self.pinned_articles.values_list("article_id", flat=True))
        pinned = aggregation.in_order(shared.filter(pk__in=pinned_ids), pinned_ids)
        newest = shared.exclude(pk__in=pinned_ids)[:MEMBER_NEWS_LIMIT]
        articles = paginate(request, newest, self.per_page or MEMBER_NEWS_PER_PAGE)
        context.update(
            pinned=aggregation.teasers(pinned, members, request) if articles.number == 1 else [],
            articles=articles,
            teasers=aggregation.teasers(articles.object_list, members, request),
        )
        return context


class MemberNewsPin(Orderable):
    """An article an editor of the portal puts above the automatic list."""

    page = ParentalKey(MemberNewsPage, on_delete=models.CASCADE, related_name="pinned_articles")
    article = models.ForeignKey(
        "news.ArticlePage",
        verbose_name=_("bài viết"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [FieldPanel("article")]

    class Meta(Orderable.Meta):
        verbose_name = _("tin ghim")
        verbose_name_plural = _("tin ghim")

    def __str__(self) -> str:
        return str(self.article)


class MemberDirectoryPage(ProvincePage):
    """The directory of member sites: agency, kind, address, person responsible."""

    template = "portal/member_directory_page.html"

    class Meta:
        verbose_name = _("danh bạ website các đơn vị")
        verbose_name_plural = _("danh bạ website các đơn vị")

    schema_type = "CollectionPage"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        members = aggregation.member_sites(self.province_site(request))
        context["groups"] = aggregation.by_kind(members)
        context["members"] = members
        return context


class ProvinceDocumentsPage(ProvincePage):
    """Every agency's published legal documents in one search: the filters of a site's
    "Văn bản" page plus the agency; each document links to its page on its own site."""

    per_page = models.PositiveSmallIntegerField(_("số văn bản mỗi trang"), default=20)

    content_panels = ProvincePage.content_panels + [FieldPanel("per_page")]
    template = "portal/province_documents_page.html"

    class Meta:
        verbose_name = _("văn bản của các đơn vị")
        verbose_name_plural = _("văn bản của các đơn vị")

    schema_type = "CollectionPage"
    dc_type = "Collection"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(documents.listing(request, self.per_page or 20))
        return context
