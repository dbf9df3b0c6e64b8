"""Fuzzing the engine commands of the CLI: ``route``, ``compare``, ``scenarios``.

(test_fuzz_cli.py covers every command with random tokens and odd
``--extra`` uploads; this file aims at the engine's inputs.) Command lines
mix node ids, names and garbage; huge, negative and non-numeric ``-k``;
bad ``--optimize``; many ``--via`` and ``--scenario`` (over the limits);
``--scenario`` naming presets, missing files, directories, ``/dev/null``,
``/dev/zero``, binary, deep, over-size and hostile TOML files and path
traversal; ``-o`` to odd places inside the example's temporary directory.
The only outcome allowed: exit status 0, 1 or 2 with a message, never a
traceback, never a hang.
"""

from __future__ import annotations

import contextlib
import io
import os
import tempfile
from pathlib import Path

import pytest
import scenario_strategies as ss
from fuzz_settings import fuzz
from hardening_checks import check_cli_outcome, time_limit
from hypothesis import given
from hypothesis import strategies as st

from corridors.cli import main
from corridors.model.scenario import MAX_SCENARIO_BYTES
from corridors.report.compare import MAX_SCENARIOS
from corridors.routing.route import MAX_ALTERNATIVES, MAX_VIA

PLACES = ("INNSA", "RUMOW", "IRBND", "AZ-YALAMA", "RULED", "innsa", "Moscow", "Vladivostk", "NOWHERE", "", "-", "../x")
SCENARIO_FILES = (
    "good.toml",
    "fuzzed.toml",
    "fuzzed.bin",
    "binary.toml",
    "deep.toml",
    "dotted.toml",
    "huge.toml",
    "empty.toml",
    "adir",
    "missing.toml",
    "no/such/dir/x.toml",
    "/dev/null",
    "/dev/zero",
    "../../etc/passwd",
    "/etc/passwd",
    "baseline",
    "red-sea-closed",
    "red-sea-closd",
    "a=1",
    'name = "inline"\nmonth = 3',
)
OUTPUTS = ("out.txt", "adir", "adir/out.csv", "no/such/dir/x.txt", "/dev/null", "out\x00.txt", "", ".")
K_VALUES = ("1", "2", str(MAX_ALTERNATIVES), str(MAX_ALTERNATIVES + 1), "0", "-1", "-99", "1e3", "x", "99999999999999999999")
OPTIMIZE = ("time", "cost", "co2", "distance", "speed", "TIME", "", "co2e")


def _workdir(root: Path, scenario_text: str, scenario_bytes: bytes) -> None:
    (root / "adir").mkdir()
    (root / "good.toml").write_text('name = "good"\nclosed_chokepoints = ["suez"]\n[speed_factor]\nsea = 0.9\n')
    (root / "fuzzed.toml").write_text(scenario_text, encoding="utf-8", errors="surrogatepass")
    (root / "fuzzed.bin").write_bytes(scenario_bytes)
    (root / "binary.toml").write_bytes(bytes(range(256)) * 8)
    (root / "deep.toml").write_text('name = "d"\nx = ' + "[" * 40_000 + "]" * 40_000 + "\n")
    (root / "dotted.toml").write_text('name = "d"\n[' + ".".join(["a"] * 30_000) + "]\n")
    with (root / "huge.toml").open("wb") as handle:  # sparse
        handle.truncate(MAX_SCENARIO_BYTES * 50)
    (root / "empty.toml").write_bytes(b"")


def _run(argv: list[str], scenario_text: str = "", scenario_bytes: bytes = b"") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    cwd = os.getcwd()
    with tempfile.TemporaryDirectory(prefix="corridors-cli-engine-") as tmp:
        _workdir(Path(tmp), scenario_text, scenario_bytes)
        os.chdir(tmp)
        try:
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err), time_limit(30, "corridors"):
                code = main(argv)
        finally:
            os.chdir(cwd)
    return code, out.getvalue(), err.getvalue()


def _check(argv: list[str], code: object, out: str, err: str) -> None:
    check_cli_outcome(argv, code, out, err)
    if code == 0:
        return
    for line in err.splitlines():
        assert len(line) <= 2000, line[:300]


place = st.sampled_from(PLACES) | st.text(max_size=12).filter(lambda t: not t.startswith(("/", "~")) and ".." not in t)


@st.composite
def engine_argvs(draw: st.DrawFn) -> list[str]:
    command = draw(st.sampled_from(("route", "route", "compare", "scenarios")))
    if command == "scenarios":
        argv = ["scenarios"]
        if draw(st.booleans()):
            argv.append(draw(st.sampled_from(SCENARIO_FILES) | place))
        return argv
    argv = [command, draw(place), draw(place)]
    options = {
        "-k": st.sampled_from(K_VALUES),
        "--optimize": st.sampled_from(OPTIMIZE),
        "--via": place,
        "--avoid": st.sampled_from(("suez", "nsr", "road", "INNSA", "hormuz", "atlantis")) | place,
        "--scenario": st.sampled_from(SCENARIO_FILES),
        "-o": st.sampled_from(OUTPUTS),
        "--format": st.sampled_from(("table", "csv", "json", "geojson", "xml")),
    }
    for flag in draw(st.lists(st.sampled_from(sorted(options)), max_size=5)):
        argv += [flag, draw(options[flag])]
    if draw(st.integers(0, 9)) == 0:  # over a limit
        flag, values = draw(st.sampled_from((("--via", ("IRBND", "AZ-YALAMA")), ("--scenario", ("baseline", "good.toml")))))
        count = draw(st.sampled_from((MAX_VIA, MAX_VIA + 1, MAX_SCENARIOS, MAX_SCENARIOS + 1)))
        for i in range(count):
            argv += [flag, values[i % 2]]
    return argv


@fuzz(share=0.4)
@given(argv=engine_argvs(), text=ss.toml_texts(), data=ss.toml_bytes())
def test_engine_commands_give_an_exit_status_and_a_message(argv, text, data):
    code, out, err = _run(argv, text, data)
    _check(argv, code, out, err)


@pytest.mark.parametrize(
    ("argv", "expected", "text"),
    [
        (["route", "INNSA", "RUMOW", "--scenario", "good.toml"], 0, "scenario: good"),
        (["route", "INNSA", "RUMOW", "--scenario", "binary.toml"], 1, "binary.toml: not UTF-8 text"),
        (["route", "INNSA", "RUMOW", "--scenario", "deep.toml"], 1, "nested 40,000 levels deep, over the limit of 16"),
        (["route", "INNSA", "RUMOW", "--scenario", "dotted.toml"], 1, "a dotted key of 30,000 parts, over the limit of 16"),
        (["route", "INNSA", "RUMOW", "--scenario", "huge.toml"], 1, "file is 5,000,000 bytes, larger than the limit of 100,000 bytes"),
        (["route", "INNSA", "RUMOW", "--scenario", "adir"], 1, "not a regular file"),
        (["route", "INNSA", "RUMOW", "--scenario", "/dev/zero"], 1, "not a regular file"),
        (["route", "INNSA", "RUMOW", "--scenario", "missing.toml"], 1, "no preset scenario or file named 'missing.toml'"),
        (["route", "INNSA", "RUMOW", "--scenario", "empty.toml"], 1, "field 'name': Field required"),
        (["route", "INNSA", "RUMOW", "-k", str(MAX_ALTERNATIVES)], 0, ""),
        (["route", "INNSA", "RUMOW", "-k", str(MAX_ALTERNATIVES + 1)], 2, "11 alternatives asked for, over the limit of 10"),
        (["route", "INNSA", "RUMOW", "-k", "99999999999999999999"], 2, "a 20-digit number alternatives asked for"),
        (["route", "INNSA", "RUMOW", "-k", "0"], 2, "alternatives must be a positive integer, got 0"),
        (["route", "INNSA", "RUMOW", "--optimize", "speed"], 2, "usage:"),
        (["route", "INNSA", "RUMOW", *["--via", "IRBND"] * (MAX_VIA + 1)], 2, "6 via nodes asked for, over the limit of 5"),
        (["compare", "INNSA", "RUMOW", *["--scenario", "baseline"] * MAX_SCENARIOS], 0, ""),
        (
            ["compare", "INNSA", "RUMOW", *["--scenario", "baseline"] * (MAX_SCENARIOS + 1)],
            2,
            "13 scenarios to compare at once, over the limit of 12",
        ),
        (["compare", "INNSA", "RUMOW", "--scenario", "good.toml", "--scenario", "red-sea-closed"], 0, ""),
        (["scenarios", "red-sea-closed"], 0, 'name = "red-sea-closed"'),
        (["scenarios", "good.toml"], 1, "a file path is not accepted here"),
        (["scenarios", "../../etc/passwd"], 1, "no preset scenario named '../../etc/passwd'"),
        (["route", "NOWHERE", "RUMOW"], 2, "unknown node 'NOWHERE'"),
    ],
)
def test_named_engine_cases(argv, expected, text):
    code, out, err = _run(argv)
    _check(argv, code, out, err)
    assert code == expected, (argv, code, err)
    assert text in (err if code else out), (argv, out[:500], err[:2000])


@pytest.mark.skipif(not Path("/etc/passwd").is_file(), reason="no /etc/passwd here")
def test_a_system_file_named_on_the_command_line_is_not_echoed():
    """--scenario /etc/passwd is the operator's own choice (read as a file): reported as invalid TOML, not echoed."""
    code, out, err = _run(["route", "INNSA", "RUMOW", "--scenario", "/etc/passwd"])
    assert code == 1 and "passwd: invalid TOML" in err
    assert "root:" not in err and not out
