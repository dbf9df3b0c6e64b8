"""A built wheel, installed into a new virtualenv away from the source tree, runs.

Builds the wheel (``pip wheel --no-deps``), installs it with its dependencies
into a fresh virtualenv in a temporary folder, and from there (no source tree
on ``sys.path``) runs the CLI, the app script under Streamlit's ``AppTest``,
and ``corridors-app`` as a real server answering on loopback. About a minute,
most of it installing the dependencies (from pip's cache when warm).
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ("pyproject.toml", "README.md", "corridors", "corridors_app")

pytestmark = pytest.mark.slow


def _run(args: list[str], cwd: Path, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")}
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False)


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A virtualenv holding the wheel and its dependencies; returns its bin folder."""
    work = tmp_path_factory.mktemp("wheel")
    source = work / "source"  # a copy: the build writes build/ and *.egg-info/ beside the sources
    source.mkdir()
    for name in SOURCES:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, source / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(ROOT / name, source / name)
    built = _run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(work / "dist"), str(source)], work)
    assert built.returncode == 0, built.stderr[-2000:]
    (wheel,) = (work / "dist").glob("corridors-*.whl")
    venv.create(work / "env", with_pip=True)
    bin_dir = work / "env" / "bin"
    install = _run([str(bin_dir / "python"), "-m", "pip", "install", "-q", str(wheel)], work, timeout=900)
    if install.returncode != 0 and "No matching distribution" in install.stderr:
        pytest.skip("the dependencies cannot be installed here (no package index)")
    assert install.returncode == 0, install.stderr[-2000:]
    return bin_dir


def test_the_package_comes_from_the_wheel(installed: Path, tmp_path: Path):
    found = _run([str(installed / "python"), "-c", "import corridors, corridors_app; print(corridors.__file__)"], tmp_path)
    assert found.returncode == 0, found.stderr
    assert Path(found.stdout.strip()).is_relative_to(installed.parent)


def test_the_cli_routes_from_the_wheel(installed: Path, tmp_path: Path):
    done = _run([str(installed / "corridors"), "route", "INNSA", "RUMOW", "--format", "json"], tmp_path)
    assert done.returncode == 0, done.stderr
    answer = json.loads(done.stdout)
    assert answer["feasible"] and answer["routes"][0]["label"] == "INSTC western"
    assert answer["routes"][0]["node_ids"][-1] == "RUMOW"


def test_the_app_script_runs_from_the_wheel(installed: Path, tmp_path: Path):
    script = (
        "from pathlib import Path\n"
        "import corridors_app\n"
        "from streamlit.testing.v1 import AppTest\n"
        "at = AppTest.from_file(str(Path(corridors_app.__file__).parent / 'app.py'), default_timeout=120).run()\n"
        "assert not at.exception, [e.value for e in at.exception]\n"
        "print(len(at.get('deck_gl_json_chart')), at.selectbox[0].value, at.selectbox[1].value)\n"
    )
    done = _run([str(installed / "python"), "-c", script], tmp_path)
    assert done.returncode == 0, done.stderr[-3000:]
    charts, origin, destination = done.stdout.split()
    assert int(charts) >= 1 and origin and destination


def test_corridors_app_serves_on_loopback(installed: Path, tmp_path: Path):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    args = [str(installed / "corridors-app"), "--server.port", str(port), "--server.headless", "true"]
    proc = subprocess.Popen(args, cwd=tmp_path, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 90
        status = None
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as reply:
                    status = reply.status
                    break
            except OSError:
                time.sleep(0.5)
        assert status == 200, "corridors-app did not answer on 127.0.0.1"
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as page:
            assert page.status == 200 and b"<html" in page.read().lower()
    finally:
        proc.terminate()
        proc.wait(timeout=30)
