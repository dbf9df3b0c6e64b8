"""Issue 12 #7: the command line never ends in a traceback, keeps errors on standard error, writes -o atomically.

Real runs in a subprocess (``python -m corridors.cli`` and the installed
``corridors`` script) with standard output or error closed, standard output
on ``/dev/full`` or an ASCII-only encoding, an ``-o FILE`` write that fails
half-way (a file size limit), and the exit statuses of the README.
"""

from __future__ import annotations

import os
import resource
import shutil
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from corridors import cli
from corridors.cli import main, streams
from corridors.cli.common import EXIT_CODES_HELP

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = Path(sys.executable).with_name("corridors")  # the console script of the project's environment
MODULE = [sys.executable, "-m", "corridors.cli"]
README = ROOT / "README.md"


def _run(args: list[str], *, shell_suffix: str = "", env: dict[str, str] | None = None, **kwargs) -> subprocess.CompletedProcess:
    """Run the command; `shell_suffix` (e.g. ``>&-``) is applied by a shell."""
    environment = {**os.environ, **(env or {})}
    environment.pop("CORRIDORS_GEODATA_DIR", None)
    if shell_suffix:
        command = " ".join(f"'{a}'" for a in [*MODULE, *args]) + " " + shell_suffix
        return subprocess.run(["/bin/sh", "-c", command], capture_output=True, env=environment, timeout=300, check=False, **kwargs)
    return subprocess.run([*MODULE, *args], capture_output=True, env=environment, timeout=300, check=False, **kwargs)


def _no_traceback(run: subprocess.CompletedProcess) -> None:
    for stream in (run.stdout, run.stderr):
        assert b"Traceback" not in stream and b"Exception ignored" not in stream, stream[-2000:]


# ----------------------------------------------------------------------------
# closed and failing streams
# ----------------------------------------------------------------------------
def test_stdout_closed_is_a_message_not_a_traceback():
    run = _run(["nodes"], shell_suffix=">&-")
    _no_traceback(run)
    assert run.returncode == 2
    assert b"error: standard output is closed" in run.stderr


def test_stdout_closed_with_an_output_file_is_fine(tmp_path):
    run = _run(["nodes", "--format", "csv"], shell_suffix=">&-", cwd=tmp_path)
    assert run.returncode == 2  # nodes has no -o: nowhere to write
    out = tmp_path / "r.csv"
    run = _run(["route", "INNSA", "RUMOW", "--format", "csv", "-o", str(out)], shell_suffix=">&-")
    _no_traceback(run)
    assert run.returncode == 0 and out.read_text(encoding="utf-8").startswith("route"), run.stderr


def test_stderr_closed_keeps_errors_off_stdout():
    """The finding: with standard error closed, the error went to standard output (a CSV pipe)."""
    run = _run(["route", "NOWHERE", "RUMOW", "--format", "csv"], shell_suffix="2>&-")
    assert run.returncode == 2
    assert run.stdout == b""
    run = _run(["route", "INNSA", "RUMOW", "-k", "0", "--format", "csv"], shell_suffix="2>&-")
    assert run.returncode == 2 and run.stdout == b""


def test_stderr_closed_on_success_gives_only_the_csv():
    run = _run(["route", "INNSA", "RUMOW", "--format", "csv"], shell_suffix="2>&-")
    assert run.returncode == 0
    lines = run.stdout.decode("utf-8").splitlines()
    assert lines[0].startswith("route,") and all("error" not in line for line in lines)


def test_a_full_disk_on_stdout_is_a_message():
    run = _run(["nodes"], shell_suffix="> /dev/full")
    _no_traceback(run)
    assert run.returncode == 2
    assert b"error: cannot write to standard output: No space left on device" in run.stderr


def test_stderr_on_a_full_disk_too():
    run = _run(["route", "NOWHERE", "RUMOW"], shell_suffix="> /dev/full 2> /dev/full")
    assert run.returncode == 2  # nothing can be said; the status still says it


def test_a_reader_that_stops_is_not_an_error():
    run = _run(["nodes", "--format", "csv"], shell_suffix="| head -n 1")
    _no_traceback(run)
    assert run.returncode == 0  # head's status; the command's own is checked below
    run = subprocess.run(
        ["/bin/sh", "-c", " ".join(MODULE) + " nodes --format csv | head -n 1; exit 0"],
        capture_output=True, timeout=300, check=False,
    )  # fmt: skip
    assert run.stderr == b"" and run.stdout.startswith(b"id,name")


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
def test_an_ascii_only_encoding_replaces_what_it_cannot_show(encoding):
    """The finding: PYTHONIOENCODING=ascii and a non-ASCII name ended in a UnicodeEncodeError traceback."""
    run = _run(["nodes", "--format", "csv"], env={"PYTHONIOENCODING": encoding})
    _no_traceback(run)
    assert run.returncode == 0
    assert b"AZ-YALAMA,Yalama?Samur border crossing" in run.stdout  # an en dash in the name
    run = _run(["route", "Москва-порт", "RUMOW"], env={"PYTHONIOENCODING": encoding})
    _no_traceback(run)
    assert run.returncode == 2 and b"unknown node" in run.stderr


def test_an_ascii_only_encoding_for_the_route_table():
    run = _run(["route", "INNSA", "RUMOW", "--format", "table"], env={"PYTHONIOENCODING": "ascii:strict"})
    _no_traceback(run)
    assert run.returncode == 0 and run.stdout


# ----------------------------------------------------------------------------
# -o FILE: atomic
# ----------------------------------------------------------------------------
def _limit_file_size() -> None:
    """In the child: files may grow to 2,000 bytes; a larger write fails with EFBIG (SIGXFSZ ignored)."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (2000, 2000))


def test_a_failing_output_write_keeps_the_old_file(tmp_path):
    """The finding: -o FILE was truncated first, so a write that failed half-way destroyed it."""
    out = tmp_path / "routes.json"
    out.write_text("OLD ROUTES\n", encoding="utf-8")
    run = _run(["route", "INNSA", "RUMOW", "-k", "3", "--format", "json", "-o", str(out)], preexec_fn=_limit_file_size)
    _no_traceback(run)
    assert run.returncode == 2, run.stderr
    assert b"cannot write" in run.stderr and str(tmp_path).encode() in run.stderr  # the operator's own path, as given
    assert out.read_text(encoding="utf-8") == "OLD ROUTES\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["routes.json"]  # no temporary file left behind


def test_a_successful_output_write_replaces_the_file(tmp_path):
    out = tmp_path / "routes.csv"
    out.write_text("OLD\n", encoding="utf-8")
    out.chmod(0o640)
    run = _run(["route", "INNSA", "RUMOW", "--format", "csv", "-o", str(out)])
    assert run.returncode == 0 and run.stdout == b""
    assert out.read_text(encoding="utf-8").startswith("route,")
    assert stat.S_IMODE(out.stat().st_mode) == 0o640  # the old file's permissions kept
    assert sorted(p.name for p in tmp_path.iterdir()) == ["routes.csv"]


def test_write_file_through_a_symlink_replaces_its_target(tmp_path):
    target = tmp_path / "real.txt"
    target.write_text("old", encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    streams.write_file(str(link), "new")
    assert link.is_symlink() and target.read_text(encoding="utf-8") == "new"


def test_write_file_failing_half_way_in_process(tmp_path, monkeypatch):
    out = tmp_path / "a.txt"
    out.write_text("old", encoding="utf-8")

    def fail(*_args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(streams.os, "fsync", fail)
    with pytest.raises(streams.OutputError, match=r"cannot write .*a\.txt.*No space left on device"):
        streams.write_file(str(out), "new text")
    assert out.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]


def test_write_file_to_a_device_writes_through(tmp_path):
    streams.write_file(os.devnull, "anything")  # not replaced by a regular file
    assert Path(os.devnull).is_char_device()


@pytest.mark.parametrize(("name", "reason"), [("", "No such file or directory"), ("missing/dir/x.csv", "No such file or directory"), (".", "Is a directory")])
def test_write_file_errors_name_the_output(tmp_path, monkeypatch, name, reason):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(streams.OutputError) as err:
        streams.write_file(name, "x")
    assert str(err.value) == f"cannot write {name!r}: {reason}"


# ----------------------------------------------------------------------------
# exit statuses
# ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("args", "status"),
    [
        (["route", "INNSA", "RUMOW"], 0),
        (["route", "INNSA", "RUMOW", "--avoid", "instc", "--avoid", "suez", "--avoid", "nsr", "--avoid", "road", "--avoid", "rail"], 0),
        (["route", "INNSA", "RUMOW", "-k", "0"], 2),
        (["route", "INNSA", "RUMOW", "-k", "11"], 2),
        (["route", "INNSA", "RUMOW", "-k", "-3"], 2),
        (["route", "INNSA", "RUMOW", "-k", "two"], 2),
        (["route", "INNSA", "RUMOW", "--departure", "2026-02-30"], 2),
        (["route", "INNSA", "RUMOW", "--format", "xml"], 2),
        (["route", "NOWHERE", "RUMOW"], 2),
        (["route", "INNSA", "RUMOW", "--scenario", "no-such-preset"], 1),
        (["validate", "missing.geojson"], 1),
        (["frobnicate"], 2),
    ],
)
def test_exit_statuses(args, status, tmp_path):
    run = _run(args, cwd=tmp_path)
    _no_traceback(run)
    assert run.returncode == status, (args, run.returncode, run.stderr[-1500:])
    if status:
        assert run.stdout == b""
        assert run.stderr.startswith((b"error:", b"usage:"))


def test_alternatives_zero_and_eleven_are_both_usage_errors(capsys):
    """The finding: -k 0 exited 1 (invalid data) where -k 11 exited 2."""
    assert main(["route", "INNSA", "RUMOW", "-k", "0"]) == 2
    assert "alternatives must be a positive integer, got 0" in capsys.readouterr().err
    assert main(["route", "INNSA", "RUMOW", "-k", "11"]) == 2
    assert "11 alternatives asked for, over the limit of 10" in capsys.readouterr().err


def test_an_unexpected_error_is_one_line_not_a_traceback(monkeypatch, capsys):
    def boom(_args):
        raise KeyError("boom")

    monkeypatch.setattr(cli, "network_of", boom)
    assert main(["nodes"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: unexpected error (KeyError: 'boom')") and "Traceback" not in err


def test_the_installed_script_and_the_module_agree(tmp_path):
    if not SCRIPT.exists():
        pytest.skip("no console script in this environment")
    env = {k: v for k, v in os.environ.items() if k != "CORRIDORS_GEODATA_DIR"}
    script = subprocess.run([str(SCRIPT), "nodes", "--format", "csv"], capture_output=True, timeout=300, check=False, env=env)
    module = _run(["nodes", "--format", "csv"])
    assert script.returncode == module.returncode == 0 and script.stdout == module.stdout


def test_the_exit_statuses_are_documented():
    run = _run(["--help"])
    assert run.returncode == 0
    help_text = run.stdout.decode()
    assert "exit status:" in help_text and "--alternatives 0 or 11" in help_text
    assert " ".join(EXIT_CODES_HELP.split()) in " ".join(help_text.split())
    readme = README.read_text(encoding="utf-8")
    section = readme[readme.index("## Command line"):]
    section = section[: section.index("\n## ", 3)]
    for words in ("Exit status", "`0`", "`1`", "`2`", "--alternatives 0", "standard error", "atomic"):
        assert words in section, words


@pytest.mark.skipif(shutil.which("sh") is None, reason="no shell")
def test_help_with_stdout_closed():
    run = _run(["--help"], shell_suffix=">&-")
    _no_traceback(run)
    assert run.returncode == 0
