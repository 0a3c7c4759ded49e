"""Image renditions made after a publish or an image's change, by a worker, not by a reader.

Wagtail makes a rendition the first time a template asks for it: the first reader of a new
article with three photos waited about 4 s for some 30 files (an AVIF takes about 300 ms).
Here each app declares which renditions the images of its models are shown with
(`register_pictures`, from its `plugins.py`; the photos of the captioned-image block are
core's own), and once a change is committed one task per image makes what is missing:

- a page published: the images of its declared fields and the captioned photos of its
  StreamFields;
- a record of a declared model saved (a leader's portrait, a setting's logo or map);
- an image's file or focal point changed: every object that shows it (Wagtail's reference
  index), with that object's specs.

The task runs on the "background" task backend (`TASKS` in the settings: a table in the
database that `manage.py db_worker --backend background` works through, cong-tasks.service).
A rendition a reader asks for before the worker made it is made in the request, as before.
`manage.py make_renditions` enqueues (or, with `--now`, makes) them for everything published.
The specs declared must be the templates' own: tests/core/test_renditions.py reads the
templates' `{% picture %}` and `{% image %}` tags and fails on a spec nobody declared.
"""

import dataclasses
import logging
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Model
from django.db.models.signals import post_save
from django_tasks import task
from wagtail.blocks.list_block import ListValue
from wagtail.blocks.stream_block import StreamValue
from wagtail.blocks.struct_block import StructValue
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.images.models import Filter
from wagtail.models import Page, ReferenceIndex
from wagtail.signals import page_published

from cong.core.blocks import CaptionedImageBlock

logger = logging.getLogger(__name__)

BACKEND = "background"

# templates/core/blocks/captioned_image.html
CAPTIONED_PHOTO = "format-{avif,webp,jpeg} width-{400,800,1200}"
CAPTIONED_SPECS = tuple(Filter.expand_spec(CAPTIONED_PHOTO))
# templates/base.html: the agency's logo in the header (cong/core/metadata.py reads it too)
LOGO = "height-80"


@dataclass(frozen=True)
class Pictures:
    """The image in `field` of `model` (a foreign key, or an attribute returning an image)
    is shown with the spec `patterns` (as written in the templates), for the objects
    `only_if(obj)` accepts."""

    model: type[Model]
    field: str
    patterns: tuple[str, ...]
    only_if: Callable[[Any], bool] | None = None
    specs: tuple[str, ...] = dataclasses.field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "specs", tuple(expand(self.patterns)))  # once, not per object

    def for_object(self, obj: Model) -> tuple[str, ...]:
        if self.only_if is not None and not self.only_if(obj):
            return ()
        return self.specs


_declared: list[Pictures] = []


def expand(patterns: Iterable[str]) -> list[str]:
    """Every rendition spec the patterns name, in Wagtail's own spelling
    ("format-{avif,webp} width-400" → "format-avif|width-400", "format-webp|width-400")."""
    specs: list[str] = []
    for pattern in patterns:
        for spec in Filter.expand_spec(pattern):
            if spec not in specs:
                specs.append(spec)
    return specs


def register_pictures(
    model: type[Model], field: str, *patterns: str, only_if: Callable[[Any], bool] | None = None
) -> None:
    """Declare that the image in `model.field` is shown with the spec `patterns` (for the
    objects `only_if` accepts, if given)."""
    _declared.append(Pictures(model, field, patterns, only_if))
    if not issubclass(model, Page):
        post_save.connect(
            _record_saved, sender=model, weak=False, dispatch_uid=f"cong-renditions-{model}"
        )


def declared_patterns() -> set[str]:
    """The spec patterns declared, for the check against the templates."""
    patterns = {CAPTIONED_PHOTO}
    for pictures in _declared:
        patterns.update(pictures.patterns)
    return patterns


def declared_models() -> list[type[Model]]:
    """The models other than pages whose pictures are declared."""
    models: list[type[Model]] = []
    for pictures in _declared:
        if not issubclass(pictures.model, Page) and pictures.model not in models:
            models.append(pictures.model)
    return models


def pictures_of(obj: Model) -> dict[int, list[str]]:
    """The renditions `obj` shows: image id → specs."""
    wanted: dict[int, list[str]] = defaultdict(list)

    def add(image_id: int | None, specs: Iterable[str]) -> None:
        if image_id:
            wanted[image_id].extend(s for s in specs if s not in wanted[image_id])

    for pictures in _declared:
        if isinstance(obj, pictures.model):
            add(_image_id(obj, pictures.field), pictures.for_object(obj))
    for model_field in obj._meta.get_fields():
        if isinstance(model_field, StreamField):
            for image_id in _captioned_images(getattr(obj, model_field.name)):
                add(image_id, CAPTIONED_SPECS)
    return dict(wanted)


def _image_id(obj: Model, field: str) -> int | None:
    """The id of the image `obj.field` names: a foreign key, or an attribute returning one."""
    if hasattr(obj, f"{field}_id"):
        return getattr(obj, f"{field}_id")
    image = getattr(obj, field, None)
    return image.pk if image is not None else None


def _captioned_images(value: Any) -> Iterator[int]:
    """The image ids of the captioned-image blocks in a stream, however deep."""
    if isinstance(value, StreamValue):
        for child in value:
            if isinstance(child.block, CaptionedImageBlock):
                image = child.value.get("image")
                if image is not None:
                    yield image.pk
            else:
                yield from _captioned_images(child.value)
    elif isinstance(value, StructValue):
        for item in value.values():
            yield from _captioned_images(item)
    elif isinstance(value, ListValue | list):
        for item in value:
            yield from _captioned_images(item)


@task(backend=BACKEND)
def make_renditions(image_id: int, specs: list[str]) -> int:
    """Make the renditions of an image that are missing; how many it has of `specs`."""
    image = get_image_model().objects.filter(pk=image_id).first()
    if image is None:  # deleted since
        return 0
    try:
        return len(image.get_renditions(*specs))
    except Exception:  # a missing or unreadable file: the reader's request will say so
        logger.warning("Không tạo được ảnh thu nhỏ của ảnh %s", image_id, exc_info=True)
        return 0


def enqueue(wanted: dict[int, list[str]]) -> None:
    """One task per image, once the change is committed (robust: a queue that cannot be
    written is logged, never the editor's error; the reader's request makes them then)."""
    for image_id, specs in wanted.items():
        transaction.on_commit(_later(make_renditions.enqueue, image_id, specs), robust=True)


def _later(func: Callable[..., Any], *args: Any) -> Callable[[], None]:
    """`func(*args)` as a commit callback (a function with a name: a robust callback's
    failure is logged under it, which a `partial` has not)."""

    def call() -> None:
        func(*args)

    call.__qualname__ = f"renditions.{getattr(func, '__name__', 'task')}"
    return call


def _page_published(sender: Any, instance: Page, **kwargs: Any) -> None:
    enqueue(pictures_of(instance))


def _record_saved(sender: Any, instance: Model, raw: bool = False, **kwargs: Any) -> None:
    if not raw:
        enqueue(pictures_of(instance))


FILE_FIELDS = {"file", "focal_point_x", "focal_point_y", "focal_point_width", "focal_point_height"}


def _image_saved(
    sender: Any, instance: Any, created: bool = False, raw: bool = False, **kwargs: Any
) -> None:
    # A new image is on no page yet: its renditions come when a page shows it.
    update_fields = kwargs.get("update_fields")
    if created or raw or (update_fields is not None and not FILE_FIELDS & set(update_fields)):
        return
    transaction.on_commit(_later(_renew_image, instance.pk), robust=True)


def _renew_image(image_id: int) -> None:
    """An image's file or focal point changed: what each object showing it needs of it."""
    specs: list[str] = []
    image = get_image_model()(pk=image_id)
    for obj in _showing(ReferenceIndex.get_references_to(image)):
        specs.extend(s for s in pictures_of(obj).get(image_id, ()) if s not in specs)
    if specs:
        make_renditions.enqueue(image_id, specs)


def _showing(references: Any) -> Iterator[Model]:
    """The objects behind reference-index rows; pages only while live, as published."""
    for obj, _rows in references.group_by_source_object():
        if isinstance(obj, Page):
            if not obj.live:
                continue
            obj = obj.specific
        yield obj


def register() -> None:
    from cong.core.models import AgencySettings

    register_pictures(AgencySettings, "logo", LOGO)
    page_published.connect(_page_published, dispatch_uid="cong-renditions-published")
    post_save.connect(_image_saved, sender=get_image_model(), dispatch_uid="cong-renditions-image")
