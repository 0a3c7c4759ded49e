"""Queue (or make) the renditions of everything published: after an upgrade to a version
with the rendition worker, an import, or a change of the templates' specs."""

from argparse import ArgumentParser
from collections.abc import Iterator
from typing import Any

from django.core.management.base import BaseCommand
from django.db.models import Model
from django.utils.translation import gettext as _
from wagtail.models import Page

from cong.core import renditions


class Command(BaseCommand):
    @property
    def help(self) -> str:  # type: ignore[override]
        return _(
            "Xếp hàng (hoặc tạo ngay, --now) ảnh thu nhỏ của mọi trang đã xuất bản và bản ghi "
            "có ảnh."
        )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--now", action="store_true", help=_("Tạo ngay trong tiến trình này, không xếp hàng.")
        )

    def handle(self, *args: Any, now: bool = False, **options: Any) -> None:
        wanted: dict[int, list[str]] = {}
        for obj in self._objects():
            for image_id, specs in renditions.pictures_of(obj).items():
                known = wanted.setdefault(image_id, [])
                known.extend(s for s in specs if s not in known)
        if now:
            made = sum(renditions.make_renditions.call(pk, specs) for pk, specs in wanted.items())
            message = _("Đã có %(made)d ảnh thu nhỏ của %(images)d ảnh.")
        else:
            for image_id, specs in wanted.items():
                renditions.make_renditions.enqueue(image_id, specs)
            made = 0
            message = _("Đã xếp hàng ảnh thu nhỏ của %(images)d ảnh.")
        self.stdout.write(message % {"made": made, "images": len(wanted)})

    def _objects(self) -> Iterator[Model]:
        yield from Page.objects.live().specific().iterator(chunk_size=500)
        for model in renditions.declared_models():
            yield from model._default_manager.iterator(chunk_size=500)
