"""The kernel (cong.core) knows no feature: features plug into it, never the other way."""

import ast
from pathlib import Path

import cong

FEATURES = (
    "accounts",
    "agency",
    "api",
    "compliance",
    "demo",
    "disclosure",
    "documents",
    "editorial",
    "links",
    "news",
    "ops",
    "participation",
    "portal",
    "procedures",
    "province",
    "schedule",
    "search",
    "selfcheck",
    "siteimport",
    "visits",
)
ROOT = Path(cong.__file__).parent


def imported_modules(path: Path) -> set[str]:
    """Every module `path` imports, at any level (functions included)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def sources(app: str) -> list[Path]:
    return [p for p in (ROOT / app).rglob("*.py") if "migrations" not in p.parts]


def test_core_imports_no_feature_app():
    offending = {
        f"{path.relative_to(ROOT)}: {module}"
        for path in sources("core")
        for module in imported_modules(path)
        if module.startswith(tuple(f"cong.{app}" for app in FEATURES))
    }
    assert not offending


def _feature_names(but: str = "") -> set[str]:
    """The names of the feature apps' models (but those of the app `but`)."""
    from django.apps import apps

    names = set()
    for app in FEATURES:
        if app != but:
            config = apps.get_app_config(app)
            names.update(model.__name__ for model in config.get_models())
    return names


def test_core_and_search_name_no_feature_model_or_app_label():
    labels = {f"{app}." for app in FEATURES if app != "search"}
    offending = []
    for app in ("core", "search"):
        # Search may name its own models (the per-site abbreviations setting).
        names = _feature_names(but=app)
        for path in sources(app):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if isinstance(node, ast.Name) and node.id in names:
                    offending.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.id}")
                if isinstance(node, ast.Constant) and isinstance(node.value, str):
                    if any(node.value.startswith(label) for label in labels):
                        offending.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.value}")
    assert not offending


def test_the_checks_themselves_see_a_feature_import(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("def f():\n    from cong.participation.models import Question\n")
    assert "cong.participation.models" in imported_modules(sample)
