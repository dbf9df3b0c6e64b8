"""Real-browser tests: a served app (streamlit run) driven by Playwright + Debian chromium.

Never downloads a browser: Playwright launches ``/usr/bin/chromium``. The
whole folder is skipped, with the reason, when that binary or the
playwright package is missing. Every test here is marked ``browser`` and
``slow``.

Screenshots go to ``test-artifacts/screenshots/`` (ignored by git) on every
run; ``./dev screenshots`` (``CORRIDORS_UPDATE_SCREENSHOTS=1``) also copies
them into ``docs/screenshots/``.

No fixed sleeps: every wait is on a condition (the app idle, a selector,
a canvas drawn, a value stable between two screenshots).
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
DOC_SCREENSHOTS = ROOT / "docs" / "screenshots"
UPDATE_DOCS = os.environ.get("CORRIDORS_UPDATE_SCREENSHOTS") == "1"
APP_FIXTURES = ROOT / "tests" / "app" / "fixtures"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--use-gl=swiftshader",
    "--enable-unsafe-swiftshader",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
VIEWPORT = {"width": 1400, "height": 1000}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark (and, without chromium/playwright, skip) every test in this folder."""
    reason = None
    if not CHROMIUM.exists():
        reason = f"{CHROMIUM} is missing (CI installs Debian's chromium; Playwright's own browsers are never downloaded)"
    else:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            reason = "the playwright package is not installed"
    here = Path(__file__).parent
    for item in items:
        if Path(str(item.fspath)).parent == here:
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.slow)
            if reason:
                item.add_marker(pytest.mark.skip(reason=reason))


def free_port() -> int:
    """A free TCP port on 127.0.0.1."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_healthy(url: str, proc: subprocess.Popen, *, timeout: float = 90.0) -> float:
    """Poll ``url`` until it answers 200 (between polls: wait up to 0.1 s for ``proc`` to exit); the seconds waited."""
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        with contextlib.suppress(OSError), urllib.request.urlopen(url, timeout=2) as resp:  # noqa: S310 - loopback only
            if resp.status == 200:
                return time.monotonic() - start
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(timeout=0.1)  # returns at once if the server died
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with code {proc.returncode}")
    raise TimeoutError(f"{url} not healthy after {timeout} s")


@contextlib.contextmanager
def served(script: Path, *, port: int | None = None, log: Path | None = None) -> Iterator[str]:
    """Run ``streamlit run script`` on a free loopback port; yield its base URL."""
    port = port or free_port()
    cmd = [
        sys.executable, "-m", "streamlit", "run", str(script),
        "--server.headless", "true",
        "--server.port", str(port),
        "--server.address", "127.0.0.1",
        "--browser.gatherUsageStats", "false",
    ]
    out = open(log, "w") if log else subprocess.DEVNULL  # noqa: SIM115
    proc = subprocess.Popen(cmd, cwd=str(ROOT), stdout=out, stderr=subprocess.STDOUT, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    base = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(base + "/_stcore/health", proc)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)
        if log:
            out.close()


@pytest.fixture(scope="session")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app as ``./dev app`` serves it (``corridors_app/serve.py``: guard, data route), one process for the whole session."""
    log = tmp_path_factory.mktemp("server") / "streamlit.log"
    with served(ROOT / "corridors_app" / "serve.py", log=log) as base:
        yield base


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's chromium, headless, software GL (no GPU)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh browser page (own session); JS dialogs are recorded and dismissed."""
    context = browser.new_context(viewport=VIEWPORT, accept_downloads=True)
    pg = context.new_page()
    pg.dialogs = []  # type: ignore[attr-defined]

    def _on_dialog(dialog: Any) -> None:
        pg.dialogs.append(dialog.message)  # type: ignore[attr-defined]
        dialog.dismiss()

    pg.on("dialog", _on_dialog)
    yield pg
    context.close()


@pytest.fixture(scope="session")
def network() -> Any:
    """The bundled network (what the served app shows)."""
    from corridors.network.loader import load_network

    return load_network()


# --------------------------------------------------------------------- helpers
_IDLE_JS = """(quiet) => {
    const status = document.querySelector('[data-testid=stStatusWidget]');
    const busy = (!!status && status.innerText.toLowerCase().includes('running'))
        || document.querySelectorAll('[data-stale=true]').length > 0
        || document.querySelectorAll('[data-testid=stSkeleton]').length > 0;
    const now = performance.now();
    if (busy || window.__idleSince === undefined) { window.__idleSince = busy ? undefined : now; return false; }
    return now - window.__idleSince >= quiet;
}"""

_RENDERED_JS = """() => {
    // the charts and tables shown (not those in a closed tab or expander)
    const shown = Array.from(document.querySelectorAll('[data-testid=stVegaLiteChart], [data-testid=stDataFrame]'))
        .filter(el => el.checkVisibility());
    const drawn = el => Array.from(el.querySelectorAll('canvas, svg')).some(c => c.getBoundingClientRect().width > 0);
    return shown.every(drawn) && document.fonts.status === 'loaded';
}"""


def wait_idle(pg: Any, *, timeout: float = 60.0, quiet_ms: int = 300) -> None:
    """Wait until the app has finished running: no 'running' status, no stale or skeleton element, for ``quiet_ms``."""
    pg.wait_for_selector("[data-testid=stApp]", timeout=timeout * 1000)
    pg.evaluate("() => { delete window.__idleSince; }")
    pg.wait_for_function(_IDLE_JS, arg=quiet_ms, timeout=timeout * 1000, polling=50)


def wait_rendered(pg: Any, *, timeout: float = 30.0) -> None:
    """Wait until the app is idle and every chart and table on the page has drawn (fonts loaded, two frames painted)."""
    wait_idle(pg, timeout=timeout)
    pg.wait_for_function(_RENDERED_JS, timeout=timeout * 1000)
    pg.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")


def wait_drawn(locator: Any, check: Callable[[dict[str, Any]], bool], *, timeout: float = 30.0) -> dict[str, Any]:
    """Screenshot ``locator`` until ``check(canvas_stats(shot))`` holds; the last stats (also on time-out, for the asserts)."""
    deadline = time.monotonic() + timeout
    stats = canvas_stats(locator.screenshot())
    while not check(stats) and time.monotonic() < deadline:
        stats = canvas_stats(locator.screenshot())
    return stats


def wait_stable(locator: Any, measure: Callable[[dict[str, Any]], float], *, tol: float = 1e-3, timeout: float = 30.0) -> float:
    """Screenshot ``locator`` until ``measure`` of two consecutive shots agrees within ``tol``; that value."""
    deadline = time.monotonic() + timeout
    last = measure(canvas_stats(locator.screenshot()))
    while time.monotonic() < deadline:
        value = measure(canvas_stats(locator.screenshot()))
        if abs(value - last) <= tol:
            return value
        last = value
    return last


def map_drawn(stats: dict[str, Any]) -> bool:
    """A map canvas with land, sea and lines drawn (not blank)."""
    return stats["distinct"] > 50 and stats["non_background"] > 0.2


def map_canvas(pg: Any) -> Any:
    """The deck.gl canvas locator of the (first) map."""
    loc = pg.locator("[data-testid=stDeckGlJsonChart] canvas").first
    loc.wait_for(state="visible", timeout=60_000)
    return loc


def project(lon: float, lat: float, view: dict[str, float], box: dict[str, float]) -> tuple[float, float]:
    """Page pixel of (lon, lat) on a Web-Mercator deck.gl MapView (pitch 0, bearing 0)."""
    scale = 512.0 * 2 ** view["zoom"]

    def merc_y(phi: float) -> float:
        return math.log(math.tan(math.pi / 4 + math.radians(phi) / 2))

    dx = ((lon - view["longitude"] + 540.0) % 360.0 - 180.0) / 360.0 * scale
    dy = (merc_y(lat) - merc_y(view["latitude"])) / (2 * math.pi) * scale
    return box["x"] + box["width"] / 2 + dx, box["y"] + box["height"] / 2 - dy


def canvas_stats(png: bytes) -> dict[str, Any]:
    """Distinct colours and share of non-background pixels of a screenshot."""
    import io

    from PIL import Image

    img = Image.open(io.BytesIO(png)).convert("RGB")
    small = img.resize((img.width // 2, img.height // 2))
    colours = small.getcolors(maxcolors=1_000_000) or []
    colours.sort(reverse=True)
    background = colours[0][1] if colours else (0, 0, 0)
    total = small.width * small.height
    non_bg = sum(n for n, c in colours if max(abs(a - b) for a, b in zip(c, background, strict=True)) > 12)
    return {"distinct": len(colours), "non_background": non_bg / total, "background": background, "image": img}


def count_near(img: Any, rgb: tuple[int, int, int], tol: int = 40) -> int:
    """Pixels within ``tol`` (per channel) of ``rgb``."""
    return sum(
        n for n, c in (img.getcolors(maxcolors=2_000_000) or []) if all(abs(a - b) <= tol for a, b in zip(c, rgb, strict=True))
    )


def upload_with_link(name: str | dict[str, Any], network: Any, *, status: str = "planned") -> bytes:
    """A tests/app/fixtures upload (file name, or the GeoJSON itself) joined to the base network by one road leg."""
    if str(ROOT / "tests" / "app") not in sys.path:
        sys.path.insert(0, str(ROOT / "tests" / "app"))
    from app_helpers import connected_upload

    doc = json.loads((APP_FIXTURES / name).read_text()) if isinstance(name, str) else name
    return connected_upload(doc, network, status=status)


def save_screenshot(pg: Any, name: str, *, height: int | None = None) -> Path:
    """Save a screenshot of the app (taller viewport for long pages) to test-artifacts/screenshots.

    With ``CORRIDORS_UPDATE_SCREENSHOTS=1`` (``./dev screenshots``) it is also
    copied to docs/screenshots.
    """
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    if height:
        pg.set_viewport_size({"width": VIEWPORT["width"], "height": height})
        wait_rendered(pg)
        maps = pg.locator("[data-testid=stDeckGlJsonChart] canvas")
        if maps.count():
            wait_drawn(maps.first, map_drawn)
    pg.screenshot(path=str(path))
    if height:
        pg.set_viewport_size(VIEWPORT)
    if UPDATE_DOCS:
        DOC_SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, DOC_SCREENSHOTS / path.name)
    return path


def upload(pg: Any, app_url: str, name: str, data: bytes) -> None:
    """On the Network page: add a GeoJSON (bytes) to this session's network (the result is not awaited)."""
    pg.goto(app_url + "/network")
    wait_idle(pg)
    pg.get_by_role("tab", name="Add data (this session)").click()
    pg.get_by_role("region", name="GeoJSON file").get_by_test_id("stFileUploaderDropzoneInput").set_input_files(
        files=[{"name": name, "mimeType": "application/geo+json", "buffer": data}]
    )
    wait_idle(pg)
    pg.get_by_role("button", name="Add to this session's network").click()
    wait_idle(pg)


def wait_cell(pg: Any, text: str, *, timeout: float = 30.0) -> None:
    """Wait until an st.dataframe cell shows exactly ``text`` (grids redraw after the rest of the page)."""
    pg.wait_for_function(
        "t => Array.from(document.querySelectorAll('[data-testid=stDataFrame] table td')).some(td => td.innerText.trim() === t)",
        arg=text,
        timeout=timeout * 1000,
    )


def no_injected_markup(pg: Any) -> None:
    """No element or script of the test payloads (``<img src=x ...>``, ``<script>``, ``<b onmouseover>``) is in the page, and none ran."""
    found = pg.evaluate(
        """() => ({
            img: document.querySelectorAll('img[src="x"]').length,
            script: Array.from(document.querySelectorAll('script')).filter(s => s.textContent.includes('__xss')).length,
            bold: document.querySelectorAll('b[onmouseover]').length,
            xss: window.__xss === undefined ? null : window.__xss,
        })"""
    )
    assert found == {"img": 0, "script": 0, "bold": 0, "xss": None}, found


@pytest.fixture(scope="session")
def helpers() -> dict[str, Callable[..., Any]]:
    """The helper functions, for test modules."""
    return {
        "wait_idle": wait_idle,
        "wait_rendered": wait_rendered,
        "wait_drawn": wait_drawn,
        "wait_stable": wait_stable,
        "map_drawn": map_drawn,
        "map_canvas": map_canvas,
        "project": project,
        "canvas_stats": canvas_stats,
        "count_near": count_near,
        "upload_with_link": upload_with_link,
        "save_screenshot": save_screenshot,
        "upload": upload,
        "wait_cell": wait_cell,
        "no_injected_markup": no_injected_markup,
    }
