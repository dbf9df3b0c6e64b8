"""corridors_app.polite: heavy work that leaves the interpreter to the other threads."""

from __future__ import annotations

import sys
import threading
import time

import pytest

from corridors_app.polite import polite


def _spin(seconds: float) -> int:
    """Pure-Python work (function calls, so the hook sees it) for about ``seconds``."""
    end, n = time.perf_counter() + seconds, 0
    while time.perf_counter() < end:
        n += abs(-1)
    return n


def test_the_block_runs_and_the_hook_is_removed():
    before = sys.getprofile()
    with polite(0.5):
        assert sum(range(10)) == 45
    assert sys.getprofile() is before


def test_the_block_works_at_most_its_share_of_the_time():
    start = time.perf_counter()
    with polite(0.25, slice_s=0.004):
        work = _spin(0.0)  # noqa: F841 - warm the hook
        t0 = time.process_time()
        while time.process_time() - t0 < 0.1:  # 0.1 s of CPU inside the block
            abs(-1)
    wall = time.perf_counter() - start
    assert wall > 0.3, f"0.1 s of work at a quarter share takes about 0.4 s, not {wall:.2f}"


def test_another_thread_keeps_most_of_its_speed():
    """A busy polite thread beside a measured one: the measured one's work takes far less than twice its idle time."""
    def measured() -> float:
        t0 = time.perf_counter()
        for _ in range(3):
            _spin_calls(60_000)
        return time.perf_counter() - t0

    idle = min(measured() for _ in range(3))
    stop = threading.Event()

    def neighbour() -> None:
        with polite(0.25):
            while not stop.is_set():
                _spin_calls(1_000)

    thread = threading.Thread(target=neighbour, daemon=True)
    thread.start()
    try:
        busy = min(measured() for _ in range(3))
    finally:
        stop.set()
        thread.join(timeout=5)
    assert busy < 1.7 * idle, (busy, idle)  # without polite() it is about 2x (two threads share the interpreter)


def _spin_calls(n: int) -> int:
    total = 0
    for i in range(n):
        total += abs(i)
    return total


def test_a_share_outside_zero_to_one_is_refused():
    with pytest.raises(ValueError, match="share"), polite(0):
        pass
