"""Scenario comparison: one origin–destination pair under several scenarios."""

import streamlit as st

from corridors._errors import CorridorsError
from corridors.model.params import ICE_CLASSES, default_params
from corridors.model.scenario import Scenario
from corridors.network import schema
from corridors.report.tables import MAX_SCENARIOS
from corridors.viz import charts
from corridors_app import state

URL_KEYS = ("origin", "destination", "scenarios", "optimize", "units", "routes")
DEFAULT_SCENARIOS = ["baseline", "red-sea-closed", "hormuz-closed", "rasht-astara-built"]
MONTHS = [None, *range(1, 13)]
MONTH_NAMES = ["year-round (worst month)", "January", "February", "March", "April", "May", "June",
               "July", "August", "September", "October", "November", "December"]
MAX_ROUTES = 3  # routes per scenario
OPTIMIZE = {"time": "fastest (time)", "cost": "cheapest (cost)", "co2": "lowest CO2e", "distance": "shortest (distance)"}

state.page_setup()

try:
    net = state.network()
except CorridorsError as err:
    state.show_error(err, title="The network could not be loaded")
    st.stop()
token = state.network_token()
options = state.node_options(token, net)
state.restore_from_query(
    URL_KEYS,
    net=net,
    scenario_names=state.scenarios(),
    valid={
        "origin": (lambda v: v in options, "a port, terminal or city; not a sea waypoint"),
        "destination": (lambda v: v in options, "a port, terminal or city; not a sea waypoint"),
        "optimize": (lambda v: v in OPTIMIZE, ", ".join(OPTIMIZE)),
        "routes": (lambda v: 1 <= v <= MAX_ROUTES, f"1 to {MAX_ROUTES} routes per scenario"),
    },
)


def _select(name: str) -> str:
    """Add a scenario to the comparison (before the multiselect is drawn); a note when it could not be."""
    chosen = list(st.session_state.get("scenarios") or [])
    if name in chosen:
        return ""
    if len(chosen) >= MAX_SCENARIOS:
        return (f" It is not in the comparison yet: at most {MAX_SCENARIOS} scenarios are compared at once; "
                "remove one from the list, then pick it.")
    st.session_state["scenarios"] = [*chosen, name]
    return ""


def _factor_overrides(speed_f: dict, dwell_f: float, cost_f: float, co2_f: float) -> dict:
    """Scenario override tables scaling the engine's defaults by factors."""
    params = default_params()
    out: dict = {}
    speed = {m: f for m, f in speed_f.items() if abs(f - 1.0) > 1e-9}
    if speed:
        out["speed_factor"] = speed
    if abs(dwell_f - 1.0) > 1e-9:
        out["dwell"] = {
            key: {"low": r.low * dwell_f, "likely": r.likely * dwell_f, "high": r.high * dwell_f}
            for key, r in params.dwell.items()
        }
    if abs(cost_f - 1.0) > 1e-9:
        out["cost"] = {"per_teu_km": {m: f.value * cost_f for m, f in params.cost.per_teu_km.items()}}
    if abs(co2_f - 1.0) > 1e-9:
        out["emissions"] = {"wtw_g_per_tkm": {m: f.value * co2_f for m, f in params.emissions.wtw_g_per_tkm.items()}}
    return out


# ---------------------------------------------------------------- sidebar: build / load
with st.sidebar:
    st.header("Build a scenario")
    with st.form("build_scenario", clear_on_submit=False, border=False):
        name = st.text_input("Name", value="my-scenario", max_chars=80, key="b_name")
        description = st.text_area("Description", value="", height=68, max_chars=2000, key="b_description")
        closed_chokepoints = st.multiselect("Close chokepoints", list(schema.CHOKEPOINTS), key="b_chokepoints")
        closed_corridors = st.multiselect("Close corridors", list(schema.CORRIDORS), key="b_corridors")
        closed_modes = st.multiselect("Close modes", list(schema.MODES), key="b_modes")
        planned = net.legs.index[net.legs["status"] != "operational"].tolist()
        open_legs = st.multiselect("Open planned / under-construction legs", planned, key="b_open_legs")
        month = st.selectbox("Month", MONTHS, format_func=lambda m: MONTH_NAMES[m or 0], key="b_month")
        ice_class = st.selectbox("Ship ice class (NSR)", list(ICE_CLASSES), key="b_ice_class")
        st.caption("Factors (1 = default)")
        speed_f = {m: st.slider(f"{m} speed ×", 0.5, 1.5, 1.0, 0.05, key=f"b_speed_{m}") for m in schema.MODES}
        dwell_f = st.slider("dwell times ×", 0.25, 3.0, 1.0, 0.05, key="b_dwell")
        cost_f = st.slider("moving cost per TEU-km ×", 0.5, 2.0, 1.0, 0.05, key="b_cost")
        co2_f = st.slider("emission factors ×", 0.5, 2.0, 1.0, 0.05, key="b_co2")
        submitted = st.form_submit_button("Add to comparison", type="primary", key="b_submit")
    if submitted:
        try:
            built = Scenario.from_dict(
                {
                    "name": name,
                    "description": description,
                    "month": month,
                    "ice_class": ice_class,
                    "closed_chokepoints": closed_chokepoints,
                    "closed_corridors": closed_corridors,
                    "closed_modes": closed_modes,
                    "open_legs": open_legs,
                    **_factor_overrides(speed_f, dwell_f, cost_f, co2_f),
                },
                source="built scenario",
            )
            built.check(net)
            state.add_scenario(built)
        except CorridorsError as err:  # ValidationError, LimitError: e.g. a factor out of bounds
            state.show_error(err, title="Scenario not valid")
        else:
            note = _select(built.name)
            st.success(f"Added {state.safe_text(built.name)}.{note}")

    st.header("Load a scenario (TOML)")
    uploaded = st.file_uploader("Scenario file", type=["toml"], key="cmp_toml")
    if uploaded is not None and st.session_state.get("_cmp_toml_seen") != uploaded.file_id:
        st.session_state["_cmp_toml_seen"] = uploaded.file_id
        try:
            # bytes: the size is checked before decoding (MAX_SCENARIO_BYTES)
            loaded = Scenario.from_toml(uploaded.getvalue())
            loaded.check(net)
            state.add_scenario(loaded)
        except CorridorsError as err:  # the session keeps its earlier scenarios
            state.show_error(err, title=f"{uploaded.name} was not loaded")
        else:
            note = _select(loaded.name)
            st.success(f"Loaded {state.safe_text(loaded.name)}.{note}")

    custom = [n for n in state.scenarios() if n not in state.preset_scenarios()]
    if custom:
        st.header("Save a scenario")
        to_save = st.selectbox("Scenario", custom, key="cmp_save")
        st.download_button(
            "Download as TOML", data=state.scenarios()[to_save].to_toml(), file_name=f"{to_save}.toml",
            mime="application/toml", key="cmp_save_btn", icon=":material/download:",
        )

# ---------------------------------------------------------------- main
st.title("Scenario comparison")
all_scenarios = state.scenarios()
if "scenarios" in st.session_state:
    st.session_state["scenarios"] = [s for s in st.session_state["scenarios"] if s in all_scenarios]
else:
    st.session_state["scenarios"] = [s for s in DEFAULT_SCENARIOS if s in all_scenarios]
if len(st.session_state["scenarios"]) > MAX_SCENARIOS:
    dropped = st.session_state["scenarios"][MAX_SCENARIOS:]
    st.session_state["scenarios"] = st.session_state["scenarios"][:MAX_SCENARIOS]
    st.warning(f"At most {MAX_SCENARIOS} scenarios are compared at once; left out: {', '.join(map(state.safe_text, dropped))}.")

c1, c2 = st.columns(2)
origin = c1.selectbox("Origin", list(options), format_func=options.get, index=None, key="origin",
                      placeholder="Type to search…")
destination = c2.selectbox("Destination", list(options), format_func=options.get, index=None, key="destination",
                           placeholder="Type to search…")
c3, c4, c5, c6 = st.columns([4, 2, 1, 1])
chosen = c3.multiselect(
    f"Scenarios (the first is the baseline for differences; at most {MAX_SCENARIOS})", list(all_scenarios), key="scenarios",
    max_selections=MAX_SCENARIOS,
)
optimize = c4.radio("Optimise for", list(OPTIMIZE), format_func=OPTIMIZE.get, key="optimize", horizontal=True)
units = c5.radio("Units", ["km", "nm"], key="units")
st.session_state.setdefault("routes", 2)
per_scenario = c6.number_input("Routes per scenario", 1, MAX_ROUTES, key="routes")

with st.expander("What the chosen scenarios change"):
    for nm in chosen:
        sc = all_scenarios[nm]
        st.markdown(f"**{state.safe_text(nm)}** — {state.safe_text(sc.description or 'no description')}")

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
            table = state.compare(token, net, origin, destination, tuple(s.key for s in objs), objs, optimize, int(per_scenario))
    except CorridorsError as err:
        state.show_error(err, title="Comparison failed")
        st.stop()

    table = table.copy()
    base = table[(table["scenario"] == chosen[0]) & table["feasible"]]
    base_row = base.iloc[0] if len(base) else None
    for col, out in (("transit_days", "Δ days vs baseline"), ("cost_usd", "Δ USD/TEU vs baseline"), ("co2e_kg", "Δ kg CO2e vs baseline")):
        table[out] = table[col] - base_row[col] if base_row is not None else float("nan")
    dist_col = f"distance_{units}"
    st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        key="compare_table",
        column_order=["scenario", "rank", "route", "corridors", dist_col, "transit_days", "p50_days", "p90_days", "cost_usd", "co2e_kg",
                      "Δ days vs baseline", "Δ USD/TEU vs baseline", "Δ kg CO2e vs baseline", "reason"],
        column_config={
            "rank": st.column_config.NumberColumn("#", width="small"),
            dist_col: st.column_config.NumberColumn(f"distance ({units})", format="%.0f"),
            "transit_days": st.column_config.NumberColumn("transit (days)", format="%.1f"),
            "p50_days": st.column_config.NumberColumn("P50 (days)", format="%.1f"),
            "p90_days": st.column_config.NumberColumn("P90 (days)", format="%.1f"),
            "cost_usd": st.column_config.NumberColumn("cost (USD/TEU)", format="%.0f"),
            "co2e_kg": st.column_config.NumberColumn("CO2e (kg/TEU)", format="%.0f"),
            "Δ days vs baseline": st.column_config.NumberColumn(format="%+.1f"),
            "Δ USD/TEU vs baseline": st.column_config.NumberColumn(format="%+.0f"),
            "Δ kg CO2e vs baseline": st.column_config.NumberColumn(format="%+.0f"),
            "reason": st.column_config.TextColumn("no route because", width="large"),
        },
    )
    state.csv_download(table, "scenario_comparison.csv", key="dl_compare", label="Download comparison (CSV)")
    bad = table[~table["feasible"]]
    for _, row in bad.iterrows():
        st.warning(f"**{state.safe_text(row['scenario'])}**: no route — {state.safe_text(row['reason'])}")

    ok = table[table["feasible"]].copy()
    if len(ok):
        ok["case"] = ok["scenario"] + " · " + ok["route"]
        ok["distance"] = ok[dist_col]
        g1, g2 = st.columns(2)
        with g1:
            st.altair_chart(
                charts.range_chart(ok, category="case", value="p50_days", low="p50_days", high="p90_days", color="scenario",
                                   title="Transit time: P50 (dot) to P90 (bar end), days", axis_title="days"),
                width="stretch",
            )
            st.altair_chart(
                charts.bar_chart(ok, category="case", value="cost_usd", color="scenario", title="Cost, USD per TEU", axis_title="USD/TEU"),
                width="stretch",
            )
        with g2:
            st.altair_chart(
                charts.bar_chart(ok, category="case", value="distance", color="scenario", title=f"Distance, {units}", axis_title=units),
                width="stretch",
            )
            st.altair_chart(
                charts.bar_chart(ok, category="case", value="co2e_kg", color="scenario", title="CO2e, kg per TEU (well-to-wheel)", axis_title="kg CO2e/TEU"),
                width="stretch",
            )

state.push_to_query(URL_KEYS)
