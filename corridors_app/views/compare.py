"""Scenario comparison: one origin–destination pair under several scenarios."""

import streamlit as st

from corridors._errors import CorridorsError
from corridors.model.scenario import Scenario
from corridors.report.compare import MAX_SCENARIOS, with_deltas
from corridors.viz import charts
from corridors_app import cached, cards, columns, downloads, session, ui, url
from corridors_app.builder import build_scenario
from corridors_app.choices import MAX_ROUTES, OPTIMIZE, UNITS, node_checks, objective_check
from corridors_app.scenario_form import scenario_form

URL_KEYS = ("origin", "destination", "scenarios", "optimize", "units", "routes", "custom", "uploads")
DEFAULT_SCENARIOS = ["baseline", "red-sea-closed", "hormuz-closed", "rasht-astara-built"]

url.page_setup()

net = ui.session_network()
token = session.network_token()
options = cached.node_options(token, net)
url.restore_from_query(
    URL_KEYS,
    net=net,
    scenario_names=session.scenarios(),
    valid={**node_checks(options), **objective_check(),
           "routes": (lambda v: 1 <= v <= MAX_ROUTES, f"1 to {MAX_ROUTES} routes per scenario")},
)


def _keep(scenario: Scenario, verb: str) -> None:
    """Keep a scenario for the session and add it to the comparison (before the multiselect is drawn)."""
    session.add_scenario(scenario)
    chosen = list(st.session_state.get("scenarios") or [])
    note = ""
    if scenario.name not in chosen and len(chosen) >= MAX_SCENARIOS:
        note = (f" It is not in the comparison yet: at most {MAX_SCENARIOS} scenarios are compared at once; "
                "remove one from the list, then pick it.")
    elif scenario.name not in chosen:
        st.session_state["scenarios"] = [*chosen, scenario.name]
    st.success(f"{verb} {ui.safe_text(scenario.name)}.{note}")


# ---------------------------------------------------------------- sidebar: build / load / save
with st.sidebar:
    st.header("Build a scenario")
    spec = scenario_form(net)
    if spec is not None:
        try:
            _keep(build_scenario(net, **spec), "Added")
        except CorridorsError as err:  # ValidationError, LimitError: e.g. a factor out of bounds
            ui.show_error(err, title="Scenario not valid")

    st.header("Load a scenario (TOML)")
    uploaded = st.file_uploader("Scenario file", type=["toml"], key="cmp_toml")
    if uploaded is not None and st.session_state.get("_cmp_toml_seen") != uploaded.file_id:
        st.session_state["_cmp_toml_seen"] = uploaded.file_id
        try:
            session.charge_upload(uploaded.name, uploaded.size)  # the session's upload budget (LimitError)
            loaded = Scenario.from_toml(uploaded.getvalue())  # bytes: the size is checked before decoding
            loaded.check(net)
            _keep(loaded, "Loaded")
        except CorridorsError as err:  # the session keeps its earlier scenarios
            ui.show_error(err, title=f"{uploaded.name} was not loaded")

    custom = [n for n in session.scenarios() if n not in session.preset_scenarios()]
    if custom:
        st.header("Save a scenario")
        to_save = st.selectbox("Scenario", custom, key="cmp_save")
        st.download_button(
            "Download as TOML", data=session.scenarios()[to_save].to_toml(), file_name=f"{to_save}.toml",
            mime="application/toml", key="cmp_save_btn", icon=":material/download:",
        )

# ---------------------------------------------------------------- main
st.title("Scenario comparison")
all_scenarios = session.scenarios()
kept = st.session_state.get("scenarios", DEFAULT_SCENARIOS)
st.session_state["scenarios"] = [s for s in kept if s in all_scenarios]
if len(st.session_state["scenarios"]) > MAX_SCENARIOS:
    dropped = st.session_state["scenarios"][MAX_SCENARIOS:]
    st.session_state["scenarios"] = st.session_state["scenarios"][:MAX_SCENARIOS]
    st.warning(f"At most {MAX_SCENARIOS} scenarios are compared at once; left out: {', '.join(map(ui.safe_text, dropped))}.")

c1, c2 = st.columns(2)
origin = c1.selectbox("Origin", list(options), format_func=options.get, index=None, key="origin", placeholder="Type to search…")
destination = c2.selectbox("Destination", list(options), format_func=options.get, index=None, key="destination", placeholder="Type to search…")
c3, c4, c5, c6 = st.columns([4, 2, 1, 1])
chosen = c3.multiselect(f"Scenarios (the first is the baseline for differences; at most {MAX_SCENARIOS})", list(all_scenarios),
                        key="scenarios", max_selections=MAX_SCENARIOS)
optimize = c4.radio("Optimise for", list(OPTIMIZE), format_func=OPTIMIZE.get, key="optimize", horizontal=True)
units = c5.radio("Units", UNITS, key="units")
st.session_state.setdefault("routes", 2)
per_scenario = c6.number_input("Routes per scenario", 1, MAX_ROUTES, key="routes")

with st.expander("What the chosen scenarios change"):
    for nm in chosen:
        st.markdown(f"**{ui.safe_text(nm)}** — {ui.safe_text(all_scenarios[nm].description or 'no description')}")

if not (origin and destination):
    st.info("Pick an origin and a destination.")
elif origin == destination:
    st.info("Origin and destination are the same place: pick two different ones.")
elif not chosen:
    st.info("Pick at least one scenario.")
else:
    try:
        with st.spinner(f"Routing under {len(chosen)} scenario(s)…"):
            objs = tuple(all_scenarios[n] for n in chosen)
            table = cached.compare(token, net, origin, destination, tuple(s.key for s in objs), objs, optimize, int(per_scenario))
    except CorridorsError as err:
        ui.show_error(err, title="Comparison failed")
        st.stop()

    table = with_deltas(table, chosen[0])
    cards.show_changes(table, all_scenarios, chosen[0])  # one line per scenario against the first
    st.dataframe(table, hide_index=True, width="stretch", key="compare_table", **columns.compare_columns(units))
    downloads.compare_downloads(table, net, origin, destination, objs, optimize, int(per_scenario))
    for _, row in table[~table["feasible"]].iterrows():
        st.warning(f"**{ui.safe_text(row['scenario'])}**: no route — {ui.safe_text(row['reason'])}")

    ok = table[table["feasible"]].copy()
    if len(ok):
        ok["case"] = ok["scenario"] + " · " + ok["route"]
        ok["distance"] = ok[f"distance_{units}"]
        g = st.columns(2)
        g[0].altair_chart(charts.range_chart(ok, category="case", value="p50_days", low="p10_days", high="p90_days", color="scenario",
                                             title="Transit time: P50 (dot), P10–P90 (bar), days", axis_title="days"), width="stretch")
        for col, value, title, axis in ((0, "cost_usd", "Cost, USD per TEU", "USD/TEU"), (1, "distance", f"Distance, {units}", units),
                                        (1, "co2e_kg", "CO2e, kg per TEU (well-to-wheel)", "kg CO2e/TEU")):
            g[col].altair_chart(charts.bar_chart(ok, category="case", value=value, color="scenario", title=title, axis_title=axis), width="stretch")

url.push_to_query(URL_KEYS)
