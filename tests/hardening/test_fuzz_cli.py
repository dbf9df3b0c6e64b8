"""Fuzzing the command line: ``corridors.cli.main(argv)`` with random argument lists.

Arguments are drawn from the real subcommands and flags, unknown flags,
node ids and names, numbers, random text, and paths that do not exist,
directories, ``/dev/null``, empty files, files with garbage, deeply nested
JSON, an over-size (sparse) file, valid and invalid GeoJSON. The only outcome
allowed: exit status 0, 1 or 2, a message (``usage:``/``error:`` on stderr
when it is not 0), never a traceback, never a hang. Each example runs in a
fresh temporary directory (also the working directory, so ``-o`` writes
there).
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import tempfile
from pathlib import Path

import geojson_strategies as gs
import pytest
from fuzz_settings import fuzz
from hardening_checks import check_cli_outcome, time_limit
from hypothesis import given
from hypothesis import strategies as st

from corridors.cli import main
from corridors.network import schema

UNIT_FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"

SUBCOMMANDS = ("validate", "nodes", "route", "compare", "scenarios")
FLAGS = (
    "--data",
    "--extra",
    "--format",
    "--table",
    "--optimize",
    "-k",
    "--alternatives",
    "--via",
    "--avoid",
    "-o",
    "--output",
    "--scenario",
    "-h",
    "--help",
    "--bogus",
    "-x",
    "--",
    "-",
    "--data=",
    "--format=csv",
    "--format=xml",
    "--format=json",
    "--format=geojson",
    "--table=summary",
    "-k=3",
    "-k3",
    "--alt=2",
    "--optimize=cost",
    "--optimize=speed",
)
VALUES = (
    "INNSA",
    "RUMOW",
    "RUVVO",
    "IRBND",
    "innsa",
    "Nhava Sheva",
    "Vladivostk",
    "SEA-HORMUZ",
    "table",
    "csv",
    "json",
    "geojson",
    "legs",
    "summary",
    "time",
    "cost",
    "co2",
    "distance",
    "0",
    "-1",
    "1",
    "3",
    "11",
    "99999999999999999999999",
    "1e3",
    "nan",
    "baseline",
    "red-sea-closed",
    "nsr-winter-arc7",
    "no-such-preset",
    "a=1",
    "[x]\ny = ",
    *schema.CHOKEPOINTS[:4],
    *schema.CORRIDORS[:3],
    *schema.MODES[:3],
)
PATHS = (
    "missing.geojson",
    "no/such/dir/x.geojson",
    "adir",
    "empty.geojson",
    "garbage.geojson",
    "binary.geojson",
    "deep.geojson",
    "huge.geojson",
    "valid_west.geojson",
    "valid_east.geojson",
    "invalid.geojson",
    "upload.geojson",
    "scenario.toml",
    "out.txt",
    "/dev/null",
    "/",
    "/proc/self/status",
)


def _safe_text(text: str) -> bool:
    """Random text that cannot name a file outside the example's directory."""
    return not text.startswith(("/", "~")) and ".." not in text


tokens = st.one_of(
    st.sampled_from(SUBCOMMANDS),
    st.sampled_from(FLAGS),
    st.sampled_from(VALUES),
    st.sampled_from(PATHS),
    st.text(max_size=12).filter(_safe_text),
)
_values = st.sampled_from(VALUES) | st.sampled_from(PATHS) | st.text(max_size=12).filter(_safe_text)
_pieces = st.one_of(
    st.tuples(st.sampled_from(FLAGS), _values).map(list),  # an option and a value for it
    st.tuples(st.sampled_from(("--data", "--extra", "-o", "--scenario")), st.sampled_from(PATHS)).map(list),
    tokens.map(lambda token: [token]),
)


@st.composite
def _argvs(draw: st.DrawFn) -> list[str]:
    first = draw(st.sampled_from(SUBCOMMANDS)) if draw(st.integers(0, 5)) else draw(tokens)
    argv = [first]
    if first in ("route", "compare") and draw(st.integers(0, 3)):  # mostly with ORIGIN and DESTINATION
        argv += draw(st.lists(st.sampled_from(VALUES[:8]) | _values, min_size=2, max_size=2))
    if first == "validate" and draw(st.booleans()):
        argv += draw(st.lists(st.sampled_from(PATHS), min_size=1, max_size=3))
    for piece in draw(st.lists(_pieces, max_size=draw(st.sampled_from((1, 2, 4))))):
        argv += piece
    return argv


argvs = _argvs()


def _workdir(root: Path, upload: bytes) -> None:
    (root / "adir").mkdir()
    (root / "empty.geojson").write_bytes(b"")
    (root / "garbage.geojson").write_bytes(b"this is { not [ json")
    (root / "binary.geojson").write_bytes(bytes(range(256)) * 4)
    (root / "deep.geojson").write_bytes(b"[" * 200_000 + b"]" * 200_000)
    with (root / "huge.geojson").open("wb") as handle:
        handle.truncate(2**30 + 1)  # sparse: over the operator's limit (the CLI reads national networks)
    shutil.copy(UNIT_FIXTURES / "mini" / "mini_west.geojson", root / "valid_west.geojson")
    shutil.copy(UNIT_FIXTURES / "mini" / "mini_east.geojson", root / "valid_east.geojson")
    shutil.copy(UNIT_FIXTURES / "validation" / "several_problems.geojson", root / "invalid.geojson")
    (root / "upload.geojson").write_bytes(upload)
    (root / "scenario.toml").write_text('name = "x"\nmonth = 13\n[closed]\nchokepoints = ["suez"]\n')


def _run(argv: list[str], upload: bytes) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    cwd = os.getcwd()
    with tempfile.TemporaryDirectory(prefix="corridors-cli-fuzz-") as tmp:
        _workdir(Path(tmp), upload)
        os.chdir(tmp)
        try:
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err), time_limit(30, "corridors"):
                code = main(argv)
        finally:
            os.chdir(cwd)
    return code, out.getvalue(), err.getvalue()


_check = check_cli_outcome


@fuzz(share=0.6)
@given(argv=argvs, upload=gs.hostile_uploads())
def test_any_argv_gives_an_exit_status_and_a_message(argv, upload):
    code, out, err = _run(argv, upload)
    _check(argv, code, out, err)


@fuzz(share=0.4)
@given(
    command=st.sampled_from(("validate", "nodes")),
    option=st.sampled_from(("", "--data", "--extra")),
    paths=st.lists(st.sampled_from(PATHS), min_size=1, max_size=3),
    upload=gs.hostile_uploads(),
)
def test_data_commands_on_any_files(command, option, paths, upload):
    """validate FILES / nodes --data FILE / nodes --extra FILE on every kind of file."""
    if command == "validate":
        argv = ["validate", *paths]
    else:
        argv = ["nodes"] + [a for path in paths for a in ((option, path) if option else ("--extra", path))]
    code, out, err = _run(argv, upload)
    _check(argv, code, out, err)


def test_named_cases():
    """The cases the issue names, once each, with the exit status they must give."""
    cases = [
        (["--bogus"], 2, "usage:"),
        (["validate", "--bogus"], 2, "usage:"),
        ([], 2, "usage:"),
        (["validate", "missing.geojson"], 1, "no such file"),
        (["validate", "adir"], 1, "not a regular file"),
        (["validate", "/dev/null"], 1, "not a regular file"),
        (["validate", "garbage.geojson"], 1, "not valid JSON"),
        (["validate", "binary.geojson"], 1, "not UTF-8"),
        (["validate", "deep.geojson"], 1, "nested 200,000 levels deep, over the limit of 64"),
        (["validate", "huge.geojson"], 1, "file is 1,073,741,825 bytes, larger than the limit of 1 GiB"),
        (["nodes", "--extra", "upload.geojson"], 1, "not valid JSON"),
        (["validate", "valid_west.geojson", "valid_east.geojson"], 0, ""),
    ]
    for argv, expected, text in cases:
        code, out, err = _run(argv, b"{")
        _check(argv, code, out, err)
        assert code == expected, (argv, code, err)
        assert text in (err if code else out), (argv, err)


@st.composite
def _engine_argvs(draw: st.DrawFn) -> list[str]:
    """Well-formed route/compare command lines with odd values (and a hostile --extra upload)."""
    ids = [n.id for n in gs.base_nodes()]
    place = st.sampled_from(ids) | st.sampled_from(VALUES[:8]) | st.text(max_size=10).filter(_safe_text)
    command = draw(st.sampled_from(("route", "compare")))
    argv = [command, draw(place), draw(place)]
    options = {
        "--optimize": st.sampled_from(("time", "distance", "cost", "co2")),
        "-k": st.sampled_from(("1", "2", "3", "10", "0", "-2", "11", "100000")),
        "--via": place,
        "--avoid": st.sampled_from((*schema.CHOKEPOINTS, *schema.CORRIDORS, *schema.MODES)) | place,
        "--scenario": st.sampled_from(("baseline", "red-sea-closed", "nsr-winter-arc7", "scenario.toml", "nope")),
        "--format": st.sampled_from(("table", "csv", "json", "geojson") if command == "route" else ("table", "csv", "json")),
        "--extra": st.sampled_from(("upload.geojson", "valid_east.geojson")),
        "-o": st.sampled_from(("out.txt", "adir", "/dev/null", "no/such/dir/x.txt")),
    }
    if command == "route":
        options["--table"] = st.sampled_from(("legs", "summary"))
    for flag in draw(st.lists(st.sampled_from(sorted(options)), max_size=5)):
        argv += [flag, draw(options[flag])]
    return argv


@fuzz(share=0.6)
@given(argv=_engine_argvs(), upload=gs.hostile_uploads() | gs.valid_upload_bytes())
def test_route_and_compare_with_odd_values(argv, upload):
    code, out, err = _run(argv, upload)
    _check(argv, code, out, err)


@pytest.mark.parametrize(
    ("target", "reason"),
    [("adir", "Is a directory"), ("no/such/dir/x.txt", "No such file or directory"), ("a\x00b", "embedded null")],
)
def test_unwritable_output_is_an_error_message_not_a_traceback(tmp_path, monkeypatch, target, reason):
    """Regression: ``-o DIR`` or ``-o missing/dir/file`` ended in a traceback (OSError from open)."""
    from corridors import CorridorsError, cli

    monkeypatch.chdir(tmp_path)
    (tmp_path / "adir").mkdir()
    with pytest.raises(CorridorsError) as info:
        cli.emit("text", target)
    assert str(info.value).startswith("error: ") is False
    assert str(info.value).startswith(f"cannot write {target!r}: ")
    assert reason in str(info.value)


def test_main_maps_an_unwritable_output_to_exit_status_2(tmp_path, monkeypatch, capsys):
    """The whole path through main(), with the engine command replaced (its output is not the point)."""
    from corridors import cli

    monkeypatch.chdir(tmp_path)
    (tmp_path / "adir").mkdir()

    def fake_route(args):
        cli.emit("route text\n", args.output)
        return cli.EXIT_OK

    monkeypatch.setattr(cli, "_cmd_route", fake_route)
    parser_defaults = {}

    original = cli._add_route

    def add_route(subparsers, common):
        original(subparsers, common)
        subparsers.choices["route"].set_defaults(func=fake_route)
        parser_defaults["route"] = True

    monkeypatch.setattr(cli, "_SUBCOMMANDS", tuple(add_route if f is original else f for f in cli._SUBCOMMANDS))
    assert main(["route", "INNSA", "RUMOW", "-o", "adir"]) == 2
    out, err = capsys.readouterr()
    assert parser_defaults and out == ""
    assert err == "error: cannot write 'adir': Is a directory\n"
    assert main(["route", "INNSA", "RUMOW", "-o", "out.txt"]) == 0
    assert (tmp_path / "out.txt").read_text() == "route text\n"
