"""{% picture %} and {% image %} remembered by file, focal point, specs and attributes
(cong/core/templatetags/pictures.py): the second render reads nothing, a new focal point or
file is a new render, a missing file is not remembered."""

import pytest
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from cong.core.templatetags import pictures

PICTURE = Template(
    "{% load wagtailimages_tags pictures %}"
    '{% picture photo format-{webp,jpeg} width-{100,200} sizes="10em" alt=alt %}'
)


@pytest.fixture
def photo(db):
    return get_image_model().objects.create(title="Ảnh", file=get_test_image_file())


def render(photo, alt="Một bức ảnh") -> str:
    return PICTURE.render(Context({"photo": photo, "alt": alt}))


def renditions(photo) -> int:
    return photo.renditions.count()


def test_the_second_render_reads_nothing(photo):
    first = render(photo)
    assert first.count("<source") == 1 and 'alt="Một bức ảnh"' in first
    assert renditions(photo) == 4
    with CaptureQueriesContext(connection) as queries:
        assert render(photo) == first
    assert len(queries) == 0


def test_another_process_finds_it_in_the_shared_cache(photo):
    first = render(photo)
    pictures.forget_pictures()  # as a new worker would start
    with CaptureQueriesContext(connection) as queries:
        assert render(photo) == first
    assert len(queries) == 0


def test_the_attributes_are_part_of_the_key(photo):
    assert 'alt="Ảnh khác"' in render(photo, alt="Ảnh khác")
    assert 'alt="Một bức ảnh"' in render(photo)


def test_a_new_focal_point_renders_again(photo):
    render(photo)
    photo.focal_point_x, photo.focal_point_y = 10, 10
    photo.focal_point_width = photo.focal_point_height = 20
    photo.save()
    render(photo)
    assert len(pictures._markup) == 2  # another key: rendered again


def test_a_missing_file_is_not_remembered(photo):
    photo.file.storage.delete(photo.file.name)
    assert "not-found" in render(photo)
    assert pictures._markup == {}


def test_the_as_form_is_wagtails_own(photo):
    template = Template(
        "{% load wagtailimages_tags pictures %}"
        "{% picture photo format-jpeg width-{100,200} as pic %}{{ pic }}"
    )
    assert template.render(Context({"photo": photo})).startswith("<picture>")
    assert pictures._markup == {}


def test_the_og_image_address_is_remembered(photo):
    url = pictures.rendition_url(photo, "fill-120x63|format-jpeg")
    assert url.endswith(".jpg") or url.endswith(".jpeg")
    with CaptureQueriesContext(connection) as queries:
        assert pictures.rendition_url(photo, "fill-120x63|format-jpeg") == url
    assert len(queries) == 0
