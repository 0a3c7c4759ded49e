"""`{% picture %}` and `{% image %}` whose markup is remembered (issue 20, docs/performance.md).

Wagtail's tags look up every rendition of a `<picture>` on each render: three formats × two or
three widths is six to nine renditions, read from the cache and then, in Wagtail 8.0.1, all
written back to it (docs/wagtail-internals.md, item 17). An article with three photos, its
teasers and the og:image made about 28 Redis writes and a quarter of the article's CPU.

What the tags print depends only on the image's file and focal point, the filter specs and
the attributes, so the markup is kept under a key made of exactly these: in this process
(a bounded dictionary) and in the shared cache, with no expiry tied to content changes. A
new file or focal point is a new key; editing a page never invalidates it. Markup that names
a missing file ("not-found") is never kept.

Load after `wagtailimages_tags`: `{% load wagtailimages_tags pictures %}`; the `as` forms
are Wagtail's own.
"""

import hashlib
from collections import OrderedDict
from typing import Any

from django import template
from django.core.cache import cache
from django.utils.safestring import SafeString, mark_safe
from wagtail.images.templatetags.wagtailimages_tags import ImageNode, PictureNode, image

register = template.Library()

IN_PROCESS = 4096  # markups kept per process (a few hundred bytes each)
TIMEOUT = 30 * 24 * 3600  # in the shared cache: a month, renewed on a miss
_markup: OrderedDict[str, str] = OrderedDict()


def forget_pictures() -> None:
    """Empty this process's copy (tests, after the shared cache is cleared)."""
    _markup.clear()


def markup_key(kind: str, img: Any, specs: list[str], attrs: dict[str, Any]) -> str:
    """What `kind` of markup depends on: the file, the focal point, the specs, the attributes."""
    parts = [
        kind,
        str(img.pk),
        img.file.name,
        img.file_hash or "",
        str(img.file_size or ""),
        repr(
            (
                img.focal_point_x,
                img.focal_point_y,
                img.focal_point_width,
                img.focal_point_height,
            )
        ),
        "|".join(specs),
        repr(sorted((str(k), str(v)) for k, v in attrs.items())),
    ]
    digest = hashlib.blake2b("\x1f".join(parts).encode(), digest_size=16).hexdigest()
    return f"cong:picture:{digest}"


def remembered(key: str, make: Any) -> str:
    """`make()`'s text kept under `key` in this process and in the shared cache."""
    text = _markup.get(key)
    if text is None:
        text = cache.get(key)
        if text is None:
            text = str(make())
            if "not-found" in text:  # the file is missing now: try again next time
                return text
            cache.set(key, text, TIMEOUT)
        _markup[key] = text
        if len(_markup) > IN_PROCESS:
            _markup.popitem(last=False)
    return text


def rendition_url(img: Any, spec: str) -> str:
    """The address of one rendition (og:image), remembered like the tags' markup."""
    return remembered(markup_key("url", img, [spec], {}), lambda: img.get_rendition(spec).url)


class RememberedImageNode(ImageNode):
    """`{% image %}` (and, as a base, `{% picture %}`) with its markup remembered by
    `markup_key`."""

    def render(self, context: template.Context) -> SafeString | str:
        if self.output_var_name:
            return super().render(context)
        img = self.validate_image(context)
        if not img:
            return ""
        attrs = {name: value.resolve(context) for name, value in self.attrs.items()}
        key = markup_key(type(self).__name__, img, self.filter_specs, attrs)
        html = remembered(key, lambda: super(RememberedImageNode, self).render(context))
        return mark_safe(html)  # noqa: S308 (Wagtail's own escaped markup)


class RememberedPictureNode(RememberedImageNode, PictureNode):
    pass


def _remembered(node_class: type) -> Any:
    def parse(parser: template.base.Parser, token: template.base.Token) -> template.Node:
        node = image(parser, token)  # Wagtail's parser: the same arguments and errors
        return node_class(
            node.image_expr,
            node.filter_specs,
            attrs=node.attrs,
            output_var_name=node.output_var_name,
        )

    return parse


register.tag("picture", _remembered(RememberedPictureNode))
register.tag("image", _remembered(RememberedImageNode))
