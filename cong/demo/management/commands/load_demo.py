"""Load the demo site: Sở Thông tin và Truyền thông Thanh Hóa, its sections and articles,
legal documents, questions and answers, and draft consultations."""

import io
import json
import secrets
from datetime import date, datetime
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Site
from wagtail.rich_text import RichText

from cong.agency.demo import ensure_agency
from cong.agency.models import AgencyContacts
from cong.core.models import AgencySettings
from cong.core.text import slugify_vi
from cong.demo.pdfs import document_pdf
from cong.demo.photos import ILLUSTRATION_CREDIT, demo_photo
from cong.disclosure.demo import ensure_disclosure
from cong.documents.models import (
    DocumentField,
    DocumentType,
    IssuingBody,
    LegalDocument,
    LegalDocumentFile,
    LegalDocumentIndexPage,
    number_key,
)
from cong.links.models import Link, LinkGroup
from cong.news.models import ArticlePage, ArticleRelatedLink, CategoryPage, HomePage
from cong.participation.demo import ensure_participation
from cong.procedures.demo import ensure_procedures
from cong.province.demo import ensure_province
from cong.schedule.demo import ensure_schedule
from cong.translations.demo import ensure_english
from cong.visits.models import VisitSettings

Document = get_document_model()
DATA_DIR = Path(__file__).resolve().parents[2] / "data"
KINDS = ["so", "xa"]
TEASER_SCENES = ["computer", "meeting", "outdoor", "classroom", "landscape", "signing", "hall"]


class Command(BaseCommand):
    @property
    def help(self) -> str:  # type: ignore[override]
        return _("Tải website mẫu (Sở TT&TT Thanh Hóa). Chạy lại nhiều lần không tạo bản trùng.")

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help=_("Chỉ tải khi cơ sở dữ liệu chưa có trang chủ của Cổng."),
        )
        parser.add_argument(
            "--kind",
            choices=KINDS,
            default="so",
            help=_(
                "Loại cơ quan của website mẫu: so (một Sở: tin tức, văn bản, hỏi đáp, giới "
                "thiệu, cơ cấu tổ chức…) hoặc xa (UBND xã: bộ máy hành chính, bản đồ địa giới, "
                "điều kiện tự nhiên, lịch sử - văn hóa - di tích)."
            ),
        )
        parser.add_argument(
            "--province",
            action="store_true",
            help=_(
                "Thêm chế độ Cổng tỉnh: Cổng thông tin tỉnh (tinh.localhost), Sở Tư pháp "
                "(so-tu-phap.localhost) và UBND xã Đông Sơn (xa-dong-son.localhost), mỗi website "
                "vài bài viết và một tài khoản biên tập riêng (docs/province.md)."
            ),
        )

    def handle(self, *args, if_empty=False, kind="so", province=False, **options):
        if if_empty and HomePage.objects.exists():
            self.stdout.write(_("Đã có dữ liệu, bỏ qua việc tải website mẫu."))
            return
        if province and kind != "so":
            raise CommandError(_("--province dùng với website mẫu của Sở (--kind so)."))
        data_dir = DATA_DIR if kind == "so" else DATA_DIR / kind
        site_data = json.loads((data_dir / "site.json").read_text(encoding="utf-8"))
        articles_data = json.loads((data_dir / "articles.json").read_text(encoding="utf-8"))
        with transaction.atomic():
            home, site = self.ensure_home(site_data["home"])
            self.ensure_settings(site, site_data)
            self.ensure_links(site, site_data["link_groups"])
            created = self.ensure_articles(home, articles_data["sections"])
            if kind == "xa":
                self.ensure_commune(home, site, data_dir)
            else:
                self.ensure_department(home, site)
                # The English version: home, introduction, functions, organisation,
                # leaders, contacts, three news items (cong/translations/demo.py).
                ensure_english(home, site)
        self.stdout.write(
            self.style.SUCCESS(
                _("Website mẫu sẵn sàng (%(count)d bài viết mới).") % {"count": created}
            )
        )
        self.ensure_admin()
        if province:
            self.ensure_province(site)

    def ensure_province(self, site):
        """The province's portal, a second Sở and a commune beside the demo Sở, each with its
        own editor (cong.province.demo)."""
        with transaction.atomic():
            logins = ensure_province(site, demo_photo)
        for login in logins:
            address = f"http://{login.site.hostname}:8000/"
            if login.password is None:
                line = _("%(site)s (%(address)s): tài khoản biên tập %(user)s đã có.")
            else:
                line = _(
                    "%(site)s (%(address)s): đã tạo tài khoản biên tập %(user)s / %(password)s "
                    "(hãy đổi mật khẩu sau khi đăng nhập)."
                )
            self.stdout.write(
                self.style.WARNING(
                    line
                    % {
                        "site": login.site.site_name,
                        "address": address,
                        "user": login.username,
                        "password": login.password,
                    }
                )
            )

    def ensure_commune(self, home, site, data_dir):
        """A commune's layout (ND 224/2026 Art. 9(1)(c)): its apparatus, leaders, boundary
        map, natural conditions, history, culture and relics; Hỏi đáp and Liên hệ."""
        agency = json.loads((data_dir / "agency.json").read_text(encoding="utf-8"))
        ensure_agency(home, site, agency, self.ensure_image)
        participation = json.loads((DATA_DIR / "participation.json").read_text(encoding="utf-8"))
        commune = {**participation, "questions": [], "consultations": []}
        ensure_participation(home, site, commune, document_pdf)

    def ensure_department(self, home, site):
        """A department's (Sở) sections beside its news."""

        def load(name):
            return json.loads((DATA_DIR / name).read_text(encoding="utf-8"))

        self.ensure_documents(home, load("documents.json"))
        ensure_participation(home, site, load("participation.json"), document_pdf)
        ensure_agency(home, site, load("agency.json"), self.ensure_image)
        ensure_procedures(home, site, load("procedures.json"))
        ensure_schedule(home, site)
        press = ensure_disclosure(home, site, load("disclosure.json"), document_pdf)
        contacts = AgencyContacts.for_site(site)
        if contacts.press_releases_id is None:  # the spokesperson's box links the statements
            contacts.press_releases = press
            contacts.save()

    def ensure_home(self, data):
        site = Site.objects.filter(is_default_site=True).first()
        home = HomePage.objects.first()
        if home is None:
            root = Page.get_first_root_node()
            home = root.add_child(
                instance=HomePage(title=data["title"], slug="trang-chu", intro=data["intro"])
            )
            home.save_revision().publish()
        if site is None:
            site = Site.objects.create(
                hostname="localhost",
                port=80,
                root_page=home,
                is_default_site=True,
                site_name=data.get("site_name", "Sở TT&TT Thanh Hóa"),
            )
        elif site.root_page_id != home.pk:
            old_root = site.root_page
            site.root_page = home
            site.site_name = site.site_name or data.get("site_name", "Sở TT&TT Thanh Hóa")
            site.save()
            # Wagtail's own "Welcome" page is replaced, never an editor's page.
            if type(old_root.specific) is Page and old_root.is_leaf():
                old_root.delete()
        return home, site

    def ensure_settings(self, site, data):
        agency = AgencySettings.for_site(site)
        for field, value in data["agency"].items():
            if field == "licence_date":
                value = date.fromisoformat(value)
            setattr(agency, field, value)
        agency.save()
        visits = VisitSettings.for_site(site)
        visits.total_baseline = data["visits"]["total_baseline"]
        visits.save()

    def ensure_links(self, site, groups):
        for order, group_data in enumerate(groups):
            group, _created = LinkGroup.objects.get_or_create(
                site=site, title=group_data["title"], defaults={"sort_order": order}
            )
            existing = set(group.links.values_list("url", flat=True))
            for position, (title, url) in enumerate(group_data["links"]):
                if url not in existing:
                    Link.objects.create(group=group, title=title, url=url, sort_order=position)

    def ensure_articles(self, home, sections) -> int:
        created = {}
        by_key = {}
        for section_data in sections:
            section = self.ensure_section(home, section_data)
            for index, data in enumerate(section_data["articles"]):
                slug = slugify_vi(data["title"])
                article = ArticlePage.objects.child_of(section).filter(slug=slug).first()
                if article is None:
                    article = self.create_article(section, data, index)
                    created[data["key"]] = article
                by_key[data["key"]] = article
        for section_data in sections:
            for data in section_data["articles"]:
                article = created.get(data["key"])
                if article and data.get("related"):
                    for order, key in enumerate(data["related"]):
                        ArticleRelatedLink(
                            page=article, related_page=by_key[key], sort_order=order
                        ).save()
        return len(created)

    def ensure_section(self, home, data):
        slug = slugify_vi(data["title"])
        section = CategoryPage.objects.child_of(home).filter(slug=slug).first()
        if section is None:
            section = home.add_child(
                instance=CategoryPage(
                    title=data["title"],
                    slug=slug,
                    intro=f"<p>{data['intro']}</p>",
                    show_in_menus=True,
                )
            )
            section.save_revision().publish()
        return section

    def create_article(self, section, data, index):
        when = timezone.make_aware(datetime.fromisoformat(data["date"]))
        body = []
        featured = None
        for block in data["body"]:
            kind = block["type"]
            if kind == "paragraph":
                body.append(("paragraph", RichText(f"<p>{block['text']}</p>")))
            elif kind == "image":
                image = self.ensure_image(
                    block["photo"], block["scene"], block["caption"], block["alt"]
                )
                featured = featured or image
                body.append(
                    (
                        "image",
                        {
                            "image": image,
                            "alt": block["alt"],
                            "caption": block["caption"],
                            "credit": block.get("credit", str(ILLUSTRATION_CREDIT)),
                        },
                    )
                )
            elif kind == "quote":
                body.append(
                    ("quote", {"text": block["text"], "attribution": block.get("attribution", "")})
                )
            elif kind == "table":
                body.append(
                    (
                        "table",
                        {
                            "data": [block["header"], *block["rows"]],
                            "first_row_is_table_header": True,
                            "first_col_is_header": False,
                            "table_caption": block.get("caption", ""),
                        },
                    )
                )
        if featured is None:
            scene = TEASER_SCENES[index % len(TEASER_SCENES)]
            featured = self.ensure_image(
                f"teaser-{data['key']}", scene, data["title"], f"Ảnh minh họa: {data['title']}"
            )
        article = ArticlePage(
            title=data["title"],
            lead=data["lead"],
            body=body,
            date=when,
            author_names=data.get("authors", ""),
            author_unit=data.get("unit", ""),
            source=data.get("source", ""),
            is_featured=data.get("featured", False),
            featured_image=featured,
            first_published_at=when,
        )
        section.add_child(instance=article)
        article.tags.add(*data.get("tags", []))
        article.save()
        article.save_revision().publish()
        return article

    def ensure_documents(self, home, data):
        """The documents page and demo legal documents, each with a generated PDF."""
        if not LegalDocumentIndexPage.objects.child_of(home).exists():
            index = home.add_child(
                instance=LegalDocumentIndexPage(title="Văn bản", slug="van-ban", show_in_menus=True)
            )
            index.save_revision().publish()
        fields = {n: DocumentField.objects.get_or_create(name=n)[0] for n in data["fields"]}
        site = home.get_site()
        by_number = {}
        for item in data["documents"]:
            body = IssuingBody.objects.get_or_create(name=item["body"])[0]
            document = LegalDocument.objects.filter(
                site=site, issuing_body=body, number_key=number_key(item["number"])
            ).first()
            if document is None:
                document = LegalDocument(
                    site=site,
                    number=item["number"],
                    doc_type=DocumentType.objects.get(name=item["type"]),
                    issuing_body=body,
                    field=fields.get(item.get("field")),
                    signer=item.get("signer", ""),
                    summary=item["summary"],
                    issued_on=date.fromisoformat(item["issued"]),
                    effective_on=date.fromisoformat(item["effective"])
                    if item.get("effective")
                    else None,
                    expires_on=date.fromisoformat(item["expires"]) if item.get("expires") else None,
                )
                pdf = Document(title=f"{item['type']} {item['number']}")
                name = f"{slugify_vi(item['type'] + ' ' + item['number'])}.pdf"
                content = document_pdf(
                    f"{item['type'].upper()} số {item['number']}",
                    [
                        item["summary"],
                        f"Cơ quan ban hành: {item['body']}",
                        f"Ngày ban hành: {date.fromisoformat(item['issued']):%d/%m/%Y}",
                    ],
                )
                pdf.file.save(name, ContentFile(content), save=False)
                pdf.file_size = len(content)
                pdf.save()
                document.files.add(LegalDocumentFile(document=pdf, sort_order=0))
                document.save()
                document.save_revision().publish()
            by_number[item["number"]] = (document, item)
        for document, item in by_number.values():
            replaces = [by_number[n][0] for n in item.get("replaces", [])]
            amends = [by_number[n][0] for n in item.get("amends", [])]
            if replaces or amends:
                document.replaces.set(replaces)
                document.amends.set(amends)
                document.save()

    def ensure_image(self, key, scene, title, alt):
        Image = get_image_model()
        title = title[:255]
        image = Image.objects.filter(title=title).first()
        if image is None:
            photo = ImageFile(io.BytesIO(demo_photo(scene, key)), name=f"demo-{key}.jpg")
            image = Image(title=title, description=alt[:255], file=photo)
            image.save()
        return image

    def ensure_admin(self):
        User = get_user_model()
        if User.objects.filter(is_superuser=True).exists():
            return
        password = secrets.token_urlsafe(12)
        User.objects.create_superuser("admin", "admin@localhost", password)
        self.stdout.write(
            self.style.WARNING(
                _(
                    "Đã tạo tài khoản quản trị: admin / %(password)s "
                    "(hãy đổi mật khẩu sau khi đăng nhập)."
                )
                % {"password": password}
            )
        )
