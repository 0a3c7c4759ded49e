"""The agency's identity, and the page behaviour every Cổng page shares."""

from typing import Any

from django import forms
from django.db import models
from django.utils.functional import Promise
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, HelpPanel, MultiFieldPanel, TitleFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.search import index

from cong.core.cache import content_version, versioned_get, versioned_set
from cong.core.text import clean_line, fold, nfc, number_terms, slugify_vi


class CongPageForm(WagtailAdminPageForm):
    """Admin form that stores the title in NFC and folds the slug to ASCII.

    The editor's script may fill the slug with Vietnamese letters; the server decides.
    """

    def clean_title(self) -> str:
        # One line, although the editor's title box wraps (a newline typed in it is a space).
        return " ".join(nfc(self.cleaned_data.get("title", "")).split())

    def clean_slug(self) -> str:
        slug = self.cleaned_data.get("slug", "")
        return slugify_vi(slug) if slug else slug


class NamedItem(models.Model):
    """An entry of an editable list (document types, issuing bodies, Q&A fields, answering
    units), kept in the editors' order."""

    name = models.CharField(_("tên"), max_length=255, unique=True)
    sort_order = models.IntegerField(_("thứ tự"), default=0)

    panels = [FieldPanel("name"), FieldPanel("sort_order")]

    class Meta:
        abstract = True
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.name = clean_line(self.name)
        super().save(*args, **kwargs)


FOLDED_FIELDS = ("search_title_folded", "search_text_folded")


class TitleField(index.SearchField):
    """Indexed as part of the entry's title, which ranks above the body, from `source`.

    Wagtail's database backend puts the fields named "title" in the title column and all
    others in the body; this lets a folded copy (or a document's summary) rank as a title.
    """

    def __init__(self, source: str, **kwargs: Any) -> None:
        super().__init__("title", **kwargs)
        self.source = source

    def get_value(self, obj: Any) -> Any:
        value = getattr(obj, self.source)
        return value() if callable(value) else value


class CongPage(Page):
    """Base of Cổng's page types: folded ASCII slugs, and an accentless copy in the index.

    Beside each searchable text the index holds its folded copy (no accents, đ→d, lower
    case), so "quyen con nguoi" finds "quyền con người" on SQLite and PostgreSQL alike, and
    a query matching the original accents as well ranks above one matching only the copy.
    """

    base_form_class = CongPageForm
    # The address (slug) right below the title, where an editor looks for it (issue 22), with
    # the way to schedule publication one click away; the promote tab keeps SEO and menus.
    content_panels = [
        # A box that wraps and grows (Wagtail's one-line input cuts a long title off).
        TitleFieldPanel(
            "title", widget=forms.Textarea(attrs={"rows": 1, "data-controller": "w-autosize"})
        ),
        FieldPanel(
            "slug",
            help_text=_(
                "Địa chỉ của trang, tự điền từ tiêu đề; khi lưu, chữ có dấu được đổi thành "
                "không dấu (ví dụ “tin-tức” thành “tin-tuc”)."
            ),
        ),
        HelpPanel(
            format_lazy(
                '<button type="button" class="button button-small button-secondary" '
                'data-a11y-dialog-show="schedule-publishing-dialog">{}</button>',
                _("Lên lịch xuất bản…"),
            ),
            heading=_("Lên lịch xuất bản"),
            classname="cong-schedule-link",
        ),
    ]
    promote_panels = [
        MultiFieldPanel(
            [FieldPanel("seo_title"), FieldPanel("search_description")],
            heading=_("Cho công cụ tìm kiếm"),
        ),
        MultiFieldPanel([FieldPanel("show_in_menus")], heading=_("Cho trình đơn của website")),
    ]
    search_fields = Page.search_fields + [
        TitleField("search_title_folded", boost=2),
        index.SearchField("search_text_folded"),
    ]

    # How the search page (cong.search) shows this type's results: the kind it names ("Trang"
    # when None), the field holding the date it shows and filters on (the first publication
    # when None), and the text its snippet is cut from (search_snippet_text).
    search_result_label: str | Promise | None = None
    search_date_field: str | None = None

    class Meta:
        abstract = True

    def search_snippet_text(self) -> str:
        return self.search_description

    # The schema.org type of the page's JSON-LD node (a page type may change it or override
    # `metadata()`), and its Dublin Core type (DCMI vocabulary).
    schema_type = "WebPage"
    dc_type = "Text"

    def metadata_description(self) -> str:
        """The text that describes the page to search engines and social networks."""
        return self.search_description

    def metadata_site(self, request: Any = None) -> Site | None:
        """The request's site (cached by CachedSiteMiddleware), else the page's own."""
        site = Site.find_for_request(request) if request is not None else None
        return site or self.get_site()

    def metadata(self, request: Any = None) -> Any:
        """This page's Dublin Core, Open Graph and JSON-LD, as one `Metadata`
        (cong.core.metadata): title, canonical URL, description, dates, a WebPage node.
        Page types override it to say more (an article, a section, a legal document)."""
        from cong.core.metadata import Metadata, short, web_page_ld

        meta = Metadata(
            title=self.seo_title or self.title,
            url=self.get_full_url(request) or "",  # a page outside any site has none
            description=short(self.metadata_description()),
            dc_type=self.dc_type,
            published=self.first_published_at,
            modified=self.last_published_at,
        )
        meta.jsonld.append(web_page_ld(meta, self.schema_type))
        return meta

    def get_view_restrictions(self) -> Any:
        """Wagtail's, kept per page under the content version (adding, changing or removing
        a restriction, or moving a page, bumps it): every public page view asks, and on a
        site without restrictions the answer costs no query."""
        key = f"cong:view-restrictions:{content_version()}:{self.pk}"
        ids = versioned_get(key)
        if ids is None:
            ids = list(super().get_view_restrictions().values_list("pk", flat=True))
            versioned_set(key, ids, 3600)
        if not ids:
            return PageViewRestriction.objects.none()
        return PageViewRestriction.objects.filter(pk__in=ids)

    @classmethod
    def for_site(cls, site: Site | None) -> Any:
        """The site's first live page of this type (such as /van-ban/ or /hoi-dap/), or None.

        Looked up once per content version: on a site of 100,000 pages the tree query costs
        tens of milliseconds, and listings, sidebars and search ask for it on every request.
        """
        if site is None:
            return None
        key = f"for-site:{cls._meta.label_lower}:{site.pk}:{content_version()}"
        pk = versioned_get(key)
        if pk is None:
            found = cls.objects.live().descendant_of(site.root_page).first()
            versioned_set(key, found.pk if found else 0, 3600)
            return found
        return cls.objects.filter(pk=pk, live=True).first() if pk else None

    def search_title_folded(self) -> str:
        return fold(self.title).lower()

    def search_text_folded(self) -> str:
        parts = []
        for field in type(self).search_fields:
            if isinstance(field, index.SearchField) and field.field_name not in FOLDED_FIELDS + (
                "title",
            ):
                value = field.get_value(self)
                parts.append(
                    " ".join(map(str, value)) if isinstance(value, list) else str(value or "")
                )
        text = nfc(" ".join(parts))
        return f"{fold(text).lower()} {number_terms(text)}"

    def _set_core_field_defaults(self) -> None:
        self.title = nfc(self.title or "")
        if self.slug:
            self.slug = slugify_vi(self.slug)
        elif self.title and (self.path or getattr(self, "_cached_parent_obj", None)):
            self.slug = self._get_autogenerated_slug(slugify_vi(self.title))
        super()._set_core_field_defaults()


class SiteKind(models.TextChoices):
    """What kind of agency a site belongs to: its default sections follow from it, and a
    province's portal (`TINH`) aggregates its member sites."""

    SO = "so", _("Sở, ban, ngành")
    XA = "xa", _("UBND xã, phường")
    TINH = "tinh", _("Cổng thông tin tỉnh")


@register_setting(icon="site")
class AgencySettings(BaseSiteSetting):
    """Who publishes this site: shown in the header and the legally required footer."""

    kind = models.CharField(
        _("loại cơ quan"), max_length=8, choices=SiteKind.choices, default=SiteKind.SO
    )
    agency_name = models.CharField(_("tên cơ quan"), max_length=255, default="")
    parent_body = models.CharField(
        _("cơ quan chủ quản"),
        max_length=255,
        blank=True,
        help_text=_("Ví dụ: UBND tỉnh Thanh Hóa"),
    )
    area = models.CharField(
        _("địa bàn"),
        max_length=255,
        blank=True,
        help_text=_(
            "Nơi cơ quan quản lý, ví dụ: Tỉnh Thanh Hóa (siêu dữ liệu DC.coverage của mọi trang)."
        ),
    )
    site_title = models.CharField(
        _("tên trang thông tin điện tử"),
        max_length=255,
        blank=True,
        help_text=_("Để trống để dùng “Trang thông tin điện tử” + tên cơ quan."),
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("biểu trưng"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    licence_number = models.CharField(_("số giấy phép"), max_length=100, blank=True)
    licence_issuer = models.CharField(_("cơ quan cấp phép"), max_length=255, blank=True)
    licence_date = models.DateField(_("ngày cấp phép"), null=True, blank=True)
    responsible_person = models.CharField(
        _("người chịu trách nhiệm"),
        max_length=255,
        blank=True,
        help_text=_("Kèm danh xưng, ví dụ: Ông Đỗ Hữu Quyết"),
    )
    responsible_title = models.CharField(_("chức vụ"), max_length=255, blank=True)
    address = models.CharField(_("địa chỉ"), max_length=500, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=100, blank=True)
    fax = models.CharField(_("fax"), max_length=100, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    designed_by = models.CharField(_("đơn vị thiết kế"), max_length=255, blank=True)
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("trang chính sách bảo vệ dữ liệu cá nhân"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Các biểu mẫu gửi thông tin cá nhân dẫn đến trang này (NĐ 13/2023)."),
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("agency_name"),
                FieldPanel("kind"),
                FieldPanel("parent_body"),
                FieldPanel("area"),
                FieldPanel("site_title"),
                FieldPanel("logo"),
            ],
            heading=_("Cơ quan"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("licence_number"),
                FieldPanel("licence_issuer"),
                FieldPanel("licence_date"),
                FieldPanel("responsible_person"),
                FieldPanel("responsible_title"),
            ],
            heading=_("Giấy phép và trách nhiệm"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("address"),
                FieldPanel("phone"),
                FieldPanel("fax"),
                FieldPanel("email"),
                FieldPanel("designed_by"),
                FieldPanel("privacy_page"),
            ],
            heading=_("Liên hệ"),
        ),
    ]

    class Meta:
        verbose_name = _("thông tin cơ quan")

    def __str__(self) -> str:
        return self.agency_name

    @property
    def display_title(self) -> str:
        """The site's name as the footer shows it."""
        return self.site_title or gettext("Trang thông tin điện tử %(agency)s") % {
            "agency": self.agency_name
        }


class DailySalt(models.Model):
    """The secret of one local day (cong.core.clients); deleted after 48 hours so old
    visitor hashes cannot be linked."""

    day = models.DateField(unique=True)
    secret = models.BinaryField(max_length=32)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"salt {self.day}"


class SheetMapping(models.Model):
    """Which column of an office system's spreadsheet holds which field, as an editor of one
    site confirmed it for one kind of import ("schedule", …): the next sheet from the same
    system is read without asking again.

    `columns` maps a folded header (`cong.core.sheets.header_key`) to the importer's field
    name, or to "" for a column the editor chose to leave out.
    """

    site = models.ForeignKey(
        "wagtailcore.Site",
        verbose_name=_("website"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    kind = models.CharField(_("loại dữ liệu nhập"), max_length=40)
    columns = models.JSONField(_("ghép cột"), default=dict)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        verbose_name = _("cách ghép cột bảng tính")
        verbose_name_plural = _("cách ghép cột bảng tính")
        constraints = [
            models.UniqueConstraint(fields=["site", "kind"], name="core_sheetmapping_site_kind")
        ]

    def __str__(self) -> str:
        return f"{self.kind} ({self.site})"

    @classmethod
    def remembered(cls, site: Site, kind: str) -> dict[str, str]:
        """The columns confirmed last time on `site` for `kind`, or {}."""
        found = cls.objects.filter(site=site, kind=kind).values_list("columns", flat=True)
        return dict(found.first() or {})

    @classmethod
    def remember(cls, site: Site, kind: str, columns: dict[str, str]) -> None:
        """Keep `columns`, adding to what was known (a header of another export stays)."""
        known = cls.remembered(site, kind)
        known.update(columns)
        cls.objects.update_or_create(site=site, kind=kind, defaults={"columns": known})


class SiteGroup(models.Model):
    """A group that belongs to one agency's site ("Biên tập viên — UBND xã Đông Sơn").

    Its members see that site's records in the admin and nothing of the others
    (`cong.core.tenancy`). A group bound to no site is install-wide: the province's own
    staff, or the single agency of a one-site install, see every site through it.
    """

    group = models.OneToOneField(
        "auth.Group",
        verbose_name=_("nhóm"),
        on_delete=models.CASCADE,
        related_name="site_binding",
    )
    site = models.ForeignKey(
        "wagtailcore.Site",
        verbose_name=_("website"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    class Meta:
        verbose_name = _("nhóm của website")
        verbose_name_plural = _("nhóm của website")

    def __str__(self) -> str:
        return f"{self.group} ({self.site})"
