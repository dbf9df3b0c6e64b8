"""Two sessions of the app (AppTest): what one uploads never shows in the other."""

from __future__ import annotations

import re

from app_helpers import assert_clean


def _plain(markdown: str) -> str:
    """Markdown source as the reader sees it (backslash escapes removed)."""
    return re.sub(r"\\(.)", r"\1", markdown)


def _upload(make_app, name: str, data: bytes):
    at = make_app(page="network")
    at.file_uploader(key="net_upload").set_value((name, data, "application/geo+json"))
    at.run()
    at.button(key="net_add").click().run()
    assert_clean(at)
    return at


def _files_shown(at) -> set[str]:
    """Upload file names in the Network page's legs and nodes tables (what its CSV exports hold)."""
    legs, nodes = at.dataframe[0].value, at.dataframe[1].value
    names = set(legs["file"].dropna())
    for value in nodes["files"].dropna():
        names.update(part.strip() for part in str(value).split(","))
    return names


def test_same_bytes_under_another_name_show_that_sessions_name(make_app, xss_upload):
    first = _upload(make_app, "first-secret-name.geojson", xss_upload)
    assert "first-secret-name.geojson" in _files_shown(first)
    second = _upload(make_app, "second.geojson", xss_upload)
    shown = _files_shown(second)
    assert "second.geojson" in shown
    assert "first-secret-name.geojson" not in shown, "the first session's file name leaked into the second"
    info = _plain(" ".join(i.value for i in second.info))
    assert "second.geojson" in info and "first-secret-name" not in info
    # and the first session still sees its own name
    first.run()
    assert "first-secret-name.geojson" in _files_shown(first) and "second.geojson" not in _files_shown(first)


def test_a_session_keeps_a_bounded_number_of_uploads(make_app, xss_upload, monkeypatch):
    import corridors_app.session

    monkeypatch.setattr(corridors_app.session, "MAX_SESSION_UPLOADS", 1)
    at = _upload(make_app, "one.geojson", xss_upload)
    at.file_uploader(key="net_upload").set_value(("two.geojson", b"{}", "application/geo+json"))
    at.run()
    at.button(key="net_add").click().run()
    assert not at.exception
    assert at.error and "the limit (MAX_SESSION_UPLOADS)" in _plain(at.error[0].value)
    assert "two.geojson" not in _files_shown(at), "the session keeps its earlier network"
