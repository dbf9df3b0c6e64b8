"""Nothing user-supplied can reach eval, pickle or a shell: the runtime code does not use them at all.

An AST walk over the runtime code (the ``corridors`` package, ``app.py`` and
``corridors_app/``; ``tools/`` is the offline build script and is excluded) looks for:

- calls of ``eval``, ``exec``, ``compile``, ``__import__``, ``breakpoint``,
  ``input``;
- imports of ``pickle``, ``cPickle``, ``dill``, ``cloudpickle``, ``shelve``,
  ``marshal``, ``joblib``, ``subprocess``, ``pty``, ``code``, ``codeop``;
- ``os.system``, ``os.popen``, ``os.exec*``, ``os.spawn*``, ``os.fork``,
  ``os.posix_spawn*``, ``importlib.import_module``;
- ``pandas.read_pickle`` / ``DataFrame.to_pickle`` style calls and
  ``numpy.load(..., allow_pickle=True)``;
- any call with ``shell=True``.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
RUNTIME = sorted(
    [*(ROOT / "corridors").rglob("*.py"), ROOT / "app.py", *(ROOT / "corridors_app").rglob("*.py")],
)

BANNED_CALLS = {"eval", "exec", "compile", "__import__", "breakpoint", "input"}
BANNED_MODULES = {
    "pickle",
    "cPickle",
    "_pickle",
    "dill",
    "cloudpickle",
    "shelve",
    "marshal",
    "joblib",
    "subprocess",
    "pty",
    "code",
    "codeop",
}
BANNED_ATTRIBUTES = {
    ("os", "system"),
    ("os", "popen"),
    ("os", "fork"),
    ("os", "forkpty"),
    ("importlib", "import_module"),
}
BANNED_PREFIXES = {("os", "exec"), ("os", "spawn"), ("os", "posix_spawn")}
BANNED_METHODS = {"read_pickle", "to_pickle"}


def _dotted(node: ast.AST) -> tuple[str, ...]:
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
    return tuple(reversed(parts))


def _findings(path: Path, root: Path = ROOT) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        where = f"{path.relative_to(root)}:{getattr(node, 'lineno', '?')}"
        if isinstance(node, ast.Import):
            found += [f"{where}: import {a.name}" for a in node.names if a.name.split(".")[0] in BANNED_MODULES]
        elif isinstance(node, ast.ImportFrom):
            module = (node.module or "").split(".")[0]
            if module in BANNED_MODULES:
                found.append(f"{where}: from {node.module} import ...")
            if module == "os":
                found += [
                    f"{where}: from os import {a.name}"
                    for a in node.names
                    if ("os", a.name) in BANNED_ATTRIBUTES or any(a.name.startswith(p) for _, p in BANNED_PREFIXES)
                ]
        elif isinstance(node, ast.Call):
            name = _dotted(node.func)
            if len(name) == 1 and name[0] in BANNED_CALLS:
                found.append(f"{where}: {name[0]}()")
            if len(name) >= 2 and (name[-2:] in BANNED_ATTRIBUTES or any(
                name[-2] == m and name[-1].startswith(p) for m, p in BANNED_PREFIXES
            )):
                found.append(f"{where}: {'.'.join(name)}()")
            if name and name[-1] in BANNED_METHODS:
                found.append(f"{where}: {'.'.join(name)}()")
            for keyword in node.keywords:
                if keyword.arg in ("shell", "allow_pickle") and not (
                    isinstance(keyword.value, ast.Constant) and keyword.value.value is False
                ):
                    found.append(f"{where}: {keyword.arg}={ast.unparse(keyword.value)}")
    return found


def test_the_runtime_files_are_found():
    names = {p.relative_to(ROOT).as_posix() for p in RUNTIME}
    assert {"corridors/network/read.py", "corridors/cli/__init__.py", "corridors/cli/common.py", "corridors/network/loader.py", "app.py", "corridors_app/session.py"} <= names
    assert not any(name.startswith("tools/") for name in names)


@pytest.mark.parametrize("path", RUNTIME, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_no_eval_pickle_or_shell_in_runtime_code(path):
    assert _findings(path) == []


def test_the_checker_finds_what_it_looks_for(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text(
        "import pickle\nimport subprocess as sp\nfrom os import system\nimport os\n"
        "eval('1')\nexec('x=1')\nos.system('id')\nos.execvp('x', [])\nsp.run('id', shell=True)\n"
        "import pandas as pd\npd.read_pickle('x')\nimport numpy as np\nnp.load('x', allow_pickle=True)\n"
        "__import__('os')\nimport importlib\nimportlib.import_module('os')\n"
    )
    found = _findings(bad, root=tmp_path)
    assert len(found) == 12, found
