"""Which schedule page an admin request may add weeks to (copy, import, sample sheet).

In province mode each agency's schedule page lives on its own site: the user must be
allowed by Wagtail's page permissions to add a week under it (else 403, which is all an
agency's editor meets on another agency's page, their page permissions being on their own
site's tree), and the page must also belong to a site the user works for (else 404, as for
every other site's record in cong.core.tenancy), whatever page permission was granted.
Everything the views then do (the remembered column mapping, the leaders a row may name)
follows the page's own site, never the admin address's.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from cong.core.tenancy import sites_of
from cong.schedule.models import ScheduleIndexPage


def index_for(request: HttpRequest, index_id: int) -> ScheduleIndexPage:
    index = get_object_or_404(ScheduleIndexPage, pk=index_id)
    if not index.permissions_for_user(request.user).can_add_subpage():
        raise PermissionDenied
    site = index.get_site()
    if site is None or not sites_of(request.user).allows(site.pk):
        raise Http404
    return index
