"""Issue 12, findings 4, 5, 6 and 8 (app side), on the real app (AppTest).

- 4: a right-to-left override in a node name or file name never reaches the
  page: the route heading and the upload banner show the text without it;
- 5: a URL value such as ``https://evil。example/login`` is named in the
  warning without any pattern Streamlit's markdown turns into a link (the
  browser check is in ``tests/hardening/test_app_exposure.py``);
- 6: a missing corridor file is named on every page, never the server's folder;
- 8: a session's upload widgets share one budget (files and bytes), with a
  message naming it, and the Network page shows what is left.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from app_helpers import assert_clean

from corridors._text import BIDI_CONTROLS, display_safe
from corridors.network.loader import CORRIDOR_FILES, GEODATA_DIR
from corridors_app.limits import MAX_SESSION_UPLOAD_BYTES, MAX_SESSION_UPLOAD_FILES

APP = Path(__file__).resolve().parents[2] / "app.py"
PAGES = {
    "explorer": "corridors_app/views/explorer.py",
    "compare": "corridors_app/views/compare.py",
    "network": "corridors_app/views/network.py",
    "methodology": "corridors_app/views/methodology.py",
}
RLO = "\u202e"
# what remark-gfm (Streamlit's markdown) links: a protocol literal, "www.", an e-mail address
AUTOLINK = re.compile(r"(?i)(https?|ftp|mailto|xmpp):|www\.|[\w.+-]@[\w-]")


def run_page(page: str = "explorer", **query: str) -> Any:
    """An AppTest opened on a page with URL query params."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(APP), default_timeout=60)
    at.query_params.update(query)
    if page != "explorer":
        at.switch_page(PAGES[page])
    at.run()
    return at


def page_text(at: Any) -> str:
    """Every text element's source on the page (markdown, messages, headings, captions, code)."""
    kinds = ("markdown", "title", "header", "subheader", "caption", "error", "warning", "info", "success", "code")
    return "\n".join(str(el.value) for kind in kinds for el in getattr(at, kind))


@pytest.fixture
def geodata_copy(tmp_path, monkeypatch):
    """A copy of the corridor files that the app reads instead (CORRIDORS_GEODATA_DIR)."""
    folder = tmp_path / "srv-secret-folder"
    folder.mkdir()
    for name in CORRIDOR_FILES:
        shutil.copy(GEODATA_DIR / f"{name}.geojson", folder / f"{name}.geojson")
    monkeypatch.setenv("CORRIDORS_GEODATA_DIR", str(folder))
    return folder


# ------------------------------------------------------------------ 4: bidi controls
def test_display_safe_strips_bidi_controls_and_isolates_right_to_left_text():
    assert display_safe(f"Nhava{RLO} Sheva") == "Nhava Sheva"
    assert not BIDI_CONTROLS & set(display_safe("".join(sorted(BIDI_CONTROLS)) + "x"))
    assert display_safe("بندر عباس") == "\u2068بندر عباس\u2069"  # an Arabic-script name keeps its letters, isolated
    assert display_safe("Moscow") == "Moscow"


def test_a_right_to_left_override_in_a_node_name_never_reaches_the_page(geodata_copy):
    path = geodata_copy / "instc.geojson"
    doc = json.loads(path.read_text())
    renamed = 0
    for feature in doc["features"]:
        if feature["properties"].get("id") == "INNSA":
            feature["properties"]["name"] = f"Nhava Sheva {RLO}(evil)"
            renamed += 1
    assert renamed == 1
    path.write_text(json.dumps(doc))
    at = run_page("explorer", origin="INNSA", destination="RUMOW", k="1")
    assert not at.exception
    # either the library refuses the name (naming it), or the app shows it without the control
    assert not BIDI_CONTROLS & set(page_text(at))
    if at.error:
        assert "INNSA" in at.error[0].value and "U\\+202E" in at.error[0].value, at.error[0].value
    else:
        heading = [h.value for h in at.subheader if "best route" in h.value]
        assert heading and "Nhava Sheva" in heading[0], [h.value for h in at.subheader]


def test_a_right_to_left_override_in_a_file_name_does_not_reach_the_upload_banner(xss_upload):
    from streamlit.testing.v1 import AppTest

    def page() -> None:
        import streamlit as st

        from corridors_app import session, ui

        if "_done" not in st.session_state:
            st.session_state["_done"] = True
            session.add_upload("gpj.\u202eevil.geojson", st.session_state["_data"])
        st.info("Your upload(s): " + ", ".join(ui.safe_text(f) for f in session.extra_files()) + " — other users do not see them.")

    at = AppTest.from_function(page, default_timeout=60)
    at.session_state["_data"] = xss_upload
    at.run()
    assert_clean(at)
    banner = at.info[0].value
    assert "evil" in banner and not BIDI_CONTROLS & set(banner)
    assert banner.endswith("— other users do not see them.")


# ------------------------------------------------------------------ 5: no live links from URL values
@pytest.mark.parametrize(
    "value",
    ["https://evil\u3002example/login", "http://2130706433/login", "www.evil.example", "bob@evil.example", "HTTPS://EVIL.EXAMPLE/x"],
)
def test_a_bad_url_value_is_named_without_a_link(value):
    at = run_page("explorer", origin=value)
    assert not at.exception
    warnings = [w.value for w in at.warning if "link was not used" in w.value]
    assert warnings, page_text(at)
    assert "origin" in warnings[0]
    assert not AUTOLINK.search(warnings[0]), warnings[0]


def test_safe_text_leaves_no_autolink_pattern():
    from corridors_app.ui import safe_text

    for text in ["see https://evil.example/login", "www.evil.example", "mail bob@evil.example", "xmpp:bob@evil.example",
                 "ftp://evil.example", "<https://evil.example>", f"{RLO}https://evil.example"]:
        shown = safe_text(text)
        assert not AUTOLINK.search(shown), (text, shown)
        # the reader still sees the value (the word joiner is invisible)
        assert re.sub(r"\\(.)", r"\1", shown).replace("\u2060", "").replace("&lt;", "<").replace("&gt;", ">") == text.replace(RLO, "")


# ------------------------------------------------------------------ 6: no server folder on the page
@pytest.mark.parametrize("page", list(PAGES))
def test_a_missing_geodata_file_is_named_without_the_servers_folder(geodata_copy, page):
    (geodata_copy / "instc.geojson").unlink()
    at = run_page(page, origin="INNSA", destination="RUMOW")
    assert not at.exception
    assert len(at.error) == 1
    text = at.error[0].value
    assert "instc" in text and "no such file" in text, text
    for secret in (str(geodata_copy), "srv-secret-folder", str(GEODATA_DIR), str(APP.parent)):
        assert secret not in text and secret not in page_text(at), (secret, text)


def test_error_messages_keep_only_the_file_name_of_a_path():
    from corridors_app.ui import plain_text

    shown = plain_text(f"defaults.toml: cannot read '{GEODATA_DIR.parent / 'defaults.toml'}': no such file")
    assert shown == "defaults.toml: cannot read 'defaults.toml': no such file"


# ------------------------------------------------------------------ 8: per-session upload budget
def _charge(sizes: list[int]) -> Any:
    from streamlit.testing.v1 import AppTest

    def page() -> None:
        import streamlit as st

        from corridors._errors import LimitError
        from corridors_app import session, ui

        for i, size in enumerate(st.session_state["_sizes"]):
            try:
                session.charge_upload(f"file{i}.geojson", size)
            except LimitError as err:
                ui.show_error(err, title=f"file{i}.geojson was not added")
        files, used = session.upload_budget()
        st.caption(f"{files} {used}")

    at = AppTest.from_function(page, default_timeout=60)
    at.session_state["_sizes"] = sizes
    at.run()
    return at


def test_the_upload_budget_counts_bytes_over_the_session():
    five_mb = 5 * 1024 * 1024
    at = _charge([five_mb] * 6)
    assert not at.exception
    kept = MAX_SESSION_UPLOAD_BYTES // five_mb
    assert at.caption[0].value == f"{kept} {kept * five_mb}"
    assert len(at.error) == 6 - kept
    assert "limit per session" in at.error[0].value and "MAX\\_SESSION\\_UPLOAD\\_BYTES" in at.error[0].value


def test_the_upload_budget_counts_files_over_the_session():
    at = _charge([10] * (MAX_SESSION_UPLOAD_FILES + 3))
    assert at.caption[0].value == f"{MAX_SESSION_UPLOAD_FILES} {10 * MAX_SESSION_UPLOAD_FILES}"
    assert len(at.error) == 3


def test_the_network_page_shows_the_upload_budget():
    at = run_page("network")
    assert_clean(at)
    assert any(c.value.startswith("Upload budget of this session: 0 of 20 files, 0.0 of 20 MB") for c in at.caption), [c.value for c in at.caption]
