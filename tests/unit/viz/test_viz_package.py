"""corridors.viz as a whole: every module stays free of streamlit."""

from __future__ import annotations

import ast
import importlib
import pkgutil
from pathlib import Path

import pytest

import corridors.viz

VIZ_MODULES = [f"corridors.viz.{info.name}" for info in pkgutil.iter_modules(corridors.viz.__path__)]


def test_the_split_modules_are_all_there():
    assert {"corridors.viz.style", "corridors.viz.geometry", "corridors.viz.records"} <= set(VIZ_MODULES)
    assert {"corridors.viz.deck", "corridors.viz.legend", "corridors.viz.charts"} <= set(VIZ_MODULES)


@pytest.mark.parametrize("name", VIZ_MODULES)
def test_modules_do_not_import_streamlit(name):
    module = importlib.import_module(name)
    tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
    imported = {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    imported |= {n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
    assert not any(m.split(".")[0] == "streamlit" for m in imported), name


@pytest.mark.parametrize("name", VIZ_MODULES)
def test_all_lists_only_defined_names(name):
    module = importlib.import_module(name)
    for attr in getattr(module, "__all__", []):
        assert hasattr(module, attr), f"{name}.{attr}"
