"""No import circles between Cổng's modules (module-level imports, read from the source)."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {
        module_name(path): path
        for path in (ROOT / "cong").rglob("*.py")
        if "migrations" not in path.parts
    }


def imports_of(path: Path, name: str, known: set[str], deferred: bool = False) -> set[str]:
    """The project modules a module imports when it is loaded, or also inside its functions."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(tree) if deferred else tree.body:
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            targets = [f"{base}.{alias.name}" for alias in node.names] + [base]
        else:
            continue
        for target in targets:
            # `from cong.a import b` is the module cong.a.b if that exists, else cong.a
            while target and target not in known:
                target = target.rpartition(".")[0]
            if target and target != name:
                found.add(target)
    return found


def import_graph(deferred: bool = False) -> dict[str, set[str]]:
    found = modules()
    return {name: imports_of(path, name, set(found), deferred) for name, path in found.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One path round each circle (depth-first search, colours white/grey/black)."""
    state: dict[str, int] = {}
    stack: list[str] = []
    found = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                found.append(stack[stack.index(nxt) :] + [nxt])
            elif nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node)
    return found


def test_the_cycle_finder_finds_a_circle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c", "a"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_the_graph_sees_package_imports():
    graph = import_graph()
    assert "cong.documents.models" in graph["cong.documents.importer"]


def test_cong_has_no_import_circles_at_module_level():
    """A circle makes the import order matter: whichever module loads first breaks."""
    found = cycles(import_graph())
    assert not found, "Import circles:\n" + "\n".join(" -> ".join(c) for c in found)


def test_no_circle_hides_behind_an_import_inside_a_function():
    """E.g. a page's route importing its view, which imports the page's models: the pages
    call their views through a registry instead (cong.participation.routes)."""
    found = cycles(import_graph(deferred=True))
    assert not found, "Import circles:\n" + "\n".join(" -> ".join(c) for c in found)
