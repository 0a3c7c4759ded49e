"""Renditions made by the background worker after a publish or an image's change
(cong/core/renditions.py), so that the first reader of a new article makes none."""

import re
from pathlib import Path
from unittest import mock

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.template.base import smart_split
from django.test.utils import CaptureQueriesContext
from django_tasks.exceptions import InvalidTaskBackendError
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult
from wagtail.images import get_image_model
from wagtail.images.models import Filter
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page

from cong.core import renditions
from cong.core.templatetags.pictures import forget_pictures
from tests.factories import ArticlePageFactory

ROOT = Path(__file__).resolve().parents[2]
TEASER = renditions.expand(["format-{avif,webp,jpeg} fill-{160x100,320x200}"])
LEAD = renditions.expand(["format-{avif,webp,jpeg} fill-{400x240,800x480}"])
BODY = renditions.expand([renditions.CAPTIONED_PHOTO])
OG = "fill-1200x630|format-jpeg"


@pytest.fixture
def photo(db):
    return get_image_model().objects.create(title="Ảnh", file=get_test_image_file())


@pytest.fixture
def other_photo(db):
    return get_image_model().objects.create(title="Ảnh 2", file=get_test_image_file())


def queued() -> dict[int, list[str]]:
    """What the background queue holds: image id → specs (later tasks add to earlier)."""
    wanted: dict[int, list[str]] = {}
    for row in DBTaskResult.objects.filter(status="READY", backend_name="background"):
        image_id, specs = row.args_kwargs["args"]
        wanted.setdefault(image_id, []).extend(specs)
    return wanted


def work() -> None:
    """The real worker, as cong-tasks.service runs it, until the queue is empty; only its
    check for stale connections is left out, which would close the test's transaction."""
    with mock.patch(f"{db_worker.__name__}.close_old_connections"):
        call_command(
            "db_worker", "--backend", "background", "--batch", "--no-startup-delay", verbosity=0
        )


def made(image) -> set[str]:
    return set(image.renditions.values_list("filter_spec", flat=True))


def publish(page) -> None:
    page.save_revision().publish()


def article(section, photo, body_photo=None, title="Tin có ảnh", **kwargs):
    body = [{"type": "image", "value": {"image": body_photo.pk}}] if body_photo else []
    return ArticlePageFactory(
        parent=section,
        title=title,
        featured_image=photo,
        body=body,
        live=False,
        **kwargs,
    )


def test_the_templates_show_only_declared_renditions():
    """Every spec a public template's `{% picture %}` or `{% image %}` asks for is declared,
    so the worker makes it before a reader does."""
    declared = set(renditions.expand(renditions.declared_patterns()))
    tag = re.compile(r"{%\s*(?:picture|image)\s+(.*?)%}")
    seen = {}
    for path in [*ROOT.glob("templates/**/*.html"), *ROOT.glob("cong/*/templates/**/*.html")]:
        if "/wagtailadmin/" in str(path) or "/admin/" in str(path):
            continue  # the admin's own pictures (favicon, brand) are not the readers'
        for match in tag.finditer(path.read_text(encoding="utf-8")):
            words = list(smart_split(match.group(1)))[1:]  # what follows the image
            if "as" in words:
                words = words[: words.index("as")]
            specs = [w for w in words if "=" not in w]
            seen[f"{path.relative_to(ROOT)}: {' '.join(specs)}"] = renditions.expand(
                [" ".join(specs)]
            )
    assert len(seen) >= 6  # teaser, lead, captioned photo, portrait, map, logo
    missing = {where: set(specs) - declared for where, specs in seen.items()}
    assert not {where: specs for where, specs in missing.items() if specs}


def test_a_published_article_is_queued_then_the_worker_makes_its_renditions(
    section, photo, other_photo, django_capture_on_commit_callbacks
):
    page = article(section, photo, body_photo=other_photo)
    with django_capture_on_commit_callbacks(execute=True):
        publish(page)
    wanted = queued()
    assert set(wanted[photo.pk]) == {*TEASER, OG}  # not featured: no lead
    assert set(wanted[other_photo.pk]) == set(BODY)
    assert made(photo) == made(other_photo) == set()  # nothing in the editor's request

    work()
    assert made(photo) == {*TEASER, OG}
    assert made(other_photo) == set(BODY)
    assert queued() == {}


def test_the_first_reader_of_an_article_makes_no_rendition(
    client, section, photo, other_photo, django_capture_on_commit_callbacks
):
    page = article(section, photo, body_photo=other_photo)
    with django_capture_on_commit_callbacks(execute=True):
        publish(page)
    work()
    before = made(photo) | made(other_photo)
    forget_pictures()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(page.url)
    assert response.status_code == 200
    assert "<picture" in response.content.decode()
    assert made(photo) | made(other_photo) == before
    assert not [q for q in queries if "INSERT" in q["sql"] and "rendition" in q["sql"]]


def test_a_featured_article_gets_the_home_pages_lead_too(
    section, photo, django_capture_on_commit_callbacks
):
    page = article(section, photo, is_featured=True)
    with django_capture_on_commit_callbacks(execute=True):
        publish(page)
    assert set(queued()[photo.pk]) == {*TEASER, OG, *LEAD}


def test_a_draft_queues_nothing(section, photo, django_capture_on_commit_callbacks):
    page = article(section, photo)
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision()
    assert queued() == {}


def test_a_new_focal_point_renews_what_each_live_page_shows(
    section, photo, django_capture_on_commit_callbacks
):
    page = article(section, photo)
    with django_capture_on_commit_callbacks(execute=True):
        publish(page)
    work()
    # It uses the photo too, featured, but is never published: its lead crop is not wanted.
    hidden = article(section, photo, title="Bản nháp", is_featured=True)
    with django_capture_on_commit_callbacks(execute=True):
        hidden.save_revision()
        photo.focal_point_x, photo.focal_point_y = 1, 1
        photo.focal_point_width = photo.focal_point_height = 2
        photo.save()
    assert set(queued()[photo.pk]) == {*TEASER, OG}  # the draft's lead is not wanted
    work()
    new_key = Filter(TEASER[0]).get_cache_key(photo)
    fill = photo.renditions.filter(filter_spec=TEASER[0])
    assert fill.count() == 2  # the old focal point's and the new one's
    assert fill.filter(focal_point_key=new_key).exists()


def test_a_new_image_or_an_unrelated_save_queues_nothing(photo, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        get_image_model().objects.create(title="Mới", file=get_test_image_file())
        photo.title = "Tên mới"
        photo.save(update_fields=["title"])
    assert queued() == {}


def test_a_leaders_portrait_and_the_settings_pictures_are_queued(
    site, photo, other_photo, django_capture_on_commit_callbacks
):
    from cong.agency.models import AgencyContacts, Leader
    from cong.core.models import AgencySettings

    with django_capture_on_commit_callbacks(execute=True):
        Leader.objects.create(site=site, full_name="Nguyễn Văn A", position="Giám đốc", photo=photo)
        contacts = AgencyContacts.for_site(site)
        contacts.map_image = other_photo
        contacts.save()
        settings = AgencySettings.for_site(site)
        settings.logo = other_photo
        settings.save()
    wanted = queued()
    assert set(wanted[photo.pk]) == set(
        renditions.expand(["format-{avif,webp,jpeg} fill-{160x200,320x400}"])
    )
    assert set(wanted[other_photo.pk]) == {
        *renditions.expand(["format-{avif,webp,jpeg} width-{400,800}"]),
        "height-80",
    }


def test_a_deleted_image_or_a_missing_file_is_no_error(photo, other_photo, caplog):
    assert renditions.make_renditions.call(photo.pk, ["width-100"]) == 1
    other_photo.file.storage.delete(other_photo.file.name)
    assert renditions.make_renditions.call(other_photo.pk, ["width-100"]) == 0
    assert "Không tạo được ảnh thu nhỏ" in caplog.text
    pk = photo.pk
    photo.delete()
    assert renditions.make_renditions.call(pk, ["width-100"]) == 0


def test_a_queue_that_cannot_be_written_does_not_fail_the_publish(section, photo, settings):
    settings.TASKS = {**settings.TASKS, "background": {"BACKEND": "no.such.Backend"}}
    page = article(section, photo)
    with transaction.atomic():
        publish(page)
    # The test's own transaction holds the commit callbacks: the task's is robust (Django
    # logs its failure under its name, the publish stands) and it does fail here.
    ours = [(func, robust) for _ids, func, robust in connection.run_on_commit]
    ours = [
        (func, robust)
        for func, robust in ours
        if getattr(func, "__qualname__", "").startswith("renditions.")
    ]
    assert ours and all(robust for _func, robust in ours)
    with pytest.raises(InvalidTaskBackendError):
        ours[0][0]()
    assert Page.objects.get(pk=page.pk).live
    assert made(photo) == set()  # the reader's request will make them


def test_make_renditions_command_covers_what_is_published(
    section, photo, other_photo, django_capture_on_commit_callbacks
):
    page = article(section, photo, body_photo=other_photo)
    publish(page)  # without its commit callbacks: as an install from before this worker
    assert queued() == {}
    call_command("make_renditions", "--now", verbosity=0)
    assert made(photo) == {*TEASER, OG}
    assert made(other_photo) == set(BODY)
