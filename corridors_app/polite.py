"""Heavy work that leaves the interpreter to the other sessions most of the time.

Streamlit runs every session's script in a thread of one process, and
Python runs one thread at a time: an upload processed at full speed (a 5 MB
GeoJSON validated, joined to the network and drawn, a few seconds of CPU)
takes half of the interpreter, and every other planner's page load on that
process takes about twice as long meanwhile. :func:`polite` runs a block so
that it holds the interpreter at most a given share of the time: after each
slice of work it sleeps (a sleep releases the interpreter) for as long as
the share allows. The uploader waits longer (several times: the hook
itself is costly on code that makes many small calls); the others barely
notice (``benchmarks/bench_upload_stall.py --stall``). The app uses it for
uploads of :data:`FROM_BYTES` or more.

It uses :func:`sys.setprofile`, which hooks only the calling thread; the
hook counts calls and reads the clock every :data:`CHECK_EVERY` of them, so
it costs little. One long call into C (a ``json.loads`` of the whole file)
cannot be cut; everything in Python between such calls is.
"""

from __future__ import annotations

import contextlib
import sys
import time
from collections.abc import Iterator
from typing import Any

__all__ = ["CHECK_EVERY", "FROM_BYTES", "SHARE", "SLICE_S", "polite"]

SHARE = 0.25
"""Default share of the time the block may hold the interpreter (the others get the rest).

With 20 ms slices, another session's work took 1.3x its idle time (median)
while a 5 MB upload was processed at 0.25 (1.6x at 0.5, 2.9x at full speed);
the upload itself took about 14x as long, most of it the hook's own cost
(``benchmarks/bench_upload_stall.py --stall``; noisy: 1.1–1.8x over runs)."""

FROM_BYTES = 1_000_000
"""Uploads smaller than this are processed at full speed (well under a second of work)."""

SLICE_S = 0.02
"""Work between two pauses, seconds (few hand-overs of the interpreter: each costs the others up to a 5 ms switch interval)."""

CHECK_EVERY = 32
"""Calls between two looks at the clock."""


@contextlib.contextmanager
def polite(share: float = SHARE, slice_s: float = SLICE_S) -> Iterator[None]:
    """Run the block in slices of ``slice_s`` seconds, sleeping between them so it takes at most ``share`` of the time.

    Parameters
    ----------
    share : float
        Fraction of wall time the block may work, in (0, 1]; 1 turns the pauses off.
    slice_s : float
        Seconds of work between two pauses.

    Examples
    --------
    >>> with polite(0.5):
    ...     total = sum(range(1000))
    >>> total
    499500
    """
    if not 0 < share <= 1:
        raise ValueError(f"share must be in (0, 1], not {share!r}")
    if share == 1:
        yield
        return
    pause = slice_s * (1 - share) / share
    state = {"since": time.perf_counter(), "calls": 0}

    def hook(_frame: Any, event: str, _arg: Any) -> None:
        if event not in ("call", "c_call"):
            return
        state["calls"] += 1
        if state["calls"] % CHECK_EVERY:
            return
        now = time.perf_counter()
        if now - state["since"] >= slice_s:
            time.sleep(pause)
            state["since"] = time.perf_counter()

    previous = sys.getprofile()
    sys.setprofile(hook)
    try:
        yield
    finally:
        sys.setprofile(previous)
