"""The folder tree is the architecture: imports flow one way and never in a circle.

Layers, lowest first (a module may import from its own layer and the ones
below it, never from a higher one):

0. ``corridors._*`` (errors, text, paths, capped reading)
1. ``corridors.network`` (read and validate GeoJSON, base graph, bundled network)
2. ``corridors.model`` (parameters, scenarios, seasons, costs, expanded graph, views)
3. ``corridors.routing``
4. ``corridors.report``
5. ``corridors.viz``
6. the faces: ``corridors.cli`` and ``corridors_app``

The imports are read from the source with :mod:`ast` (also those inside
functions and under ``TYPE_CHECKING``), so a lazy import cannot hide a cycle.
"""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx
import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("corridors", "corridors_app")
LAYERS = {
    "corridors._": 0,
    "corridors.network": 1,
    "corridors.model": 2,
    "corridors.routing": 3,
    "corridors.report": 4,
    "corridors.viz": 5,
    "corridors.cli": 6,
    "corridors_app": 6,
}
MAX_LINES = 420
MAX_VIEW_LINES = 150


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {
    _module_name(path): path for package in PACKAGES for path in sorted((ROOT / package).rglob("*.py"))
}


def _imports(name: str, path: Path) -> set[str]:
    """Project modules that `name` imports (resolving ``from package import module``)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                package = name.rsplit(".", node.level)[0] if path.name != "__init__.py" or node.level > 1 else name
                base = f"{package}.{base}" if base else package
            targets = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base for alias in node.names]
        else:
            continue
        found.update(target for target in targets if target in MODULES and target != name)
    return found


GRAPH = nx.DiGraph()
for _name, _path in MODULES.items():
    GRAPH.add_node(_name)
    GRAPH.add_edges_from((_name, target) for target in _imports(_name, _path))


def _layer(name: str) -> int | None:
    for prefix, layer in LAYERS.items():
        if name == prefix or name.startswith(prefix if prefix.endswith("_") else prefix + "."):
            return layer
    return None


def test_every_module_has_a_layer():
    unplaced = [name for name in MODULES if name not in PACKAGES and _layer(name) is None]
    assert unplaced == []


def test_no_import_cycle():
    # a package's __init__ re-exporting its modules is not a cycle of concerns
    edges = [(a, b) for a, b in GRAPH.edges if not (a in PACKAGES or b in PACKAGES)]
    cycles = list(nx.simple_cycles(nx.DiGraph(edges)))
    assert cycles == []


def test_no_import_from_a_higher_layer():
    upward = [
        f"{a} (layer {_layer(a)}) imports {b} (layer {_layer(b)})"
        for a, b in GRAPH.edges
        if a not in PACKAGES and b not in PACKAGES and _layer(b) > _layer(a)
    ]
    assert upward == []


def test_the_library_never_imports_streamlit():
    offenders = [
        name
        for name, path in MODULES.items()
        if name.startswith("corridors") and not name.startswith("corridors_app")
        and "streamlit" in {
            (n.module or "").split(".")[0] if isinstance(n, ast.ImportFrom) else a.name.split(".")[0]
            for n in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if isinstance(n, ast.Import | ast.ImportFrom)
            for a in (n.names if isinstance(n, ast.Import) else [None])
        }
    ]
    assert offenders == []


@pytest.mark.parametrize("name", sorted(MODULES))
def test_modules_stay_small(name):
    lines = MODULES[name].read_text(encoding="utf-8").count("\n")
    limit = MAX_VIEW_LINES if name.startswith("corridors_app.views.") else MAX_LINES
    assert lines <= limit, f"{name} has {lines} lines (limit {limit})"


def test_no_streamlit_private_api_anywhere():
    private = ("PagesManager", "streamlit.runtime.scriptrunner", "script_runner")
    skipped = {".venv", "fixtures", "build", "dist", ".git"}
    files = [p for p in ROOT.rglob("*.py") if skipped.isdisjoint(p.relative_to(ROOT).parts)]
    found = [
        f"{p.relative_to(ROOT)}: {word}"
        for p in files
        if p != Path(__file__)
        for word in private
        if word in p.read_text(encoding="utf-8")
    ]
    assert found == []


def test_the_checker_sees_a_known_edge():
    assert GRAPH.has_edge("corridors.network.loader", "corridors.network.read")
    assert _layer("corridors._errors") == 0 and _layer("corridors_app.views.explorer") == 6
