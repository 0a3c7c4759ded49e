""".env.example names every environment variable the settings and gunicorn read.

The variables are found by reading the code (`ast`), not by a list kept by hand, so a new
`env.int("CONG_…")` in cong/settings.py fails here until .env.example documents it.
"""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SETTINGS = ROOT / "cong" / "settings.py"
GUNICORN = ROOT / "deploy" / "gunicorn.conf.py"
ENV_EXAMPLE = ROOT / ".env.example"

# Helpers that read the variable named by their first argument: settings.py's rate parser,
# gunicorn.conf.py's integer reader.
READERS = {"_rate", "_int"}
# Variables read by the code but deliberately left out of .env.example, with the reason.
# Keep it short: an operator reads .env.example, not the code.
NOT_DOCUMENTED: dict[str, str] = {}
# Variables in .env.example that neither file reads, with the reader.
READ_ELSEWHERE = {
    "CONG_PAGE_CACHE_MAX_AGE_MINUTES": "deploy/systemd/cong-pagecache-sweep.service",
}


def _is_env_reader(func: ast.expr) -> bool:
    """env(...), env.str(...), env.db(...), os.environ.get(...), _rate(...), _int(...)."""
    if isinstance(func, ast.Name):
        return func.id == "env" or func.id in READERS
    if isinstance(func, ast.Attribute):
        owner = func.value
        if isinstance(owner, ast.Name) and owner.id == "env":
            return True
        return (
            func.attr == "get"
            and isinstance(owner, ast.Attribute)
            and owner.attr == "environ"
            and isinstance(owner.value, ast.Name)
            and owner.value.id == "os"
        )
    return False


def variables_read(path: Path) -> tuple[set[str], list[str]]:
    """The names `path` reads from the environment, and where a name is not a literal
    outside a known reader helper (which would hide a variable from this test)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    hidden: list[str] = []
    helpers = [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef) and n.name in READERS]
    inside_helpers = {id(node) for helper in helpers for node in ast.walk(helper)}
    for node in ast.walk(tree):
        if isinstance(node, ast.Subscript):  # os.environ["NAME"]
            target = node.value
            if isinstance(target, ast.Attribute) and target.attr == "environ":
                if isinstance(node.slice, ast.Constant) and isinstance(node.slice.value, str):
                    names.add(node.slice.value)
            continue
        if not (isinstance(node, ast.Call) and _is_env_reader(node.func)):
            continue
        first = node.args[0] if node.args else None
        if isinstance(first, ast.Constant) and isinstance(first.value, str):
            names.add(first.value)
        elif id(node) not in inside_helpers:
            hidden.append(f"{path.name}:{node.lineno}")
    return names, hidden


def documented() -> set[str]:
    """Names set in .env.example, commented out or not (`# NAME=value` or `NAME=value`)."""
    text = ENV_EXAMPLE.read_text(encoding="utf-8")
    return set(re.findall(r"^#? ?([A-Z][A-Z0-9_]*)=", text, flags=re.MULTILINE))


def all_read() -> set[str]:
    return variables_read(SETTINGS)[0] | variables_read(GUNICORN)[0]


def test_the_reader_finds_the_variables_it_must_see():
    names = all_read()
    # A plain env.str, env.db, the rate helper, os.environ.get and gunicorn's _int.
    assert {"SECRET_KEY", "DATABASE_URL", "CONG_PASSWORD_RESET_RATE"} <= names
    assert {"GUNICORN_BIND", "GUNICORN_WORKERS", "GUNICORN_MAX_WORKERS"} <= names


def test_every_variable_name_is_a_literal_the_test_can_read():
    for path in (SETTINGS, GUNICORN):
        assert variables_read(path)[1] == [], "a variable name computed at run time"


def test_env_example_lists_every_variable_the_settings_and_gunicorn_read():
    missing = all_read() - documented() - set(NOT_DOCUMENTED)
    assert not missing, f"add to .env.example, with a one-line comment: {sorted(missing)}"


def test_env_example_lists_no_variable_that_nothing_reads():
    stale = documented() - all_read() - set(READ_ELSEWHERE)
    assert not stale, f"read by nothing (remove, or add to READ_ELSEWHERE): {sorted(stale)}"


def test_the_allow_lists_name_only_real_variables():
    assert set(NOT_DOCUMENTED) <= all_read()
    assert not set(READ_ELSEWHERE) & all_read()
