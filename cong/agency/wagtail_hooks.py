from wagtail.snippets.models import register_snippet

from cong.agency.viewsets import AgencyGroup

register_snippet(AgencyGroup)
