"""Tests of the engine's CLI commands: route, compare, scenarios."""

from __future__ import annotations

import csv
import io
import json

import pytest

from corridors.cli import main
from corridors.model.presets import presets

from .conftest import TOY

DATA = ["--data", str(TOY)]


def run(capsys, *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_route_table(capsys) -> None:
    status, out, err = run(capsys, "route", "INNSA", "RUMOW", "-k", "2", *DATA)
    assert status == 0, err
    # the CLI reads the GeoJSON itself: lengths come from the geometry, figures from the defaults
    assert out.startswith("Nhava Sheva (INNSA) -> Moscow (RUMOW)")
    assert "\n1. " in out and "\n2. " in out and "P50" in out and "USD" in out
    assert "dwell at end" in out


@pytest.mark.parametrize("fmt", ["json", "geojson", "csv"])
def test_route_formats(capsys, fmt) -> None:
    status, out, _ = run(capsys, "route", "innsa", "Moscow", "--format", fmt, "--optimize", "cost", *DATA)
    assert status == 0
    if fmt == "json":
        assert json.loads(out)["routes"][0]["optimize"] == "cost"
    elif fmt == "geojson":
        assert json.loads(out)["type"] == "FeatureCollection"
    else:
        rows = list(csv.DictReader(io.StringIO(out)))
        assert rows and "distance_km" in rows[0] and "co2e_source" in rows[0]


def test_route_summary_csv_to_file(capsys, tmp_path) -> None:
    out_file = tmp_path / "summary.csv"
    status, out, _ = run(
        capsys,
        "route",
        "INNSA",
        "RUMOW",
        "--format",
        "csv",
        "--table",
        "summary",
        "-k",
        "3",
        "-o",
        str(out_file),
        *DATA,
    )
    assert status == 0 and out == ""
    rows = list(csv.DictReader(out_file.open(encoding="utf-8")))
    assert [r["rank"] for r in rows] == ["1", "2", "3"]


def test_route_avoid_and_scenario(capsys) -> None:
    status, out, _ = run(
        capsys, "route", "INNSA", "RUMOW", "--avoid", "hormuz", "--avoid", "AZ-ASTARA", *DATA
    )
    assert status == 0 and "\n1. " in out
    assert "SEA-HORMUZ" not in out and "AZ-ASTARA" not in out
    status, out, _ = run(
        capsys,
        "route",
        "INNSA",
        "RULED",
        "--scenario",
        "red-sea-closed",
        "--avoid",
        "rail",
        "--avoid",
        "road",
        "--avoid",
        "ferry",
        *DATA,
    )
    assert status == 0 and "1. Cape" in out


def test_route_without_a_route_is_an_answer(capsys, tmp_path) -> None:
    scenario = tmp_path / "shut.toml"
    scenario.write_text(
        'name = "shut"\nmonth = 1\nclosed_chokepoints = ["suez", "bab-el-mandeb", "cape-of-good-hope"]\n',
        encoding="utf-8",
    )
    status, out, _ = run(
        capsys, "route", "RULED", "RUVVO", "--scenario", str(scenario), "--avoid", "rail", *DATA
    )
    assert status == 0
    assert "No route from" in out and "in January, non-ice-class ships: closed; the NSR rules bar them" in out


def test_route_errors(capsys) -> None:
    status, _, err = run(capsys, "route", "INNSX", "RUMOW", *DATA)
    assert status == 2 and "did you mean" in err and "INNSA" in err
    status, _, err = run(capsys, "route", "INNSA", "RUMOW", "--scenario", "red-sea-closd", *DATA)
    assert status == 1 and "red-sea-closed" in err
    status, _, err = run(capsys, "route", "INNSA", "RUMOW", "--avoid", "Atlantis", *DATA)
    assert status == 2 and "unknown node" in err


def test_compare(capsys) -> None:
    status, out, _ = run(
        capsys,
        "compare",
        "INNSA",
        "RUMOW",
        "--scenario",
        "baseline",
        "--scenario",
        "rasht-astara-built",
        *DATA,
    )
    assert status == 0
    lines = out.splitlines()
    assert lines[0].split()[:3] == ["scenario", "#", "route"]
    assert lines[1].startswith("baseline") and lines[2].startswith("rasht-astara-built")
    status, out, _ = run(capsys, "compare", "INNSA", "RUMOW", "--format", "csv", *DATA)
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == len(presets()) and {"p50_days", "p90_days", "reason"} <= set(rows[0])
    status, out, _ = run(
        capsys, "compare", "INNSA", "RUMOW", "--format", "json", "--scenario", "hormuz-closed", *DATA
    )
    assert json.loads(out)[0]["scenario"] == "hormuz-closed"


def test_scenarios(capsys) -> None:
    status, out, _ = run(capsys, "scenarios")
    assert status == 0
    assert out.splitlines()[1].startswith("baseline")
    assert "red-sea-closed" in out and "closed_chokepoints" in out
    status, out, _ = run(capsys, "scenarios", "slow-steaming")
    assert status == 0 and out.startswith('name = "slow-steaming"') and "[speed_factor]" in out
    status, _, err = run(capsys, "scenarios", "nope")
    assert status == 1 and "presets" in err
