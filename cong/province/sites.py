"""Create an agency's site in one step (province mode): `create_site(host, name, kind)`.

One call makes, in one transaction and only what is missing (a second call with the same host
and name completes a site and changes nothing else):

- the Wagtail Site (the host, port 80) and its home page under the tree root, with the default
  sections of its kind (Giới thiệu, Tin tức - Sự kiện, Văn bản, Hỏi đáp, Lịch công tác, …);
- its AgencySettings (agency name, kind);
- an image and a document collection named after it;
- the site's four groups ("Phóng viên — <name>", …) with the model permissions of the
  install-wide roles (cong.editorial.roles.ROLES), page permissions on the site's home page
  (and its English translation, once made) only and collection permissions on its
  collections, each bound to the site (core.SiteGroup);
- the approval workflow "Biên tập → Duyệt — <name>" whose steps the site's own editors and
  leaders approve, assigned to the site's home page.
"""

import re
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    GroupSitePermission,
    Page,
    Site,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from cong.agency.models import InformationPage
from cong.core.models import AgencySettings, SiteGroup, SiteKind
from cong.core.text import slugify_vi
from cong.documents.models import LegalDocumentIndexPage
from cong.editorial.roles import (
    BIEN_TAP_VIEN,
    LANH_DAO_DUYET,
    PHONG_VIEN,
    QUAN_TRI,
    ROLES,
    PermissionIndex,
    Role,
    setting_permissions,
)
from cong.editorial.workflow import TASKS, WORKFLOW_NAME, add_to_document_steps
from cong.news.models import CategoryPage, HomePage
from cong.participation.models import ConsultationIndexPage, ContactPage, QuestionIndexPage
from cong.procedures.models import ProcedureIndexPage
from cong.schedule.models import ScheduleIndexPage

# The roles each site has its own group of (the clerks' role stays install-wide).
SITE_ROLES = (PHONG_VIEN, BIEN_TAP_VIEN, LANH_DAO_DUYET, QUAN_TRI)
PORT = 80
_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")


class SiteError(ValueError):
    """A site that cannot be created as asked (the message says why, in Vietnamese)."""


@dataclass(frozen=True)
class Section:
    model: type[Page]
    title: str
    slug: str
    fields: tuple[tuple[str, Any], ...] = ()


_INTRODUCTION = Section(
    InformationPage,
    "Giới thiệu",
    "gioi-thieu",
    (("summary", "Chức năng, nhiệm vụ, cơ cấu tổ chức và lãnh đạo của cơ quan."),),
)
_NEWS = Section(CategoryPage, "Tin tức - Sự kiện", "tin-tuc-su-kien")
_DOCUMENTS = Section(LegalDocumentIndexPage, "Văn bản", "van-ban")
_PROCEDURES = Section(ProcedureIndexPage, "Thủ tục hành chính", "thu-tuc-hanh-chinh")
_QUESTIONS = Section(QuestionIndexPage, "Hỏi đáp", "hoi-dap")
_CONSULTATIONS = Section(ConsultationIndexPage, "Góp ý dự thảo", "gop-y-du-thao")
_SCHEDULE = Section(
    ScheduleIndexPage,
    "Lịch công tác",
    "lich-cong-tac",
    (("intro", "Lịch công tác tuần của lãnh đạo cơ quan."),),
)
_CONTACT = Section(ContactPage, "Liên hệ", "lien-he")

# The sections a new site starts with, in menu order, by kind of agency.
SECTIONS: dict[str, tuple[Section, ...]] = {
    SiteKind.SO: (
        _INTRODUCTION,
        _NEWS,
        _DOCUMENTS,
        _PROCEDURES,
        _QUESTIONS,
        _CONSULTATIONS,
        _SCHEDULE,
        _CONTACT,
    ),
    SiteKind.XA: (
        _INTRODUCTION,
        _NEWS,
        Section(CategoryPage, "Thông báo", "thong-bao"),
        _DOCUMENTS,
        _PROCEDURES,
        _QUESTIONS,
        _SCHEDULE,
        _CONTACT,
    ),
    SiteKind.TINH: (
        _INTRODUCTION,
        _NEWS,
        _DOCUMENTS,
        _PROCEDURES,
        _QUESTIONS,
        _CONSULTATIONS,
        _SCHEDULE,
        _CONTACT,
    ),
}


def clean_host(host: str) -> str:
    """`host` as a lower-case DNS name (an internationalised name in its ASCII form).

    >>> clean_host(" Tinh.ThanhHoa.gov.vn ")
    'tinh.thanhhoa.gov.vn'
    >>> clean_host("http://a.localhost/")
    Traceback (most recent call last):
    ...
    cong.province.sites.SiteError: Tên miền “http://a.localhost/” không hợp lệ: chỉ ghi tên miền, không kèm http://, cổng hay đường dẫn (ví dụ: soyte.thanhhoa.gov.vn).
    """
    cleaned = (host or "").strip().lower().rstrip(".")
    if not cleaned:
        raise SiteError(_("Hãy nhập tên miền của website (ví dụ: soyte.thanhhoa.gov.vn)."))
    if any(mark in cleaned for mark in ("://", "/", ":", "?", "#", "@")):
        raise SiteError(
            _(
                "Tên miền “%(host)s” không hợp lệ: chỉ ghi tên miền, không kèm http://, cổng "
                "hay đường dẫn (ví dụ: soyte.thanhhoa.gov.vn)."
            )
            % {"host": host.strip()}
        )
    try:
        ascii_host = cleaned.encode("idna").decode("ascii")
    except UnicodeError:
        ascii_host = ""
    labels = ascii_host.split(".")
    if not ascii_host or len(ascii_host) > 253 or not all(_LABEL.match(x) for x in labels):
        raise SiteError(
            _(
                "Tên miền “%(host)s” không hợp lệ: chỉ gồm chữ cái, chữ số, dấu gạch ngang và "
                "dấu chấm (ví dụ: soyte.thanhhoa.gov.vn)."
            )
            % {"host": host.strip()}
        )
    return ascii_host


def _check_name(name: str) -> str:
    name = " ".join((name or "").split())
    if not name:
        raise SiteError(_("Hãy nhập tên cơ quan của website."))
    if len(name) > 200:
        raise SiteError(_("Tên cơ quan quá dài (tối đa 200 ký tự)."))
    return name


def create_site(host: str, name: str, kind: str = SiteKind.SO) -> Site:
    """The site of agency `name` at `host` with everything it needs (see the module)."""
    hostname = clean_host(host)
    name = _check_name(name)
    if kind not in SiteKind.values:
        raise SiteError(
            _("Loại cơ quan “%(kind)s” không hợp lệ: chọn một trong %(kinds)s.")
            % {"kind": kind, "kinds": ", ".join(SiteKind.values)}
        )
    with transaction.atomic():
        site = Site.objects.select_for_update().filter(hostname=hostname, port=PORT).first()
        if site is not None and site.site_name != name:
            raise SiteError(
                _("Tên miền “%(host)s” đã dùng cho website “%(other)s”.")
                % {"host": hostname, "other": site.site_name or hostname}
            )
        other = Site.objects.filter(site_name=name).exclude(hostname=hostname, port=PORT)
        if other.exists():
            raise SiteError(
                _("Đã có website mang tên “%(name)s” (tên miền %(host)s).")
                % {"name": name, "host": other.first().hostname}
            )
        if site is None:
            home = _new_home(hostname, name)
            site = Site.objects.create(hostname=hostname, port=PORT, root_page=home, site_name=name)
        home = site.root_page.specific
        if not AgencySettings.objects.filter(site=site).exists():
            AgencySettings.objects.create(site=site, agency_name=name, kind=kind)
        kind = AgencySettings.for_site(site).kind
        ensure_sections(home, kind)
        collections = ensure_collections(site)
        groups = ensure_site_groups(site, collections)
        ensure_site_workflow(site, groups)
        add_to_document_steps(groups)
    return site


def _new_home(hostname: str, name: str) -> HomePage:
    root = Page.get_first_root_node()
    base = slugify_vi(hostname.replace(".", "-"))[:200] or "trang-chu"
    slug, n = base, 1
    while Page.objects.child_of(root).filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    home = root.add_child(instance=HomePage(title=name, slug=slug))
    home.save_revision().publish()
    return home


def ensure_sections(home: HomePage, kind: str) -> list[Page]:
    """The default sections of `kind` under `home`, each created and published if missing."""
    made = []
    for section in SECTIONS[kind]:
        existing = section.model.objects.child_of(home)
        if section.model is CategoryPage or section.model is InformationPage:
            existing = existing.filter(slug=section.slug)
        page = existing.first()
        if page is None:
            page = section.model(
                title=section.title, slug=section.slug, show_in_menus=True, **dict(section.fields)
            )
            home.add_child(instance=page)
            page.save_revision().publish()
        made.append(page)
    return made


def collection_names(site: Site) -> tuple[str, str]:
    return (
        _("Ảnh — %(name)s") % {"name": site.site_name},
        _("Tài liệu — %(name)s") % {"name": site.site_name},
    )


def ensure_collections(site: Site) -> list[Collection]:
    """The site's image collection and document collection (children of the root)."""
    root = Collection.get_first_root_node()
    found = []
    for name in collection_names(site):
        collection = root.get_children().filter(name=name).first()
        if collection is None:
            collection = root.add_child(instance=Collection(name=name))
        found.append(collection)
    return found


# What a site's own groups never get, although the install-wide role of the same name has it:
# the screens behind them (users, groups, sites, collections, workflows, redirects, search
# promotions) are the whole install's, so a site's "Quản trị" holding them could make
# themself a province administrator or rename another agency's site.
INSTALL_WIDE_PERMISSIONS = (
    "auth.*_user",
    "auth.*_group",
    "wagtailcore.*_site",
    "wagtailcore.*_collection",
    "wagtailcore.*_workflow",
    "wagtailcore.*_task",
    "wagtailredirects.*",
    "wagtailsearchpromotions.*",
)


def site_setting_permissions() -> list[str]:
    """The change permission of every per-site Wagtail setting (BaseSiteSetting)."""
    from wagtail.contrib.settings.models import BaseSiteSetting
    from wagtail.contrib.settings.registry import registry

    return [
        f"{m._meta.app_label}.change_{m._meta.model_name}"
        for m in registry
        if issubclass(m, BaseSiteSetting)
    ]


def group_name(role: str, site: Site) -> str:
    return f"{role} — {site.site_name}"


def ensure_site_group(
    role: Role | str,
    site: Site,
    collections: list[Collection] | None = None,
    index: PermissionIndex | None = None,
) -> Group:
    """`role`'s group of `site`: the role's model permissions, its page permissions on the
    site's home page only, its collection permissions on `collections`, bound to the site."""
    if isinstance(role, str):
        role = next(r for r in ROLES if r.name == role)
    index = index or PermissionIndex()
    group, _created = Group.objects.get_or_create(name=group_name(role.name, site))
    # Never a setting's global permission (it would open every site's settings; even a
    # pattern such as "agency.*" in the role matches one).
    install_wide = index.find(INSTALL_WIDE_PERMISSIONS + tuple(setting_permissions()))
    group.permissions.add(*(set(index.find(role.permissions)) - set(install_wide)))
    group.permissions.remove(*install_wide)  # a group made before this rule loses them
    if role.settings:
        # This site's settings only (Wagtail's GroupSitePermission), never another site's
        # nor the install-wide ones.
        for permission in index.find(site_setting_permissions()):
            GroupSitePermission.objects.get_or_create(group=group, site=site, permission=permission)
    # The home page and its translations (the English home, a sibling of it under the tree
    # root): the site's editors edit both trees (cong.editorial.translation).
    homes = list(site.root_page.get_translations(inclusive=True).values_list("pk", flat=True))
    for permission in index.find(f"wagtailcore.{kind}_page" for kind in role.pages):
        for home_id in homes:
            GroupPagePermission.objects.get_or_create(
                group=group, page_id=home_id, permission=permission
            )
    for collection in collections or ():
        for permission in index.find(role.collections):
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=collection, permission=permission
            )
    binding = SiteGroup.objects.filter(group=group).first()
    if binding is None:
        SiteGroup.objects.create(group=group, site=site)
    elif binding.site_id != site.pk:
        raise SiteError(_("Nhóm “%(group)s” đã thuộc website khác.") % {"group": group.name})
    return group


def ensure_site_groups(site: Site, collections: list[Collection]) -> dict[str, Group]:
    index = PermissionIndex()
    return {
        role.name: ensure_site_group(role, site, collections, index)
        for role in ROLES
        if role.name in SITE_ROLES
    }


def ensure_site_workflow(site: Site, groups: dict[str, Group]) -> Workflow:
    """The workflow "Biên tập → Duyệt — <name>": its steps approved by the site's own editors and
    leaders, assigned to the site's home page (replacing the install-wide one there)."""
    workflow, _created = Workflow.objects.get_or_create(
        name=f"{WORKFLOW_NAME} — {site.site_name}", defaults={"active": True}
    )
    if not WorkflowTask.objects.filter(workflow=workflow).exists():
        for order, (step, role) in enumerate(TASKS):
            task = GroupApprovalTask.objects.create(name=f"{step} — {site.site_name}", active=True)
            task.groups.add(groups[role])
            WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=order)
    current = WorkflowPage.objects.filter(page_id=site.root_page_id).first()
    if current is None:
        WorkflowPage.objects.create(page_id=site.root_page_id, workflow=workflow)
    elif current.workflow.name == WORKFLOW_NAME:  # the install-wide one, never an admin's choice
        current.workflow = workflow
        current.save(update_fields=["workflow"])
    return workflow
