"""Checks shared by the hardening tests: readable errors, fingerprints, a hang guard."""

from __future__ import annotations

import contextlib
import hashlib
import math
import re
import signal
import threading
import time
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from unittest import mock

import numpy as np
import pandas as pd
from shapely.geometry.base import BaseGeometry

from corridors import CorridorsError, ValidationError
from corridors._errors import MAX_PROBLEMS

MAX_LINE = 1_000
"""Longest line accepted in an error message."""

_NOISE = (
    re.compile(r"Traceback \(most recent call last\)"),
    re.compile(r"<[\w.]+ object at 0x[0-9a-fA-F]+>"),
    re.compile(r"<class '[\w.]+'>"),
    re.compile(r"\b(?:File \"[^\"]+\", line \d+)"),
    re.compile(r"\b(?:KeyError|TypeError|AttributeError|IndexError|RecursionError|UnicodeDecodeError)\b"),
    re.compile(r"\bProblem\(source="),
)


def assert_readable(err: BaseException) -> str:
    """Assert `err` is the project's own error with a readable message; return the message."""
    assert isinstance(err, CorridorsError), f"not a CorridorsError: {type(err).__name__}: {err!r}"
    text = str(err)
    assert text.strip(), f"empty message from {type(err).__name__}"
    for pattern in _NOISE:
        assert not pattern.search(text), f"Python noise {pattern.pattern!r} in message:\n{text[:2000]}"
    bad = sorted({c for c in text if not _printable(c)})
    assert not bad, f"unprintable characters {bad!r} in message:\n{text[:2000]}"
    lines = text.split("\n")
    assert len(lines) <= MAX_PROBLEMS + 1, f"{len(lines)} lines"
    long = [line for line in lines if len(line) > MAX_LINE]
    assert not long, f"a line of {len(long[0]):,} characters: {long[0][:300]}..."
    if isinstance(err, ValidationError):
        assert err.problems
        assert all(str(problem).strip() for problem in err.problems)
    return text


def _printable(char: str) -> bool:
    return char == "\n" or char.isprintable() or unicodedata.category(char) == "Zs"


# --------------------------------------------------------------------------
# fingerprints of networks, to prove they do not change


def _canon(value: Any) -> Any:
    if isinstance(value, BaseGeometry):
        return ("geom", value.wkb_hex)
    if isinstance(value, list | tuple | np.ndarray):
        return tuple(_canon(v) for v in value)
    if isinstance(value, dict):
        return tuple(sorted((str(k), _canon(v)) for k, v in value.items()))
    if value is None or value is pd.NA:
        return None
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return "nan"
    return value


def frame_fingerprint(frame: pd.DataFrame) -> str:
    digest = hashlib.sha256()
    digest.update(repr((list(frame.columns), [str(t) for t in frame.dtypes], frame.index.name)).encode())
    for index, row in zip(frame.index, frame.itertuples(index=False, name=None), strict=True):
        digest.update(repr((index, _canon(row))).encode("utf-8", "surrogatepass"))
    digest.update(repr(getattr(frame, "crs", None)).encode())
    return digest.hexdigest()


def graph_fingerprint(graph: Any) -> str:
    digest = hashlib.sha256()
    digest.update(repr(_canon(dict(graph.graph))).encode())
    for node, data in sorted(graph.nodes(data=True), key=lambda item: str(item[0])):
        digest.update(repr((node, _canon(data))).encode("utf-8", "surrogatepass"))
    for u, v, key, data in sorted(graph.edges(keys=True, data=True), key=lambda item: str(item[2])):
        digest.update(repr((key, *sorted((str(u), str(v))), _canon(data))).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def network_fingerprint(network: Any) -> tuple[str, str, str]:
    """Hashes of the nodes frame, the legs frame and the graph (edges with attributes)."""
    return frame_fingerprint(network.nodes), frame_fingerprint(network.legs), graph_fingerprint(network.graph)


# --------------------------------------------------------------------------
# a hang guard


class Hang(AssertionError):
    """A call took longer than its time limit."""


@contextlib.contextmanager
def time_limit(seconds: float, what: str = "call") -> Iterator[None]:
    """Fail with :class:`Hang` when the block runs longer than `seconds`.

    Uses SIGALRM (main thread, POSIX) so a real hang is interrupted, not just
    measured; elsewhere it only measures.
    """
    start = time.perf_counter()
    use_alarm = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if use_alarm:

        def _alarm(signum: int, frame: Any) -> None:
            msg = f"{what} still running after {seconds} s: a hang"
            raise Hang(msg)

        previous = signal.signal(signal.SIGALRM, _alarm)
        signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        if use_alarm:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
    elapsed = time.perf_counter() - start
    if elapsed > seconds:
        msg = f"{what} took {elapsed:.1f} s, over {seconds} s"
        raise Hang(msg)


# --------------------------------------------------------------------------
# no file access


@contextlib.contextmanager
def no_file_access() -> Iterator[None]:
    """Fail if scenario code checks, opens or reads any file (a name must resolve to presets only)."""
    import corridors.model.scenario_toml as cs

    def refuse(*args: Any, **kwargs: Any) -> Any:
        msg = f"a file was touched: {args!r}"
        raise AssertionError(msg)

    with (
        mock.patch.object(cs, "_read_file", refuse),
        mock.patch.object(cs.os.path, "lexists", refuse),
        mock.patch.object(Path, "open", refuse),
        mock.patch.object(Path, "stat", refuse),
        mock.patch.object(Path, "read_text", refuse),
        mock.patch.object(Path, "read_bytes", refuse),
    ):
        yield


def check_cli_outcome(argv: list[str], code: object, out: str, err: str) -> None:
    """A CLI run ends in exit status 0, 1 or 2 with a message, never a traceback."""
    assert code in (0, 1, 2), f"exit status {code!r} for {argv!r}"
    for stream in (out, err):
        assert "Traceback" not in stream, stream[-3000:]
    if code == 0:
        return
    assert err.strip(), f"exit status {code} without a message for {argv!r}"
    first = err.lstrip().splitlines()[0]
    assert first.startswith(("usage:", "error:")), err[:2000]
    if code == 1:
        assert first.startswith("error:") and "problem" in first, err[:2000]
