"""The demo's pictures: rendered scenes with a photograph's tones, credited as illustrations."""

import io
import json
from pathlib import Path

import pytest
from PIL import Image

from cong.demo.photos import ILLUSTRATION_CREDIT, OUTPUT, SCENES, demo_photo

DATA = Path(__file__).resolve().parents[2] / "cong" / "demo" / "data"


def picture(scene: str, seed: str = "seed") -> Image.Image:
    return Image.open(io.BytesIO(demo_photo(scene, seed)))


@pytest.mark.parametrize("scene", sorted(SCENES))
def test_each_scene_is_a_jpeg_of_the_size_pages_need(scene):
    image = picture(scene)
    assert image.format == "JPEG" and image.size == OUTPUT
    assert len(demo_photo(scene, "seed")) < 250_000


def test_a_seed_always_renders_the_same_picture_and_another_seed_another():
    assert demo_photo("hall", "tap-huan") == demo_photo("hall", "tap-huan")
    assert demo_photo("hall", "tap-huan") != demo_photo("hall", "so-ket")


def test_a_picture_is_rendered_once_and_then_read_back(tmp_path, settings, monkeypatch):
    import cong.demo.photos as photos

    settings.VAR_DIR = tmp_path
    first = demo_photo("podium", "once")
    assert len(list((tmp_path / "demo-files").glob("*.jpg"))) == 1

    def render_again(*args):
        raise AssertionError("rendered twice")

    monkeypatch.setattr(photos, "_render", render_again)
    assert demo_photo("podium", "once") == first


def credits(value) -> list[str]:
    """Every "credit" in a demo data file, however deep."""
    if isinstance(value, dict):
        found = [value["credit"]] if "credit" in value else []
        return found + [c for item in value.values() for c in credits(item)]
    if isinstance(value, list):
        return [c for item in value for c in credits(item)]
    return []


def test_every_demo_picture_is_credited_as_an_illustration():
    found = [c for path in DATA.rglob("*.json") for c in credits(json.loads(path.read_text()))]
    assert found and set(found) == {str(ILLUSTRATION_CREDIT)} == {"Ảnh minh họa"}
