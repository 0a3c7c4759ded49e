from wagtail.snippets.models import register_snippet

from cong.compliance.viewsets import MaintenanceWindowViewSet

register_snippet(MaintenanceWindowViewSet)
