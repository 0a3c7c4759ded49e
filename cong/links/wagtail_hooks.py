from wagtail.snippets.models import register_snippet

from cong.links.viewsets import LinkGroupViewSet

register_snippet(LinkGroupViewSet)
