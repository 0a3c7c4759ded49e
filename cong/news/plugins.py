"""What the news app plugs into: the renditions its pictures are shown with."""

from cong.core.renditions import register_pictures

# templates/news/includes/teaser.html (every list), home_page.html (the lead article)
TEASER = "format-{avif,webp,jpeg} fill-{160x100,320x200}"
LEAD = "format-{avif,webp,jpeg} fill-{400x240,800x480}"


def register_all() -> None:
    from cong.news.models import OG_IMAGE, ArticlePage

    # The og:image is in every article's head; a featured article is the home page's lead.
    register_pictures(ArticlePage, "teaser_image", TEASER, OG_IMAGE)
    register_pictures(ArticlePage, "teaser_image", LEAD, only_if=lambda a: a.is_featured)
