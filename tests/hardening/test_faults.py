"""Faults at start-up: a missing or corrupt file in geodata/.

The CLI exits non-zero naming the file and why, never with a traceback.
``CORRIDORS_GEODATA_DIR`` points the bundled loader at a broken copy.
"""

from __future__ import annotations

import shutil

import pytest

from corridors.cli import main
from corridors.network.loader import GEODATA_DIR, load_network


@pytest.fixture
def broken_geodata(tmp_path, monkeypatch):
    for f in GEODATA_DIR.glob("*.geojson"):
        shutil.copy(f, tmp_path / f.name)
    monkeypatch.setenv("CORRIDORS_GEODATA_DIR", str(tmp_path))
    return tmp_path


@pytest.mark.parametrize("command", [["route", "INNSA", "RUMOW"], ["nodes"], ["validate"], ["compare", "INNSA", "RUMOW", "--scenario", "baseline"]])
def test_corrupt_file_names_the_file(broken_geodata, capsys, command):
    (broken_geodata / "instc.geojson").write_text('{"type": "FeatureCollection", "features": [')
    code = main(command)
    err = capsys.readouterr().err
    assert code == 1
    assert "instc.geojson" in err and "not valid JSON" in err
    assert "Traceback" not in err


def test_missing_file_names_the_file(broken_geodata, capsys):
    (broken_geodata / "northern_sea_route.geojson").unlink()
    assert main(["route", "INNSA", "RUMOW"]) == 1
    err = capsys.readouterr().err
    assert "northern_sea_route.geojson" in err and "no such file" in err


def test_bundled_network_is_unaffected_after_a_broken_copy(broken_geodata, monkeypatch):
    (broken_geodata / "instc.geojson").write_text("{}")
    monkeypatch.delenv("CORRIDORS_GEODATA_DIR")
    assert "INNSA" in load_network().nodes.index
