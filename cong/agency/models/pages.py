"""Pages of what an agency must publish about itself (ND 224/2026 Art. 9): information pages,
links to other portals in the menu, the organisation chart, the leaders, the HTML site map."""

from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpResponseRedirect
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from cong.agency import structured
from cong.agency.blocks import InformationBodyBlock
from cong.agency.models.contacts import AgencyContacts
from cong.agency.models.organisation import Leader, OrgUnit, unit_tree
from cong.core.cache import cached_setting
from cong.core.i18n import localized, originals
from cong.core.metadata import Metadata, organisation_ld, site_identity
from cong.core.models import AgencySettings, CongPage


class InformationPage(CongPage):
    """A plain information page: introduction, functions and duties, history, a commune's
    natural conditions... with paragraphs, photos, tables, files and a timeline."""

    summary = models.TextField(
        _("tóm tắt"), blank=True, help_text=_("Một, hai câu hiển thị dưới tiêu đề.")
    )
    body = StreamField(InformationBodyBlock(), verbose_name=_("nội dung"), blank=True)

    content_panels = CongPage.content_panels + [FieldPanel("summary"), FieldPanel("body")]
    search_fields = CongPage.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
    ]
    subpage_types = [
        "agency.InformationPage",
        "agency.MenuLinkPage",
        "agency.OrganisationPage",
        "agency.LeadersPage",
        "disclosure.DisclosurePage",
        "procedures.ProcedureIndexPage",
    ]
    template = "agency/information_page.html"
    search_result_label = _("Thông tin")

    class Meta:
        verbose_name = _("trang thông tin")
        verbose_name_plural = _("trang thông tin")

    def search_snippet_text(self) -> str:
        return self.summary or self.search_description

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # "Giới thiệu" leads to its sub-pages (functions, history, organisation, leaders...):
        # the main menu shows only the first level.
        context["subpages"] = self.get_children().live().public().only("title", "url_path")
        return context

    def metadata_description(self) -> str:
        return self.search_description or self.summary

    def metadata(self, request=None) -> Metadata:
        """A WebPage about the agency, and the agency (GovernmentOrganization) itself."""
        meta = super().metadata(request)
        site = self.metadata_site(request)
        identity = site_identity(site)
        meta.jsonld[0]["about"] = {"@type": "GovernmentOrganization", "name": identity.publisher}
        organisation = organisation_ld(identity, full=True)
        speaker = cached_setting(AgencyContacts, site).speaker if site else None
        if speaker:
            organisation["contactPoint"] = structured.spokesperson(speaker)
        meta.jsonld.append(organisation)
        return meta


class MenuLinkPage(Page):
    """A menu entry that leads to another website (the public-service portal, the
    province's portal): the menu links straight to it, and its own address redirects."""

    link_url = models.URLField(_("địa chỉ liên kết"), max_length=500)
    opens_in_new_window = models.BooleanField(
        _("mở trong cửa sổ mới"),
        default=False,
        help_text=_("Người đọc được báo trước rằng liên kết mở cửa sổ mới."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("link_url"),
        FieldPanel("opens_in_new_window"),
    ]
    promote_panels = [FieldPanel("slug"), FieldPanel("show_in_menus")]
    search_fields: list = []
    subpage_types: list[str] = []
    # cong.core's menu links straight to `external_url` (rel="external noopener").
    in_html_sitemap = True

    class Meta:
        verbose_name = _("liên kết trên menu")
        verbose_name_plural = _("liên kết trên menu")

    @property
    def external_url(self) -> str:
        return self.link_url

    def clean(self):
        super().clean()
        if self.link_url and not self.link_url.startswith(("https://", "http://")):
            raise ValidationError(
                {"link_url": _("Địa chỉ phải bắt đầu bằng https:// hoặc http://")}
            )

    def serve(self, request, *args, **kwargs):
        return HttpResponseRedirect(self.link_url)

    def get_sitemap_urls(self, request=None):
        return []  # another site's address is not ours to list in sitemap.xml


def last_updated(page, records):
    """The newest of the page's publication and the change of a record it shows."""
    newest = records.aggregate(newest=models.Max("updated_at"))["newest"]
    moments = [m for m in (page.last_published_at, newest) if m]
    return max(moments) if moments else None


class OrganisationPage(CongPage):
    """Cơ cấu tổ chức: the units of the page's site as a chart (nested lists a screen reader
    reads and a phone shows) and a directory with each unit's duties and contacts."""

    intro = models.TextField(_("giới thiệu"), blank=True)

    content_panels = CongPage.content_panels + [FieldPanel("intro")]
    subpage_types: list[str] = []
    template = "agency/organisation_page.html"
    search_result_label = _("Thông tin")

    class Meta:
        verbose_name = _("cơ cấu tổ chức")
        verbose_name_plural = _("cơ cấu tổ chức")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        site = self.get_site()
        context["units"] = unit_tree(site)
        context["last_updated"] = last_updated(self, OrgUnit.objects.filter(site=site))
        return context

    def metadata_description(self) -> str:
        return self.search_description or self.intro

    def metadata(self, request=None) -> Metadata:
        """The agency (GovernmentOrganization) with its units as sub-organisations."""
        meta = super().metadata(request)
        site = self.metadata_site(request)
        meta.jsonld.append(
            {
                **organisation_ld(site_identity(site), full=True),
                "subOrganization": structured.units(unit_tree(site)),
            }
        )
        return meta


class LeadersPage(CongPage):
    """Lãnh đạo: each current leader's photo, position, duties, biography and contacts, then
    the former leaders."""

    intro = models.TextField(_("giới thiệu"), blank=True)
    show_former = models.BooleanField(_("hiển thị lãnh đạo qua các thời kỳ"), default=True)

    content_panels = CongPage.content_panels + [FieldPanel("intro"), FieldPanel("show_former")]
    subpage_types: list[str] = []
    template = "agency/leaders_page.html"
    search_result_label = _("Thông tin")

    class Meta:
        verbose_name = _("lãnh đạo")
        verbose_name_plural = _("lãnh đạo")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        site = self.get_site()
        leaders = originals(Leader.objects.filter(site=site)).select_related("photo")
        context["leaders"] = localized(leaders.current(), "photo")
        former = leaders.former().order_by("-term_end") if self.show_former else []
        context["former"] = localized(former, "photo")
        context["last_updated"] = last_updated(self, Leader.objects.filter(site=site))
        return context

    def metadata_description(self) -> str:
        return self.search_description or self.intro

    def metadata(self, request=None) -> Metadata:
        """The current leaders, each a Person (jobTitle, worksFor the agency)."""
        meta = super().metadata(request)
        site = self.metadata_site(request)
        agency = cached_setting(AgencySettings, site)
        people = localized(originals(Leader.objects.filter(site=site)).current())
        meta.jsonld.append(
            {
                "@type": "ItemList",
                "name": self.title,
                "itemListElement": structured.leaders(people, agency.agency_name),
            }
        )
        return meta


class SitemapPage(CongPage):
    """The HTML site map ("Sơ đồ website"): every section and page, nested as in the menu."""

    intro = models.TextField(_("giới thiệu"), blank=True)

    content_panels = CongPage.content_panels + [FieldPanel("intro")]
    subpage_types: list[str] = []
    max_count_per_parent = 1
    template = "agency/sitemap_page.html"

    class Meta:
        verbose_name = _("sơ đồ website")
        verbose_name_plural = _("sơ đồ website")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        site = self.get_site()
        root = site.root_page if site else self.get_parent()
        context["tree"] = site_tree(root)
        return context


def site_tree(root: Page) -> list[tuple[Page, list]]:
    """The live, public pages below `root` as nested (page, children) pairs, in menu order;
    page types that set `in_html_sitemap = False` (articles: they have their own listings)
    and their subtrees are left out. Three queries whatever the size of the site."""
    pages = list(Page.objects.descendant_of(root).live().public().order_by("path"))
    shown = [p for p in pages if getattr(p.specific_class, "in_html_sitemap", True)]
    links = {link.pk: link for link in MenuLinkPage.objects.filter(pk__in=[p.pk for p in shown])}
    nodes: dict[str, tuple[Page, list]] = {root.path: (root, [])}
    for page in shown:
        parent = nodes.get(page.path[: -Page.steplen])
        if parent is None:  # below a left-out page
            continue
        node = (links.get(page.pk, page), [])
        parent[1].append(node)
        nodes[page.path] = node
    return nodes[root.path][1]
