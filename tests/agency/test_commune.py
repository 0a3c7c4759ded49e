"""`manage.py load_demo --kind xa`: a commune's layout instead of a department's."""

from cong.agency.models import InformationPage


def test_a_communes_layout_builds_with_one_command(db):
    from django.core.management import call_command

    from cong.agency.models import Leader, LeadersPage, OrganisationPage
    from cong.core.models import AgencySettings
    from cong.news.models import HomePage

    call_command("load_demo", kind="xa", verbosity=0)
    call_command("load_demo", kind="xa", verbosity=0)  # adds nothing twice
    home = HomePage.objects.get()
    assert AgencySettings.for_site(home.get_site()).agency_name == "UBND xã Quảng Tâm"
    intro = InformationPage.objects.get(slug="gioi-thieu")
    assert [p.title for p in intro.get_children()] == [
        "Bản đồ địa giới hành chính",
        "Điều kiện tự nhiên",
        "Lịch sử - Văn hóa - Di tích",
        "Bộ máy hành chính",
        "Lãnh đạo UBND xã",
    ]
    boundary = InformationPage.objects.get(slug="ban-do-dia-gioi-hanh-chinh")
    assert [block.block_type for block in boundary.body] == ["paragraph", "image"]
    assert OrganisationPage.objects.count() == LeadersPage.objects.count() == 1
    assert Leader.objects.current().count() == 2
    assert not HomePage.objects.filter(title="Văn bản").exists()
