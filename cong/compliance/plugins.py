"""What the compliance app plugs into: purges of cached pages, and nginx's CSP map."""

from typing import Any

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.models import Site

from cong.core.signal_handlers import watch


def _write_map(**kwargs: Any) -> None:
    from cong.compliance.csp import write_nginx_map

    # After commit, and after the content version was bumped (cached settings reread).
    transaction.on_commit(write_nginx_map)


def register_all() -> None:
    from cong.compliance.models import MaintenanceWindow, MeasurementSettings

    # The banner is on every page. (MeasurementSettings is a site setting: core purges.)
    watch(MaintenanceWindow)
    for model in (MeasurementSettings, Site):
        post_save.connect(_write_map, sender=model, dispatch_uid=f"cong-csp-map-{model}")
        post_delete.connect(_write_map, sender=model, dispatch_uid=f"cong-csp-map-del-{model}")

    # Its duties in the self-check report "Mức độ đáp ứng quy định" (cong.core.duties).
    from cong.compliance.duties import register_duties

    register_duties()
