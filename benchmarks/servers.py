"""Servers for the benchmarks: ``streamlit run`` on 127.0.0.1, waited for, always stopped.

One home for what ``bench_load.py``, ``bench_app.py`` and ``load_test.py``
each started on their own: a free loopback port, the health wait and the
stop. The server runs from the checkout, so ``.streamlit/config.toml`` (the
app's settings) applies to every page measured.
"""

from __future__ import annotations

import contextlib
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

__all__ = ["ROOT", "free_port", "stop", "streamlit_server", "wait_healthy"]

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    """A free TCP port on 127.0.0.1."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_healthy(port: int, proc: subprocess.Popen | None, timeout: float = 90.0, poll: float = 0.1) -> None:
    """Wait until ``http://127.0.0.1:port/_stcore/health`` answers 200 (the process must stay alive)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"server on port {port} exited ({proc.returncode})")
        with contextlib.suppress(OSError), urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as r:
            if r.status == 200:
                return
        time.sleep(poll)
    raise TimeoutError(f"no healthy server on port {port}")


def stop(proc: subprocess.Popen) -> None:
    """Terminate a server, kill it if it does not end within 10 s."""
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


@contextlib.contextmanager
def streamlit_server(script: Path, port: int | None = None, extra: tuple[str, ...] = (), poll: float = 0.1) -> Iterator[tuple[int, subprocess.Popen]]:
    """``streamlit run script`` on 127.0.0.1 with the checkout's settings (and ``extra`` options); yield port and process."""
    port = port or free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(script), "--server.headless", "true", "--server.port", str(port),
         "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false", *extra],
        cwd=str(ROOT), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        wait_healthy(port, proc, poll=poll)
        yield port, proc
    finally:
        stop(proc)
