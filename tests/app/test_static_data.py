"""corridors_app.static_data: the map's shared files, served once per browser by content hash."""

from __future__ import annotations

import asyncio
import json

import pytest

from corridors_app import static_data


def _get(path: str) -> tuple[int, dict[str, str], bytes]:
    """One GET through the route's ASGI interface (no server, no client library)."""
    scope = {"type": "http", "method": "GET", "path": path, "raw_path": path.encode(), "query_string": b"", "headers": [],
             "root_path": "", "scheme": "http", "server": ("127.0.0.1", 80)}  # fmt: skip
    sent: list[dict] = []

    async def receive() -> dict:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict) -> None:
        sent.append(message)

    match, child = static_data.ROUTE.matches(scope)
    if match.name == "NONE":
        return 404, {}, b""
    asyncio.run(static_data.ROUTE.handle({**scope, **child}, receive, send))
    start = next(m for m in sent if m["type"] == "http.response.start")
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    return start["status"], {k.decode(): v.decode() for k, v in start["headers"]}, body


@pytest.fixture
def enabled(monkeypatch):
    import threading
    import weakref

    monkeypatch.setattr(static_data, "_STORE", weakref.WeakValueDictionary())
    monkeypatch.setattr(static_data, "_ENABLED", threading.Event())
    static_data.enable()


def test_nothing_is_published_when_no_route_is_mounted(monkeypatch):
    import threading

    monkeypatch.setattr(static_data, "_ENABLED", threading.Event())
    assert static_data.publish([{"p": [1, 2]}]) is None  # the map keeps its data inline (AppTest, `streamlit run app.py`)


def test_published_records_are_served_by_hash_and_kept_by_the_browser(enabled):
    records = [{"polygon": [[30.5, 60.1], [31.0, 60.2], [30.7, 59.9]]}]
    kept = static_data.publish(records)
    url = kept.url
    assert url.startswith("corridors-data/") and url.endswith(".json")
    assert static_data.publish(records) is kept  # same content, same file
    status, headers, body = _get("/" + url)
    assert status == 200 and json.loads(body) == records
    assert headers["content-type"].startswith("application/json")
    assert "immutable" in headers["cache-control"]


@pytest.mark.parametrize("path", ["/corridors-data/0000.json", "/corridors-data/../app.py", "/corridors-data/%2e%2e%2fserve.py",
                                  "/corridors-data/", "/corridors-data/abc"])  # fmt: skip
def test_only_what_the_app_published_is_served(enabled, path):
    kept = static_data.publish([1, 2, 3])
    status, _, body = _get(path)
    assert kept is not None
    assert status == 404 and b"import" not in body


def test_a_file_is_served_while_a_map_keeps_it_and_released_after(enabled):
    import gc

    kept = static_data.publish([{"p": [10.0, 20.0]}])
    url = kept.url
    assert _get("/" + url)[0] == 200
    del kept
    gc.collect()
    assert _get("/" + url)[0] == 404 and len(static_data._STORE) == 0  # memory goes with the cached map that held it
