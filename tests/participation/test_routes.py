"""Page routes reach their views through cong.participation.routes (no models ↔ views circle)."""

import re
from pathlib import Path

import pytest

from cong.participation import routes

MODELS = Path(routes.__file__).parent / "models"


def test_every_view_a_page_route_names_is_registered_once_the_app_is_ready():
    named = {
        name
        for path in MODELS.glob("*.py")
        for name in re.findall(r'\banswer\(\s*"([\w.]+)"', path.read_text(encoding="utf-8"))
    }
    assert {"questions.ask", "consultations.serve"} <= named
    assert named <= set(routes._views)


def test_an_unregistered_route_name_says_which_one():
    with pytest.raises(LookupError, match="questions.nope"):
        routes.answer("questions.nope", None, None)


def test_the_page_models_do_not_import_the_views():
    for path in MODELS.glob("*.py"):
        assert "cong.participation.views" not in path.read_text(encoding="utf-8"), path.name
