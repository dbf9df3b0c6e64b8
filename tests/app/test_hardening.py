"""Hardening of the app (AppTest): broken geodata at start-up, hostile links, scenario limits.

- a missing or corrupt corridor file shows which file and why on every page,
  and the app stops cleanly (no traceback); a failed load is not cached;
- any URL query parameters: no exception; bad values are named in a warning
  and the page keeps its defaults; good values still restore the view;
- the comparison page keeps at most ``MAX_SCENARIOS`` scenarios, reports bad
  scenarios (built or uploaded) and keeps the session's earlier ones.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from app_helpers import assert_clean, deck_spec
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from corridors.model.presets import presets
from corridors.model.scenario import Scenario
from corridors.network.loader import CORRIDOR_FILES, GEODATA_DIR
from corridors.report.compare import MAX_SCENARIOS

APP = Path(__file__).resolve().parents[2] / "app.py"
PAGES = {
    "explorer": "corridors_app/views/explorer.py",
    "compare": "corridors_app/views/compare.py",
    "network": "corridors_app/views/network.py",
    "methodology": "corridors_app/views/methodology.py",
}
PRESETS = list(presets())


def run_page(page: str = "explorer", **query: str) -> Any:
    """An AppTest opened directly on a page (a deep link), with URL query params."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(APP), default_timeout=60)
    at.query_params.update(query)
    if page != "explorer":
        at.switch_page(PAGES[page])
    at.run()
    return at


def plain(markdown: str) -> str:
    """Markdown source as the reader sees it (backslash escapes removed)."""
    return re.sub(r"\\(.)", r"\1", markdown)


# ------------------------------------------------------------------ faults at start-up
@pytest.fixture
def geodata_copy(tmp_path, monkeypatch):
    """A copy of the corridor files that the app reads instead (CORRIDORS_GEODATA_DIR)."""
    for name in CORRIDOR_FILES:
        shutil.copy(GEODATA_DIR / f"{name}.geojson", tmp_path / f"{name}.geojson")
    monkeypatch.setenv("CORRIDORS_GEODATA_DIR", str(tmp_path))
    return tmp_path


@pytest.mark.parametrize(
    ("fault", "name", "why"),
    [("corrupt", "instc.geojson", "not valid JSON"), ("missing", "northern_sea_route.geojson", "no such file")],
)
def test_broken_geodata_file_is_named_on_every_page(geodata_copy, fault, name, why):
    target = geodata_copy / name
    if fault == "corrupt":
        target.write_text('{"type": "FeatureCollection", "features": [')
    else:
        target.unlink()
    for page in PAGES:
        at = run_page(page, origin="INNSA", destination="RUMOW")
        assert not at.exception, (page, [e.value for e in at.exception])
        assert len(at.error) == 1, page
        text = plain(at.error[0].value)
        assert f"{name}: " in text and why in text, text
        assert "could not be loaded" in text
        if fault == "corrupt":  # the page does not show the server's folder
            assert str(geodata_copy) not in text
        # stopped cleanly: the page itself never ran
        assert not at.title and not at.dataframe and not at.get("deck_gl_json_chart"), page
    # the failure was not cached: once the file is back, the app starts
    shutil.copy(GEODATA_DIR / name, target)
    at = run_page("explorer", origin="INNSA", destination="RUMOW", k="1")
    assert_clean(at)
    assert at.get("deck_gl_json_chart") and len(at.dataframe[0].value) == 1


def test_a_broken_basemap_only_costs_the_land(monkeypatch, tmp_path):
    import corridors_app.cached as cached

    broken = tmp_path / "countries_110m.geojson"
    broken.write_text("{not json")
    monkeypatch.setattr(cached, "BASEMAP_PATH", broken)
    at = run_page("explorer")
    assert_clean(at)
    ids = [layer["id"] for layer in deck_spec(at)["layers"]]
    assert "land" not in ids and "legs" in ids
    assert any("Country outlines missing or unreadable" in c.value for c in at.caption)


# ------------------------------------------------------------------ URL query parameters
HOSTILE = [
    "",
    "../../etc/passwd",
    "/etc/passwd",
    "file:///etc/passwd",
    "<script>window.__xss=1</script>",
    '"><img src=x onerror="window.__xss=1">',
    "=cmd|' /C calc'!A0",
    "{{7*7}}",
    "\u202eevil",
    "A" * 2_500,
    "-1",
    "0",
    "1e3",
    "99999999999999999999999999",
    "Moscow",
    "innsa",
    "SEA-BAB-EL-MANDEB",
    "no-such-scenario",
]
URL_KEYS = ["origin", "destination", "scenario", "scenarios", "k", "optimize", "units", "routes"]
_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)
_SCENARIO_NAMES = st.sampled_from([*PRESETS, "atlantis", "../x", "<b>x</b>"])
_SCENARIO_LISTS = st.lists(_SCENARIO_NAMES, max_size=6) | st.lists(_SCENARIO_NAMES, min_size=13, max_size=20)  # 13+: over the limit
_VALID = st.sampled_from(["INNSA", "RUMOW", "INMAA", "RUVVO", "RULED", "1", "3", "5", "cost", "co2e", "nm", "km", "baseline", "red-sea-closed"])
_VALUES = st.one_of(
    st.sampled_from(HOSTILE),
    _TEXT,
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    _SCENARIO_LISTS.map(",".join),
    _VALID,
    _VALID,
)
# mostly the app's own keys (two chances in three), else any text
_KEYS = st.one_of(st.sampled_from(URL_KEYS), st.sampled_from(URL_KEYS), _TEXT)
_NODES = ["INNSA", "RUMOW", "INMAA", "RUVVO", "RULED"]
_GARBAGE = st.dictionaries(_KEYS, _VALUES, max_size=6)
# a valid trip with garbage around it: the trip must still be shown
_TRIPS = st.builds(
    lambda origin, destination, extra: {**extra, "origin": origin, "destination": destination},
    st.sampled_from(_NODES),
    st.sampled_from(_NODES),
    st.dictionaries(st.sampled_from(["k", "units", "optimize", "scenario", "scenarios", "routes"]) | _TEXT, _VALUES, max_size=4),
)
_QUERIES = st.one_of(_GARBAGE, _GARBAGE, _TRIPS)


def _check_widgets(at: Any, page: str) -> None:
    """Whatever the link said, the widgets hold values the page offers."""
    if page in ("explorer", "compare"):
        for key in ("origin", "destination"):
            picker = at.selectbox(key=key)  # options are labels "Name (ID, CC)"
            assert picker.value is None or any(f"({picker.value}, " in label for label in picker.options)
        assert at.radio(key="units").value in ("km", "nm")
    if page == "explorer":
        assert 1 <= at.slider(key="k").value <= 5
        assert at.selectbox(key="scenario").value in at.selectbox(key="scenario").options
    if page == "compare":
        chosen = at.multiselect(key="scenarios").value
        assert len(chosen) <= MAX_SCENARIOS and set(chosen) <= set(PRESETS)
        assert 1 <= at.number_input(key="routes").value <= 3


@pytest.mark.slow
@settings(
    max_examples=25,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(page=st.sampled_from(list(PAGES)), query=_QUERIES)
def test_any_link_opens_a_page_without_an_exception(page, query):
    at = run_page(page, **query)
    assert not at.exception, (page, query, [e.value for e in at.exception])
    # an error box only for a trip the engine refuses (e.g. origin = destination), never for the link itself
    for error in at.error:
        assert plain(error.value).startswith(("No routes", "Comparison failed")), (page, query, error.value)
    assert at.title, "the page ran to its title"
    _check_widgets(at, page)
    for warning in at.warning:
        assert "<" not in warning.value, "link text is escaped"
    trip = query.get("origin") in _NODES and query.get("destination") in _NODES and query["origin"] != query["destination"]
    if trip and page in ("explorer", "compare"):
        assert at.selectbox(key="origin").value == query["origin"]
        assert at.selectbox(key="destination").value == query["destination"]
        assert at.dataframe or any("No route" in w.value for w in at.warning), "the trip is shown"


def test_bad_link_values_are_named_and_good_ones_still_restore_the_view():
    at = run_page(
        "explorer",
        origin="innsa",  # a case-insensitive id
        destination="Moscow",  # a name
        k="2",
        units="furlongs",
        scenario="../../etc/passwd",
        optimize='"><img src=x onerror="window.__xss=1">',
        utm_source="anything",  # not ours: ignored silently
    )
    assert_clean(at)
    assert at.selectbox(key="origin").value == "INNSA"
    assert at.selectbox(key="destination").value == "RUMOW"
    assert at.slider(key="k").value == 2
    assert at.radio(key="units").value == "km" and at.selectbox(key="scenario").value == "baseline"
    assert len(at.dataframe[0].value) == 2, "the routes of the link are shown"
    (warning,) = at.warning
    text = plain(warning.value)
    for key in ("units", "scenario", "optimize"):
        assert f"**{key}**" in text
    assert "utm_source" not in text and "<img" not in warning.value and "&lt;img" in warning.value
    # the page now writes its own values back to the URL
    assert at.query_params["units"] == "km" and at.query_params["origin"] == "INNSA"


def test_link_with_a_k_the_slider_does_not_offer():
    at = run_page("explorer", k="9")  # the engine allows 10; the slider shows 5
    assert_clean(at)
    assert at.slider(key="k").value == 3
    assert "1 to 5 alternatives" in plain(at.warning[0].value)


# ------------------------------------------------------------------ comparison page
def _custom(n: int) -> dict[str, Scenario]:
    return {f"mine-{i:02d}": Scenario(name=f"mine-{i:02d}", speed_factor={"sea": 0.5 + 0.05 * i}) for i in range(n)}


def test_compare_keeps_at_most_max_scenarios():
    from streamlit.testing.v1 import AppTest

    custom = _custom(MAX_SCENARIOS + 2)
    names = [*PRESETS, *custom]
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.session_state["_custom_scenarios"] = custom  # a session that built 14 scenarios
    at.query_params.update({"origin": "INNSA", "destination": "RUMOW", "routes": "1", "scenarios": ",".join(names)})
    at.switch_page(PAGES["compare"])
    at.run()
    assert not at.exception and not at.error
    chosen = at.multiselect(key="scenarios").value
    assert chosen == names[:MAX_SCENARIOS]
    assert f"over the limit of {MAX_SCENARIOS}" in plain(at.warning[0].value)
    assert list(at.dataframe[0].value["scenario"].unique()) == chosen
    # adding one more keeps it for the session but says why it is not compared
    extra = Scenario(name="one-too-many", speed_factor={"rail": 0.9}).to_toml().encode()
    at.file_uploader(key="cmp_toml").set_value(("extra.toml", extra, "application/toml")).run()
    assert not at.exception and not at.error
    assert f"at most {MAX_SCENARIOS} scenarios are compared at once" in plain(at.success[0].value)
    assert "one-too-many" in at.multiselect(key="scenarios").options
    assert len(at.multiselect(key="scenarios").value) == MAX_SCENARIOS


def test_compare_trims_a_selection_over_the_limit():
    from streamlit.testing.v1 import AppTest

    custom = _custom(MAX_SCENARIOS)
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.session_state["_custom_scenarios"] = custom
    at.session_state["scenarios"] = [*PRESETS, *custom]  # e.g. state kept from before the limit
    at.switch_page(PAGES["compare"])
    at.run()
    assert not at.exception and not at.error
    assert len(at.multiselect(key="scenarios").value) == MAX_SCENARIOS
    assert f"At most {MAX_SCENARIOS} scenarios are compared at once; left out" in plain(at.warning[0].value)


def test_failed_scenario_upload_keeps_the_earlier_ones():
    at = run_page("compare", origin="INNSA", destination="NLRTM", scenarios="baseline", routes="1")
    good = Scenario(name="kept-slow", speed_factor={"sea": 0.7}).to_toml().encode()
    at.file_uploader(key="cmp_toml").set_value(("slow.toml", good, "application/toml")).run()
    assert_clean(at)
    assert at.multiselect(key="scenarios").value == ["baseline", "kept-slow"]
    for name, data, needle in (
        ("bad.toml", b'name = "kept-slow"\nmonth = 13\n', "month"),
        ("huge.toml", b"#" * 100_001, "larger than the limit of 100,000 bytes"),
        ("latin1.toml", 'name = "caf\xe9"\n'.encode("latin-1"), "UTF-8"),
        ("preset.toml", Scenario(name="baseline", month=1).to_toml().encode(), "a preset scenario is already called 'baseline'"),
    ):
        at.file_uploader(key="cmp_toml").set_value((name, data, "application/toml")).run()
        assert not at.exception, name
        assert at.error and "was not loaded" in plain(at.error[0].value), name
        assert needle in at.code[0].value, (name, at.code[0].value)
        assert at.multiselect(key="scenarios").value == ["baseline", "kept-slow"], name
        assert set(at.dataframe[0].value["scenario"]) == {"baseline", "kept-slow"}, name
        assert at.selectbox(key="cmp_save").options == ["kept-slow"], name
    kept = at.session_state["_custom_scenarios"]["kept-slow"]
    assert kept.speed_factor == {"sea": 0.7} and kept.month is None, "the bad upload did not replace it"


def test_built_scenario_out_of_bounds_shows_the_message(monkeypatch):
    import corridors.model.params

    real = corridors.model.params.default_params()
    huge = {key: r.model_copy(update={"low": 40_000.0, "likely": 50_000.0, "high": 60_000.0}) for key, r in real.dwell.items()}
    patched = real.model_copy(update={"dwell": huge})
    # the builder scales the defaults by its factors: dwell × 3 is now over the bound
    monkeypatch.setattr(corridors.model.params, "default_params", lambda: patched)
    at = run_page("compare", origin="INNSA", destination="RUMOW", scenarios="baseline", routes="1")
    at.text_input(key="b_name").input("too-slow")
    at.slider(key="b_dwell").set_value(3.0)
    at.button(key="b_submit").click().run()
    assert not at.exception
    assert at.error and "Scenario not valid" in plain(at.error[0].value)
    assert "less than or equal to 100000" in at.code[0].value
    assert "too-slow" not in at.multiselect(key="scenarios").options


def test_built_scenario_may_not_take_a_preset_name():
    at = run_page("compare", origin="INNSA", destination="RUMOW", scenarios="baseline", routes="1")
    at.text_input(key="b_name").input("red-sea-closed")
    at.multiselect(key="b_modes").select("rail")
    at.button(key="b_submit").click().run()
    assert not at.exception
    assert "a preset scenario is already called 'red-sea-closed'" in at.code[0].value
    assert "red-sea-closed" not in at.session_state.get("_custom_scenarios", {})


def test_a_session_keeps_a_bounded_number_of_its_own_scenarios():
    from streamlit.testing.v1 import AppTest

    import corridors_app.session as session

    at = AppTest.from_file(str(APP), default_timeout=60)
    at.session_state["_custom_scenarios"] = _custom(session.MAX_SESSION_SCENARIOS)
    at.switch_page(PAGES["compare"])
    at.run()
    extra = Scenario(name="one-more", month=2).to_toml().encode()
    at.file_uploader(key="cmp_toml").set_value(("more.toml", extra, "application/toml")).run()
    assert not at.exception
    assert "the limit (MAX_SESSION_SCENARIOS)" in plain(at.error[0].value)
    assert "one-more" not in at.session_state["_custom_scenarios"]
    # replacing one by its name is still allowed
    again = Scenario(name="mine-00", month=2).to_toml().encode()
    at.file_uploader(key="cmp_toml").set_value(("again.toml", again, "application/toml")).run()
    assert not at.exception and not at.error
    assert at.session_state["_custom_scenarios"]["mine-00"].month == 2
