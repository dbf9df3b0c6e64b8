"""Issue 12 #7: every bundled data file missing or corrupt is named with its problem, in the CLI and the app.

Two ways to break a file without touching the package:

- the command line runs in a subprocess on a copy of the ``corridors``
  package (``PYTHONPATH``) whose file is removed, truncated or overwritten;
- the app (AppTest, in this process) reads a copy through the module paths
  that point at ``corridors/data`` (monkeypatched, caches cleared).

Each case checks: the file named, the problem said, no traceback, not the
server's folder, and (app) not "the network could not be loaded" for a file
that is not the network.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from corridors._paths import DATA_DIR
from corridors.cli.datafiles import bundled_problems

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "corridors"

#: file inside corridors/data, how it is broken, what the message must say
CASES = [
    ("defaults.toml", "missing", "no such file"),
    ("defaults.toml", "truncated", "field 'emissions'"),
    ("defaults.toml", "binary", "not UTF-8"),
    ("ice.toml", "missing", "no such file"),
    ("ice.toml", "truncated", "ice.toml: field"),
    ("ice.toml", "binary", "not UTF-8"),
    ("scenarios/baseline.toml", "missing", "the baseline preset is required"),
    ("scenarios/red-sea-closed.toml", "corrupt", "invalid TOML"),
    ("claims.toml", "corrupt", "invalid TOML"),
    ("claims.toml", "missing", "no such file"),
    ("calibration.toml", "missing", "no such file"),
    ("calibration.toml", "corrupt", "invalid TOML"),
    ("gazetteer.csv.gz", "missing", "no such file"),
    ("gazetteer.csv.gz", "corrupt", "gazetteer.csv.gz: "),
]


def _break(path: Path, how: str) -> None:
    if how == "missing":
        path.unlink()
    elif how == "truncated":
        path.write_bytes(path.read_bytes()[:300])
    elif how == "binary":
        path.write_bytes(b"name = 1\n\xff\xfe\n")
    else:
        path.write_text("this is [ not = TOML\n", encoding="utf-8")


# ----------------------------------------------------------------------------
# the command line, on a broken copy of the package
# ----------------------------------------------------------------------------
@pytest.fixture(scope="module")
def package_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A pristine copy of the package (each test copies it again to break one file)."""
    root = tmp_path_factory.mktemp("pristine")
    shutil.copytree(PACKAGE, root / "corridors", ignore=shutil.ignore_patterns("__pycache__"))
    return root


def _broken_copy(pristine: Path, tmp_path: Path, name: str, how: str) -> Path:
    root = tmp_path / "site"
    shutil.copytree(pristine, root)
    _break(root / "corridors" / "data" / name, how)
    return root


def _cli(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(root)}
    env.pop("CORRIDORS_GEODATA_DIR", None)
    return subprocess.run(
        [sys.executable, "-m", "corridors.cli", *args],
        capture_output=True, text=True, env=env, cwd=root, timeout=300, check=False,
    )  # fmt: skip


def _command_for(name: str) -> list[str]:
    if name == "calibration.toml":
        return ["calibrate"]
    if name == "gazetteer.csv.gz":
        return ["route", "Jalandhar", "Kazan"]  # a place by name: read from the gazetteer
    return ["route", "INNSA", "RUMOW"]


CLI_CASES = [case for case in CASES if case[0] != "claims.toml"]  # the claims are read by the app only


@pytest.mark.parametrize(("name", "how", "said"), CLI_CASES, ids=[f"{n}-{h}" for n, h, _ in CLI_CASES])
def test_cli_names_a_broken_bundled_file(package_copy, tmp_path, name, how, said):
    root = _broken_copy(package_copy, tmp_path, name, how)
    run = _cli(root, *_command_for(name))
    assert run.returncode == 1, (run.returncode, run.stderr[-2000:])
    assert run.stdout == ""
    assert "Traceback" not in run.stderr
    assert run.stderr.startswith("error: ") and "problem" in run.stderr.splitlines()[0]
    assert name in run.stderr and said in run.stderr, run.stderr[-2000:]
    assert str(root) not in run.stderr  # the folder the package is installed in is not shown


def test_cli_with_a_missing_defaults_file_is_not_a_traceback(package_copy, tmp_path):
    """The finding: `corridors route` ended in a FileNotFoundError traceback."""
    root = _broken_copy(package_copy, tmp_path, "defaults.toml", "missing")
    for command in (["route", "INNSA", "RUMOW"], ["scenarios"], ["compare", "INNSA", "RUMOW"]):
        run = _cli(root, *command)
        assert run.returncode == 1 and "Traceback" not in run.stderr
        assert "defaults.toml: cannot read the file: no such file" in run.stderr, run.stderr


def test_a_truncated_defaults_file_is_named_not_a_preset(package_copy, tmp_path):
    """The finding: a truncated defaults.toml was reported as problems of every preset."""
    root = _broken_copy(package_copy, tmp_path, "defaults.toml", "truncated")
    run = _cli(root, "scenarios")
    assert run.returncode == 1
    sources = {line.split(":")[0] for line in run.stderr.splitlines()[1:]}
    assert sources == {"defaults.toml"}, run.stderr


def test_the_network_commands_need_no_model_file(package_copy, tmp_path):
    """`corridors nodes` reads only the corridor files: a broken defaults.toml does not stop it."""
    root = _broken_copy(package_copy, tmp_path, "defaults.toml", "missing")
    run = _cli(root, "nodes", "--format", "csv")
    assert run.returncode == 0 and run.stdout.startswith("id,name"), run.stderr


# ----------------------------------------------------------------------------
# the check of every file, in this process (what the app runs)
# ----------------------------------------------------------------------------
def _paths_to(monkeypatch: pytest.MonkeyPatch, data: Path) -> None:
    """Point every reader of corridors/data at `data` (a copy) and forget what was read."""
    from corridors.model import ice_table, params, presets
    from corridors.network import places
    from corridors.report import calibration, claims

    monkeypatch.setattr(params, "DEFAULTS_PATH", data / "defaults.toml")
    monkeypatch.setattr(ice_table, "ICE_PATH", data / "ice.toml")
    monkeypatch.setattr(ice_table.ice_table, "__defaults__", (data / "ice.toml",))
    monkeypatch.setattr(presets, "PRESETS_DIR", data / "scenarios")
    monkeypatch.setattr(claims, "CLAIMS_PATH", data / "claims.toml")
    monkeypatch.setattr(calibration, "CALIBRATION_PATH", data / "calibration.toml")
    monkeypatch.setattr(places.load_gazetteer.__wrapped__, "__defaults__", (data / "gazetteer.csv.gz",))
    _forget()


def _forget() -> None:
    from corridors.model import ice_table, params, presets
    from corridors.network import places
    from corridors.report import calibration, claims

    caches: list[functools._lru_cache_wrapper] = [
        params._cached_defaults, ice_table._bundled, presets._load_presets,
        claims._bundled, calibration._bundled, places.load_gazetteer,
    ]  # fmt: skip
    for cache in caches:
        cache.cache_clear()


@pytest.fixture
def data_copy(tmp_path, monkeypatch):
    """A copy of corridors/data that the package reads instead (restored after the test)."""
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data, ignore=shutil.ignore_patterns("geodata"))
    _paths_to(monkeypatch, data)
    yield data
    monkeypatch.undo()
    _forget()


def test_the_bundled_files_are_all_good():
    assert bundled_problems() == []


@pytest.mark.parametrize(("name", "how", "said"), CASES, ids=[f"{n}-{h}" for n, h, _ in CASES])
def test_the_check_names_each_broken_file(data_copy, name, how, said):
    _break(data_copy / name, how)
    problems = bundled_problems()
    assert problems, "a broken file passed the check"
    text = "\n".join(map(str, problems))
    assert name in text and said in text, text
    assert str(data_copy) not in text and str(DATA_DIR) not in text
    if name == "ice.toml":  # the claims and the calibration depend on it: not blamed
        assert {p.source.split(":")[0] for p in problems} == {"ice.toml"}, text


def test_two_broken_files_are_both_named(data_copy):
    _break(data_copy / "claims.toml", "corrupt")
    _break(data_copy / "calibration.toml", "missing")
    sources = {p.source.split(":")[0] for p in bundled_problems()}
    assert sources == {"claims.toml", "calibration.toml"}


# ----------------------------------------------------------------------------
# the app: every page names the file (AppTest)
# ----------------------------------------------------------------------------
APP = ROOT / "app.py"
PAGES = ("corridors_app/views/compare.py", "corridors_app/views/network.py", "corridors_app/views/methodology.py")


@pytest.fixture
def fresh_app_caches():
    from corridors_app import session

    session._bundled_data_ok.clear()
    session.preset_scenarios.clear()
    yield
    session._bundled_data_ok.clear()
    session.preset_scenarios.clear()


APP_CASES = [
    ("defaults.toml", "missing", "no such file"),
    ("defaults.toml", "truncated", "field"),
    ("scenarios/red-sea-closed.toml", "corrupt", "invalid TOML"),
    ("claims.toml", "corrupt", "invalid TOML"),
    ("ice.toml", "binary", "not UTF-8"),
    ("calibration.toml", "missing", "no such file"),
]


@pytest.mark.parametrize(("name", "how", "said"), APP_CASES, ids=[f"{n}-{h}" for n, h, _ in APP_CASES])
def test_app_names_a_broken_bundled_file(data_copy, fresh_app_caches, name, how, said):
    from streamlit.testing.v1 import AppTest

    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    _break(data_copy / name, how)
    at = AppTest.from_file(str(APP), default_timeout=120)
    at.run()
    for page in (None, *PAGES):
        if page:
            at.switch_page(page)
            at.run()
        assert not at.exception, (page, [e.value for e in at.exception])
        errors = " ".join(e.value for e in at.error)
        shown = errors + " ".join(c.value for c in at.code)  # the problems: plain text in a code block
        assert "data file of the planner could not be read" in errors, (page, errors)
        assert name in shown and said in shown, (page, shown)
        assert "network could not be loaded" not in shown.lower()
        assert str(data_copy) not in shown and str(ROOT) not in shown


def test_app_recovers_once_the_file_is_restored(data_copy, fresh_app_caches):
    from streamlit.testing.v1 import AppTest

    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    good = (data_copy / "defaults.toml").read_bytes()
    _break(data_copy / "defaults.toml", "missing")
    at = AppTest.from_file(str(APP), default_timeout=120)
    at.run()
    assert at.error and any("defaults.toml" in c.value for c in at.code)
    (data_copy / "defaults.toml").write_bytes(good)
    _forget()
    at.run()
    assert not at.exception and not at.error, [e.value for e in at.error]
