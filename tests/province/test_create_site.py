"""create_site makes an agency's whole site in one step (cong.province.sites)."""

import pytest
from django.contrib.auth.models import Group
from wagtail.contrib.settings.registry import registry as settings_registry
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    GroupSitePermission,
    Page,
    Site,
    Workflow,
    WorkflowPage,
)

from cong.agency.models import InformationPage
from cong.core.models import AgencySettings, SiteGroup
from cong.documents.models import LegalDocumentIndexPage
from cong.editorial.roles import BIEN_TAP_VIEN, LANH_DAO_DUYET, PHONG_VIEN, QUAN_TRI, ROLES
from cong.news.models import CategoryPage, HomePage
from cong.participation.models import QuestionIndexPage
from cong.province.sites import SiteError, create_site
from cong.schedule.models import ScheduleIndexPage

pytestmark = pytest.mark.django_db

HOST = "so-tu-phap.localhost"
NAME = "Sở Tư pháp"
ROLE_NAMES = (PHONG_VIEN, BIEN_TAP_VIEN, LANH_DAO_DUYET, QUAN_TRI)


def perms(group):
    return {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()}


@pytest.mark.parametrize("kind", ["so", "xa", "tinh"])
def test_create_site_makes_the_site_its_home_and_default_sections(site, kind):
    made = create_site(HOST, NAME, kind)
    assert (made.hostname, made.port, made.site_name) == (HOST, 80, NAME)
    assert not made.is_default_site
    home = made.root_page.specific
    assert isinstance(home, HomePage) and home.live and home.title == NAME
    assert home.get_parent().pk == Page.get_first_root_node().pk
    children = {(type(p.specific), p.title) for p in home.get_children().live()}
    assert children >= {
        (CategoryPage, "Tin tức - Sự kiện"),
        (LegalDocumentIndexPage, "Văn bản"),
        (QuestionIndexPage, "Hỏi đáp"),
        (ScheduleIndexPage, "Lịch công tác"),
        (InformationPage, "Giới thiệu"),
    }
    settings = AgencySettings.objects.get(site=made)
    assert (settings.agency_name, settings.kind) == (NAME, kind)


def setting_models():
    return list(settings_registry)


def test_create_site_makes_four_bound_groups_with_the_roles_permissions(site):
    made = create_site(HOST, NAME)
    for role in ROLES:
        if role.name not in ROLE_NAMES:
            continue
        group = Group.objects.get(name=f"{role.name} — {NAME}")
        assert SiteGroup.objects.get(group=group).site == made
        install_wide = Group.objects.get(name=role.name)
        # The role's permissions but the install's own screens and the global settings
        # (a site's settings come through GroupSitePermission on that site only).
        kept_back = {
            p for p in perms(install_wide)
            if p.startswith(("auth.", "wagtailredirects.", "wagtailsearchpromotions."))
            or p.split(".")[1].split("_", 1)[-1] in ("site", "collection", "workflow", "task")
            or p in {f"{m._meta.app_label}.change_{m._meta.model_name}" for m in setting_models()}
        }  # fmt: skip
        assert perms(group) == perms(install_wide) - kept_back
        if role.settings:
            granted = GroupSitePermission.objects.filter(group=group)
            assert {g.site_id for g in granted} == {made.pk}
            assert "change_agencysettings" in {g.permission.codename for g in granted}
        pages = GroupPagePermission.objects.filter(group=group)
        assert {p.page_id for p in pages} == {made.root_page_id}
        assert {p.permission.codename for p in pages} == {f"{k}_page" for k in role.pages}
    assert not Group.objects.filter(name=f"Quản lý văn bản — {NAME}").exists()


def test_create_site_makes_its_collections_with_the_groups_permissions(site):
    create_site(HOST, NAME)
    root = Collection.get_first_root_node()
    images = root.get_children().get(name=f"Ảnh — {NAME}")
    documents = root.get_children().get(name=f"Tài liệu — {NAME}")
    writer = Group.objects.get(name=f"{PHONG_VIEN} — {NAME}")
    for collection in (images, documents):
        granted = GroupCollectionPermission.objects.filter(group=writer, collection=collection)
        assert {p.permission.codename for p in granted} >= {"add_image", "add_document"}
    # … and nothing on the root collection, which holds every other site's files.
    assert not GroupCollectionPermission.objects.filter(group=writer, collection=root).exists()


def test_create_site_gives_the_site_its_own_workflow(site):
    made = create_site(HOST, NAME)
    workflow = WorkflowPage.objects.get(page_id=made.root_page_id).workflow
    assert workflow.name == f"Biên tập → Duyệt — {NAME}"
    tasks = [task.specific for task in workflow.tasks.order_by("workflow_tasks__sort_order")]
    assert [list(t.groups.values_list("name", flat=True)) for t in tasks] == [
        [f"{BIEN_TAP_VIEN} — {NAME}"],
        [f"{LANH_DAO_DUYET} — {NAME}"],
    ]
    # A new page of the site goes through it.
    section = CategoryPage.objects.child_of(made.root_page).first()
    assert section.get_workflow() == workflow


def test_create_site_twice_returns_the_same_site_and_completes_what_is_missing(site):
    first = create_site(HOST, NAME, "xa")
    Group.objects.get(name=f"{PHONG_VIEN} — {NAME}").delete()
    ScheduleIndexPage.objects.child_of(first.root_page).get().delete()
    counts = (Site.objects.count(), Page.objects.count(), Collection.objects.count())
    again = create_site(f" {HOST.upper()} ", NAME, "xa")
    assert again.pk == first.pk
    assert Group.objects.filter(name=f"{PHONG_VIEN} — {NAME}").exists()
    assert ScheduleIndexPage.objects.child_of(first.root_page).exists()
    assert (Site.objects.count(), Page.objects.count() - 1, Collection.objects.count()) == counts
    assert Workflow.objects.filter(name__endswith=NAME).count() == 1
    assert Group.objects.filter(name__endswith=f"— {NAME}").count() == 4


@pytest.mark.parametrize(
    "host",
    [
        "http://so-tu-phap.localhost",
        "so-tu-phap.localhost:8000",
        "so-tu-phap.localhost/trang",
        "so tu phap.localhost",
        "-so.localhost",
        "so..localhost",
        "",
    ],
)
def test_create_site_refuses_a_bad_host_and_makes_nothing(site, host):
    before = (Site.objects.count(), Page.objects.count(), Group.objects.count())
    with pytest.raises(SiteError) as refused:
        create_site(host, NAME)
    assert "tên miền" in str(refused.value).lower()
    assert (Site.objects.count(), Page.objects.count(), Group.objects.count()) == before


def test_create_site_refuses_a_host_already_used_by_another_site(site):
    create_site(HOST, NAME)
    with pytest.raises(SiteError, match="đã dùng cho website “Sở Tư pháp”"):
        create_site(HOST, "UBND xã Đông Sơn")
    assert not Group.objects.filter(name__endswith="Đông Sơn").exists()


def test_create_site_refuses_a_name_already_used_on_another_host(site):
    create_site(HOST, NAME)
    with pytest.raises(SiteError, match="Đã có website mang tên"):
        create_site("khac.localhost", NAME)


def test_a_failure_half_way_leaves_nothing(site, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("hỏng giữa chừng")

    monkeypatch.setattr("cong.province.sites.ensure_site_workflow", broken)
    with pytest.raises(RuntimeError):
        create_site(HOST, NAME)
    assert not Site.objects.filter(hostname=HOST).exists()
    assert not HomePage.objects.filter(title=NAME).exists()
    assert not Group.objects.filter(name__endswith=NAME).exists()
