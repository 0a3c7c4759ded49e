from wagtail.fields import RichTextField
from wagtail.models import Page


class AnchorPage(Page):
    """Wagtail as it comes: a title and a rich-text body, no Cổng base class or template."""

    body = RichTextField(blank=True)

    content_panels = [*Page.content_panels, "body"]

    class Meta:
        verbose_name = "bench anchor page"

    # Only the bench creates it (create_bench_anchor), never an editor.
    parent_page_types: list[str] = []
    subpage_types: list[str] = []
