"""Demo procedures for `manage.py load_demo` (idempotent: only what is missing is added).

`data` is cong/demo/data/procedures.json: the page's title, slug and intro, and sample
procedures whose codes (MAU.xxxx) and links are marked as sample data.
"""

from django.utils import timezone
from wagtail.models import Page, Site

from cong.procedures.importer import documents_html
from cong.procedures.models import Procedure, ProcedureField, ProcedureIndexPage


def ensure_procedures(home: Page, site: Site, data: dict) -> ProcedureIndexPage:
    """The "Thủ tục hành chính" page under `home` (in the menu) and the site's procedures."""
    page = ProcedureIndexPage.objects.child_of(home).first()
    if page is None:
        page = ProcedureIndexPage(
            title=data["page"]["title"],
            slug=data["page"]["slug"],
            intro=data["page"]["intro"],
            show_in_menus=True,
        )
        home.add_child(instance=page)
        page.save_revision().publish()
    now = timezone.now()
    for order, item in enumerate(data["procedures"]):
        if Procedure.objects.filter(site=site, code=item["code"]).exists():
            continue
        field, _created = ProcedureField.objects.get_or_create(name=item["field"])
        Procedure.objects.create(
            site=site,
            name=item["name"],
            code=item["code"],
            field=field,
            level=item["level"],
            online_level=item["online_level"],
            national_url=item["national_url"],
            processing_time=item["processing_time"],
            fees=item["fees"],
            documents=documents_html("\n".join(item["documents"])),
            agency=item["agency"],
            legal_basis=item["legal_basis"],
            sort_order=order,
            live=True,
            first_published_at=now,
            last_published_at=now,
        )
    return page
