"""Create the bench anchor page (/bench-anchor/) under the default site's root page.

Its body is the seed-shaped article's text: the paragraphs of the article at bench's ARTICLE
address (or, without it, of the longest article), as rich text, so the anchor prints about as
much text as the article does. Idempotent: an existing anchor is left as it is.
"""

from django.core.management.base import BaseCommand
from django.utils.html import strip_tags
from wagtail.models import Site

from bench.anchor.models import AnchorPage

SLUG = "bench-anchor"
SEED_SLUG = "hoi-nghi-tap-huan-thong-tin-doi-ngoai-ve-quyen-con-nguoi-nam-2023"


def seed_body() -> str:
    from cong.news.models import ArticlePage

    article = ArticlePage.objects.filter(slug=SEED_SLUG).first()
    if article is None:
        article = max(ArticlePage.objects.all(), key=lambda a: len(str(a.body.raw_data)))
    parts = [f"<p>{article.lead}</p>"] if article.lead else []
    for block in article.body:
        if block.block_type == "paragraph":
            parts.append(block.value.source)
        elif block.block_type == "quote":
            parts.append(f"<p>{block.value['text']}</p>")
    return "\n".join(parts)


class Command(BaseCommand):
    help = "Create the bare-Wagtail anchor page of make bench (CONG_BENCH_ANCHOR=1)."

    def handle(self, *args, **options):
        site = Site.objects.get(is_default_site=True)
        existing = AnchorPage.objects.filter(slug=SLUG).first()
        if existing is None:
            body = seed_body()
            existing = AnchorPage(
                title="Trang neo đo hiệu năng: Wagtail tối giản", slug=SLUG, body=body
            )
            site.root_page.add_child(instance=existing)
            existing.save_revision().publish()
        url = existing.relative_url(site)
        self.stdout.write(f"{url} {len(strip_tags(existing.body))}")
