"""The province's portal (a site of kind "tinh"): its member sites' news, their directory, and
what a member site shares with it.

Every other site of the install is a member. A member shares its live, public articles with
the portal unless its administrators say otherwise in Settings › "Chia sẻ với Cổng tỉnh"
(`PortalSettings`): nothing at all, or everything but some sections.
"""

from typing import Any

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Orderable, Page, Site

from cong.core.models import AgencySettings, CongPage, SiteKind
from cong.core.pagination import paginate

MEMBER_NEWS_PER_PAGE = 20


class PortalSettingsForm(WagtailAdminModelForm):
    """Offers only the sections of the setting's own site."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields.get("excluded_sections")
        site = getattr(self.instance, "site", None) if self.instance.site_id else None
        if field is not None:
            from cong.news.models import CategoryPage

            sections = CategoryPage.objects.order_by("path")
            field.queryset = sections.descendant_of(site.root_page) if site else sections.none()


@register_setting(icon="site")
class PortalSettings(BaseSiteSetting):
    """What this site shares with the province's portal ("Tin từ các sở, ngành, địa phương")."""

    share_with_province = models.BooleanField(
        _("chia sẻ tin bài với Cổng thông tin tỉnh"),
        default=True,
        help_text=_(
            "Tin bài đã xuất bản của website được liệt kê trên Cổng thông tin tỉnh, "
            "dẫn về địa chỉ của website này."
        ),
    )
    excluded_sections = models.ManyToManyField(
        "news.CategoryPage",
        verbose_name=_("chuyên mục không chia sẻ"),
        blank=True,
        related_name="+",
        help_text=_("Tin bài trong các chuyên mục này (và chuyên mục con) không được chia sẻ."),
    )

    base_form_class = PortalSettingsForm
    panels = [
        FieldPanel("share_with_province"),
        FieldPanel("excluded_sections", widget=forms.CheckboxSelectMultiple),
    ]

    class Meta:
        verbose_name = _("chia sẻ với Cổng tỉnh")

    def __str__(self) -> str:
        return str(self._meta.verbose_name)


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
        from cong.portal import aggregation

        context = super().get_context(request, *args, **kwargs)
        members = aggregation.member_sites(self.province_site(request))
        shared = aggregation.shared_articles(members)
        pinned_ids = list(self.pinned_articles.values_list("article_id", flat=True))
        pinned = aggregation.in_order(shared.filter(pk__in=pinned_ids), pinned_ids)
        articles = paginate(request, shared.exclude(pk__in=pinned_ids), self.per_page or 20)
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
        from cong.portal import aggregation

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
        from cong.portal import documents

        context = super().get_context(request, *args, **kwargs)
        context.update(documents.listing(request, self.per_page or 20))
        return context


class SiteScore(models.Model):
    """A site's last compliance self-check (`cong.core.duties.evaluate`), kept for the
    province's dashboard: checking every site on each view would render hundreds of pages."""

    site = models.OneToOneField(
        "wagtailcore.Site",
        verbose_name=_("website"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    score = models.PositiveSmallIntegerField(_("điểm"))
    passed = models.PositiveSmallIntegerField(_("đạt"), default=0)
    warned = models.PositiveSmallIntegerField(_("cảnh báo"), default=0)
    failed = models.PositiveSmallIntegerField(_("chưa đạt"), default=0)
    checked_at = models.DateTimeField(_("kiểm tra lúc"))

    class Meta:
        verbose_name = _("điểm tự đánh giá")
        verbose_name_plural = _("điểm tự đánh giá")

    def __str__(self) -> str:
        return f"{self.site}: {self.score}"
