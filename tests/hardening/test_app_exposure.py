"""Issue 12, findings 5, 8 and 11: what the served app exposes.

- ``./dev app`` and ``corridors-app`` listen on 127.0.0.1 unless told otherwise;
- the guard in front of Streamlit (:mod:`corridors_app.guard`) forbids framing,
  hides ``/_stcore/metrics`` and bounds each session's uploads to
  ``/_stcore/upload_file`` (the flood of issue 12 is refused after the budget);
- ``.streamlit/config.toml`` and ``deploy/nginx.conf`` say what docs/deploy.md says;
- (browser) text shown through ``corridors_app.ui.safe_text`` is never a link
  in Streamlit's real markdown renderer.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import subprocess
import sys
import tomllib
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from corridors_app import launch
from corridors_app.guard import MAX_HELD_BYTES, MAX_HELD_FILES, SECURITY_HEADERS, Guard

ROOT = Path(__file__).resolve().parents[2]


def browser_helpers() -> Any:
    """tests/browser/conftest.py as a module (free_port, wait_healthy, served, CHROMIUM_ARGS)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("corridors_browser_helpers", ROOT / "tests" / "browser" / "conftest.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module

MB = 1024 * 1024


# ------------------------------------------------------------------ the guard, as plain ASGI
async def _downstream(scope: Any, receive: Any, send: Any) -> None:
    """Stands for Streamlit: answers 204 to an upload, 200 with a body otherwise."""
    status = 204 if "upload_file" in scope["path"] else 200
    await send({"type": "http.response.start", "status": status, "headers": [(b"content-type", b"text/plain")]})
    await send({"type": "http.response.body", "body": b"ok"})


def call(guard: Guard, method: str, path: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str]]:
    """One HTTP request through the guard: (status, response headers)."""
    sent: list[dict[str, Any]] = []
    scope = {"type": "http", "method": method, "path": path,
             "headers": [(k.lower().encode(), v.encode()) for k, v in (headers or {}).items()]}

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    asyncio.run(guard(scope, receive, send))
    start = sent[0]
    return start["status"], {bytes(k).decode().lower(): bytes(v).decode() for k, v in start["headers"]}


def test_every_answer_forbids_framing():
    status, headers = call(Guard(_downstream), "GET", "/")
    assert status == 200
    assert headers["x-frame-options"] == "DENY"
    assert headers["content-security-policy"] == "frame-ancestors 'none'"
    assert {k: headers[k] for k in SECURITY_HEADERS} == SECURITY_HEADERS


def test_metrics_are_hidden_unless_asked(monkeypatch):
    monkeypatch.delenv("CORRIDORS_METRICS", raising=False)
    assert call(Guard(_downstream), "GET", "/_stcore/metrics")[0] == 404
    assert call(Guard(_downstream), "GET", "/app/_stcore/metrics")[0] == 404  # under a baseUrlPath too
    monkeypatch.setenv("CORRIDORS_METRICS", "1")
    assert call(Guard(_downstream), "GET", "/_stcore/metrics")[0] == 200


def test_the_upload_flood_of_issue_12_is_refused_after_the_sessions_budget():
    guard = Guard(_downstream)
    five = {"content-length": str(5 * MB)}
    statuses = [call(guard, "PUT", f"/_stcore/upload_file/s1/f{i}", five)[0] for i in range(20)]
    kept = MAX_HELD_BYTES // (5 * MB)
    assert statuses == [204] * kept + [413] * (20 - kept)
    assert guard.held_by("s1") == (kept, kept * 5 * MB)
    # another session has its own budget; a deleted file gives its share back
    assert call(guard, "PUT", "/_stcore/upload_file/s2/f0", five)[0] == 204
    assert call(guard, "DELETE", "/_stcore/upload_file/s1/f0")[0] == 204
    assert call(guard, "PUT", "/_stcore/upload_file/s1/again", five)[0] == 204
    # replacing a file (same id) does not count it twice
    assert call(guard, "PUT", "/_stcore/upload_file/s1/again", five)[0] == 204
    assert guard.held_by("s1") == (kept, kept * 5 * MB)


def test_the_upload_budget_counts_files_and_needs_a_length():
    guard = Guard(_downstream)
    small = {"content-length": "100"}
    statuses = [call(guard, "PUT", f"/_stcore/upload_file/s/f{i}", small)[0] for i in range(MAX_HELD_FILES + 2)]
    assert statuses == [204] * MAX_HELD_FILES + [413, 413]
    assert call(guard, "PUT", "/_stcore/upload_file/t/f", {})[0] == 411  # chunked, or no length: refused
    assert call(guard, "PUT", "/_stcore/upload_file/t/f", {"content-length": "-5"})[0] == 411


# ------------------------------------------------------------------ listening address
def test_corridors_app_listens_on_loopback_unless_told():
    args = launch.streamlit_args(["--server.port", "8600"], environ={})
    assert args[:3] == ["streamlit", "run", str(ROOT / "corridors_app" / "serve.py")]
    assert args[-2:] == ["--server.address", "127.0.0.1"]
    assert args[-4:-2] == ["--runner.postScriptGC", "false"]  # an installed app has no .streamlit/config.toml beside it
    assert launch.streamlit_args([], environ={"CORRIDORS_APP_ADDRESS": "0.0.0.0"})[-1] == "0.0.0.0"
    explicit = launch.streamlit_args(["--server.address=10.0.0.5"], environ={"CORRIDORS_APP_ADDRESS": "0.0.0.0"})
    assert explicit.count("--server.address=10.0.0.5") == 1 and "--server.address" not in explicit


def _dev_app(tmp_path: Path, *args: str, **env: str) -> list[str]:
    """The streamlit command ``./dev app ARGS`` runs (a stand-in venv whose streamlit prints its arguments)."""
    venv = tmp_path / "venv"
    (venv / "bin").mkdir(parents=True, exist_ok=True)
    for name, body in (("python", "exit 0"), ("streamlit", 'printf "%s\\n" "$@"')):
        tool = venv / "bin" / name
        tool.write_text(f"#!/usr/bin/env bash\n{body}\n")
        tool.chmod(0o755)
    (venv / ".installed-app").touch()  # newer than pyproject.toml: nothing is installed
    os.utime(venv / ".installed-app", (4_000_000_000, 4_000_000_000))
    environ = {k: v for k, v in os.environ.items() if k != "CORRIDORS_APP_ADDRESS"}
    done = subprocess.run([str(ROOT / "dev"), "app", *args], env={**environ, "CORRIDORS_VENV": str(venv), **env},
                          capture_output=True, text=True, timeout=30, check=True)
    return done.stdout.splitlines()


def test_dev_app_listens_on_loopback_unless_told(tmp_path):
    args = _dev_app(tmp_path, "--server.port", "8600")
    assert args[:2] == ["run", "corridors_app/serve.py"]
    assert args[args.index("--server.address") + 1] == "127.0.0.1"
    assert "8600" in args
    told = _dev_app(tmp_path, CORRIDORS_APP_ADDRESS="0.0.0.0")
    assert told[told.index("--server.address") + 1] == "0.0.0.0"
    flag = _dev_app(tmp_path, "--server.address", "10.0.0.5")
    assert flag.count("--server.address") == 1 and "10.0.0.5" in flag


def test_streamlit_config_is_strict():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    server = config["server"]
    assert server["address"] == "127.0.0.1"
    assert server["maxUploadSize"] <= 5
    assert server["disconnectedSessionTTL"] <= 120
    assert server.get("enableStaticServing", False) is False
    assert config["client"]["showErrorDetails"] == "none"
    assert re.fullmatch(r"\d+mb", server["maxCacheDataSize"])


# ------------------------------------------------------------------ the reverse proxy's config
def test_nginx_config_forbids_framing_hides_metrics_and_keeps_sessions_sticky():
    text = (ROOT / "deploy" / "nginx.conf").read_text()
    code = "\n".join(line.split("#", 1)[0] for line in text.splitlines())
    assert code.count("{") == code.count("}")
    assert 'add_header X-Frame-Options "DENY" always;' in code
    assert "add_header Content-Security-Policy \"frame-ancestors 'none'\" always;" in code
    metrics = re.search(r"location = /_stcore/metrics \{([^}]*)\}", code)
    assert metrics and "allow 127.0.0.1;" in metrics.group(1) and "deny all;" in metrics.group(1)
    upstream = re.search(r"upstream corridors \{([^}]*)\}", code)
    assert upstream and "hash $corridors_sticky consistent;" in upstream.group(1)
    assert re.findall(r"server (127\.0\.0\.1:\d+);", upstream.group(1)) == ["127.0.0.1:8501", "127.0.0.1:8502"]
    stream = re.search(r"location /_stcore/stream \{([^}]*)\}", code)
    assert stream and "proxy_set_header Upgrade $http_upgrade;" in stream.group(1) and "proxy_http_version 1.1;" in stream.group(1)
    assert re.search(r"client_max_body_size \d+m;", code)
    assert "limit_req zone=corridors_uploads" in code


# ------------------------------------------------------------------ the real server (slow)
@pytest.mark.slow
def test_the_served_app_sends_the_headers_and_hides_metrics_on_loopback(tmp_path):
    helpers = browser_helpers()
    port = helpers.free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("CORRIDORS_APP_ADDRESS", "CORRIDORS_METRICS")}
    log = (tmp_path / "server.log").open("w")
    proc = subprocess.Popen([sys.executable, "-m", "corridors_app.launch", "--server.port", str(port), "--server.headless", "true"],
                            cwd=str(tmp_path), env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        helpers.wait_healthy(base + "/_stcore/health", proc)
        with urllib.request.urlopen(base + "/", timeout=10) as resp:  # noqa: S310 - loopback
            assert resp.headers["X-Frame-Options"] == "DENY"
            assert resp.headers["Content-Security-Policy"] == "frame-ancestors 'none'"
        with pytest.raises(urllib.error.HTTPError) as hidden:
            urllib.request.urlopen(base + "/_stcore/metrics", timeout=10)  # noqa: S310 - loopback
        assert hidden.value.code == 404
        listening = subprocess.run(["ss", "-Hltn", f"sport = :{port}"], capture_output=True, text=True, check=False).stdout
        if listening.strip():  # ss present: only the loopback address
            assert re.findall(rf"\s(\S+):{port}\s", listening) == ["127.0.0.1"], listening
    finally:
        proc.terminate()
        proc.wait(timeout=20)
        log.close()


# ------------------------------------------------------------------ the map's shared files (corridors_app/static_data.py)
def _first_map_spec(port: int) -> dict:
    """A fresh page load over the websocket (as a browser's first visit); the map's deck spec."""
    import asyncio

    import websockets
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    async def load() -> dict:
        async with asyncio.timeout(120), websockets.connect(f"ws://127.0.0.1:{port}/_stcore/stream", subprotocols=["streamlit"],
                                                            origin=f"http://127.0.0.1:{port}", max_size=2**26) as ws:  # fmt: skip
            back = BackMsg()
            back.rerun_script.query_string = "origin=INNSA&destination=RUMOW"
            await ws.send(back.SerializeToString())
            while True:
                msg = ForwardMsg()
                msg.ParseFromString(await ws.recv())
                if msg.WhichOneof("type") == "delta" and msg.delta.new_element.WhichOneof("type") == "deck_gl_json_chart":
                    return json.loads(msg.delta.new_element.deck_gl_json_chart.json)
                assert msg.WhichOneof("type") != "script_finished", "no map"

    return asyncio.run(load())


@pytest.mark.slow
def test_the_served_app_sends_the_big_layers_as_files(tmp_path):
    """Under corridors_app/serve.py the spec names the files (not their data); each is served, framing still denied."""
    from corridors_app.map import PUBLISHED_LAYERS

    with browser_helpers().served(ROOT / "corridors_app" / "serve.py", log=tmp_path / "server.log") as base:
        spec = _first_map_spec(int(base.rsplit(":", 1)[1]))
        layers = {layer["id"]: layer for layer in spec["layers"]}
        for layer_id in PUBLISHED_LAYERS:
            url = layers[layer_id]["data"]
            assert isinstance(url, str) and url.startswith("corridors-data/"), layer_id
            with urllib.request.urlopen(f"{base}/{url}", timeout=10) as resp:  # noqa: S310 - loopback
                assert resp.headers["X-Frame-Options"] == "DENY"
                assert isinstance(json.loads(resp.read()), list) and layer_id
        assert isinstance(layers["route-0"]["data"], list)  # the routes (small, per query) stay in the spec
        assert len(json.dumps(spec)) < 40_000


# ------------------------------------------------------------------ Streamlit's markdown (browser)
_PROBE = '''
import streamlit as st
from corridors_app.ui import safe_text
VALUES = {values!r}
for i, value in enumerate(VALUES):
    with st.container(key=f"case_{{i}}"):
        st.markdown("value: " + safe_text(value))
        st.warning("warning: " + safe_text(value))
        st.caption("caption: " + safe_text(value))
with st.container(key="case_raw"):
    st.markdown("raw: https://evil.example/login")
'''
LINKY = ["https://evil\u3002example/login", "http://2130706433/login", "https://evil.example/login", "www.evil.example",
         "bob@evil.example", "HTTPS://EVIL.EXAMPLE/x", "xhttps://evil.example", "[x](https://evil.example)", "<https://evil.example>"]


@pytest.mark.slow
@pytest.mark.browser
def test_safe_text_is_never_a_link_in_streamlits_markdown(tmp_path):
    chromium = Path("/usr/bin/chromium")
    playwright = pytest.importorskip("playwright.sync_api")
    if not chromium.exists():
        pytest.skip(f"{chromium} is missing")
    helpers = browser_helpers()
    script = tmp_path / "probe.py"
    script.write_text(_PROBE.format(values=LINKY))
    with helpers.served(script) as base, playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(chromium), args=helpers.CHROMIUM_ARGS, headless=True)
        try:
            page = browser.new_page()
            page.goto(base + "/")
            page.wait_for_selector(".st-key-case_raw a", timeout=60_000)  # the control: a raw URL is a link
            links = page.evaluate("""() => Array.from(document.querySelectorAll('[class*=st-key-case_]'))
                .filter(el => !el.className.includes('st-key-case_raw'))
                .flatMap(el => Array.from(el.querySelectorAll('a')).map(a => a.href))""")
            text = page.inner_text(f".st-key-case_{LINKY.index('https://evil.example/login')}")
        finally:
            browser.close()
    assert links == []
    assert "https\u2060://evil.example/login" in text  # the value is still shown, as text
