"""The `corridors validate` and `corridors nodes` commands: exit codes and messages."""

from __future__ import annotations

import csv
import io

import pytest

import corridors.cli as cli
import corridors.cli.common as cli_common
from corridors import CorridorsError
from corridors.cli import main
from corridors.network.loader import CORRIDOR_FILES


def _run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_validate_valid_files(capsys, mini_paths):
    code, out, err = _run(capsys, "validate", *map(str, mini_paths))
    assert code == 0
    assert out == "2 files, 8 nodes, 7 legs: valid\n"
    assert err == ""


def test_validate_invalid_file_reports_everything_on_stderr(capsys, validation_file):
    code, out, err = _run(capsys, "validate", str(validation_file("several_problems")))
    assert code == 1
    assert out == ""
    lines = err.splitlines()
    assert lines[0] == "error: 6 problems found:"
    assert "several_problems.geojson: feature 2: field 'mode': unknown mode 'train'" in err
    assert len(lines) == 7
    assert "Traceback" not in err


def test_validate_missing_file(capsys, tmp_path):
    code, _, err = _run(capsys, "validate", str(tmp_path / "nope.geojson"))
    assert code == 1
    assert "nope.geojson: cannot read" in err and "no such file" in err


def test_validate_defaults_to_bundled_files(capsys, monkeypatch, mini_network):
    calls = []

    def fake_load(paths=None):
        calls.append(paths)
        return mini_network

    monkeypatch.setattr(cli, "load_network", fake_load)
    code, out, _ = _run(capsys, "validate")
    assert code == 0
    assert calls == [None]
    assert out == f"{len(CORRIDOR_FILES)} files, 8 nodes, 7 legs: valid\n"


def test_nodes_table(capsys, mini_paths):
    code, out, _ = _run(capsys, "nodes", "--data", str(mini_paths[0]), "--data", str(mini_paths[1]))
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["id", "name", "country", "kind", "corridors"]
    assert len(lines) == 9
    assert lines[5].split() == ["RUVVO", "Vladivostok", "RU", "seaport", "nsr,", "transsib"]


def test_nodes_csv_with_extra_file(capsys, mini_paths):
    code, out, _ = _run(capsys, "nodes", "--format", "csv", "--data", str(mini_paths[0]), "--extra", str(mini_paths[1]))
    assert code == 0
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == ["id", "name", "country", "kind", "corridors"]
    assert ["RUMOW", "Moscow", "RU", "rail_terminal", "instc, transsib"] in rows
    assert len(rows) == 9


def test_bad_extra_file_exits_1_naming_it(capsys, mini_paths, validation_file):
    code, _, err = _run(capsys, "nodes", "--data", str(mini_paths[0]), "--extra", str(validation_file("unknown_mode")))
    assert code == 1
    assert "unknown_mode.geojson: feature 2 (id 'EMC-MAA-VVO'): field 'mode'" in err


def test_corridors_error_is_printed_without_traceback(capsys, monkeypatch):
    def boom(*args, **kwargs):
        raise CorridorsError("something sensible went wrong")

    monkeypatch.setattr(cli_common, "load_network", boom)  # what every command's network_of calls
    code, out, err = _run(capsys, "nodes")
    assert code == 2
    assert err == "error: something sensible went wrong\n"
    assert out == ""


@pytest.mark.parametrize("argv", [[], ["bogus"], ["nodes", "--format", "xml"]])
def test_usage_errors_exit_2(capsys, argv):
    code, _, err = _run(capsys, *argv)
    assert code == 2
    assert "usage: corridors" in err


def test_help_exits_0(capsys):
    code, out, _ = _run(capsys, "--help")
    assert code == 0
    assert "validate" in out and "nodes" in out


def test_subcommands_are_registered_through_the_table():
    parser = cli._build_parser()
    args = parser.parse_args(["validate", "a.geojson"])
    assert args.func is cli._cmd_validate and args.files == ["a.geojson"]
    assert parser.parse_args(["nodes"]).func is cli._cmd_nodes
