"""What administrative procedures plug into: search, and the purges of cached pages."""

from typing import Any

from django.utils.translation import gettext_lazy as _
from wagtail.models import Site

from cong.core.signal_handlers import watch
from cong.search.registry import Searchable, register


def _visible(site: Site | None) -> Any:
    """The site's published procedures, where it has a procedures page to show them on."""
    from cong.procedures.models import Procedure, ProcedureIndexPage

    if ProcedureIndexPage.for_site(site) is None:
        return None
    from cong.core.i18n import in_language

    return in_language(Procedure.objects.live().filter(site=site))


def _url(procedure: Any, site: Site | None) -> str:
    from cong.procedures.models import ProcedureIndexPage

    return ProcedureIndexPage.for_site(site).procedure_url(procedure)


def _snippet(procedure: Any) -> str:
    parts = [str(procedure.field), procedure.get_level_display(), procedure.code]
    return " · ".join(part for part in parts if part)


def register_all() -> None:
    from cong.procedures.models import Procedure, ProcedureField

    # The list and each procedure's page show them, and the field's name on every row.
    watch(Procedure, ProcedureField)
    register(
        Searchable(
            name="procedures",
            label=_("Thủ tục hành chính"),
            model=Procedure,
            date_field="updated_at",
            visible=_visible,
            url=_url,
            snippet=_snippet,
            title=lambda procedure: procedure.name,
            select_related=("field",),
            order=40,
        )
    )

    # Its duties in the self-check report "Mức độ đáp ứng quy định" (cong.core.duties).
    from cong.procedures.duties import register_duties

    register_duties()
