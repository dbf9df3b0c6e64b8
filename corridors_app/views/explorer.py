"""Route explorer: the network map, origin/destination, K best alternatives."""

import streamlit as st

from corridors._errors import CorridorsError
from corridors.report import tables
from corridors.report.export import routes_to_geojson
from corridors.viz import charts
from corridors.viz import deck as layers
from corridors_app import state

MAP_KEY = "explorer_map"
URL_KEYS = ("origin", "destination", "scenario", "k", "optimize", "units")
MAX_K = 5  # the slider's maximum (the engine allows corridors.routing.route.MAX_ALTERNATIVES)
OPTIMIZE = {"time": "fastest (time)", "cost": "cheapest (cost)", "co2": "lowest CO2e", "distance": "shortest (distance)"}

state.page_setup()

try:
    net = state.network()
    all_scenarios = state.scenarios()
except CorridorsError as err:
    state.show_error(err, title="The network could not be loaded")
    st.stop()

token = state.network_token()
options = state.node_options(token, net)
state.restore_from_query(
    URL_KEYS,
    net=net,
    scenario_names=all_scenarios,
    valid={
        "origin": (lambda v: v in options, "a port, terminal or city; not a sea waypoint"),
        "destination": (lambda v: v in options, "a port, terminal or city; not a sea waypoint"),
        "k": (lambda v: 1 <= v <= MAX_K, f"1 to {MAX_K} alternatives"),
        "optimize": (lambda v: v in OPTIMIZE, ", ".join(OPTIMIZE)),
    },
)
# values that are no longer valid (e.g. a node of a removed upload) are dropped
for _key, _ok in (("origin", options), ("destination", options), ("scenario", all_scenarios)):
    if st.session_state.get(_key) is not None and st.session_state[_key] not in _ok:
        del st.session_state[_key]


def _on_map_select() -> None:
    """A click on a node sets the origin or the destination."""
    event = st.session_state.get(MAP_KEY)
    objects = (event or {}).get("selection", {}).get("objects", {}).get(layers.NODE_LAYER_ID) or []
    if not objects:
        return
    node_id = objects[0].get("id")
    if node_id not in options:
        return
    target = st.session_state.get("click_sets", "origin")
    st.session_state[target] = node_id
    st.session_state["click_sets"] = "destination" if target == "origin" else "origin"


# ---------------------------------------------------------------- sidebar
with st.sidebar:
    st.header("Scenario")
    scenario_name = st.selectbox("Scenario", list(all_scenarios), key="scenario", index=0)
    scenario = all_scenarios[scenario_name]
    if scenario.description:
        st.caption(state.safe_text(scenario.description))
    optimize = st.radio("Optimise for", list(OPTIMIZE), format_func=OPTIMIZE.get, key="optimize")
    st.session_state.setdefault("k", 3)
    k = st.slider("Alternatives (K best)", 1, MAX_K, key="k")
    st.header("Map")
    units = st.radio("Units", ["km", "nm"], horizontal=True, key="units")
    globe = st.toggle("Globe view (Arctic without distortion)", key="globe")
    tiles = st.toggle("Tile basemap (needs internet)", key="tiles", disabled=globe)

# ---------------------------------------------------------------- pickers
st.title("Route explorer")
c1, c2, c3 = st.columns([3, 3, 2])
with c1:
    origin = st.selectbox(
        "Origin", list(options), format_func=options.get, index=None, key="origin",
        placeholder="Type to search a port, terminal or city…",
    )
with c2:
    destination = st.selectbox(
        "Destination", list(options), format_func=options.get, index=None, key="destination",
        placeholder="Type to search a port, terminal or city…",
    )
with c3:
    st.radio("A click on a map node sets", ["origin", "destination"], key="click_sets", horizontal=True)

# ---------------------------------------------------------------- routing
found = None
if origin and destination:
    try:
        with st.spinner("Finding routes…"):
            found = state.routes(token, net, origin, destination, scenario.key, scenario, optimize, k)
    except CorridorsError as err:
        state.show_error(err, title="No routes")

labels: list[str] = []
focus = 0
if found is not None and found.routes:
    labels = [f"{i + 1}. {r.label}" for i, r in enumerate(found.routes)]
    selected = st.session_state.get("summary_table")
    rows = (selected or {}).get("selection", {}).get("rows", []) if selected else []
    focus = rows[0] if rows and rows[0] < len(labels) else 0

# ---------------------------------------------------------------- map
node_recs, leg_recs = state.map_records(token, net)
by_id = {n["id"]: n for n in node_recs}
od = [
    {"pos": by_id[node_id]["pos"], "role": role, "tip": by_id[node_id]["tip"]}
    for role, node_id in (("o", origin), ("d", destination))
    if node_id in by_id
]
route_paths = []
if labels:
    center = state.map_center(token, net)
    route_paths = [layers.route_paths(net.legs, [leg.leg_id for leg in r.legs], center=center) for r in found.routes]

land = state.land_polygons(state.map_center(token, net))
deck = layers.network_deck(
    node_recs,
    leg_recs,
    view=state.map_view(globe=globe),
    land=land,
    globe=globe,
    tiles=tiles,
    routes=route_paths,
    route_labels=labels,
    focus=focus if labels else None,
    od=od,
)
st.pydeck_chart(
    deck,
    on_select=_on_map_select,
    selection_mode="single-object",
    key=MAP_KEY,
    height=560,
    alt="Map of the India–Russia corridor network",
)
if labels:
    st.markdown(layers.routes_legend_html(labels), unsafe_allow_html=True)
with st.expander("Legend", expanded=not labels):
    st.markdown(layers.legend_html(), unsafe_allow_html=True)
st.caption(layers.ATTRIBUTION + ("" if land else " (Country outlines missing or unreadable: geodata/basemap/countries\\_110m.geojson.)"))

# ---------------------------------------------------------------- results
if not (origin and destination):
    st.info("Pick an origin and a destination above, or click two nodes on the map.")
elif found is not None and not found.routes:
    st.warning("No route under this scenario: " + state.safe_text(found.infeasible_reason or "unknown reason"))
elif found is not None:
    for note in found.notes:
        st.caption(state.safe_text(note))
    dist_col = f"distance_{units}"
    summary = tables.summary_table(found)
    summary.insert(0, "alternative", labels)
    st.subheader(f"{len(labels)} best route{'s' if len(labels) != 1 else ''}: {state.safe_text(found.origin_name)} → {state.safe_text(found.destination_name)}")
    st.caption("Select a row to focus that route on the map and below. Times: likely total, and P50–P90 from the Monte Carlo of dwell times.")
    st.dataframe(
        summary,
        hide_index=True,
        width="stretch",
        on_select="rerun",
        selection_mode="single-row",
        key="summary_table",
        column_order=["alternative", "corridors", dist_col, "transit_days", "p50_days", "p90_days", "cost_usd", "co2e_kg", "legs"],
        column_config={
            "alternative": st.column_config.TextColumn("route"),
            "corridors": st.column_config.TextColumn("corridors used"),
            dist_col: st.column_config.NumberColumn(f"distance ({units})", format="%.0f"),
            "transit_days": st.column_config.NumberColumn("transit (days)", format="%.1f"),
            "p50_days": st.column_config.NumberColumn("P50 (days)", format="%.1f"),
            "p90_days": st.column_config.NumberColumn("P90 (days)", format="%.1f"),
            "cost_usd": st.column_config.NumberColumn("cost (USD/TEU)", format="%.0f"),
            "co2e_kg": st.column_config.NumberColumn("CO2e (kg/TEU)", format="%.0f"),
        },
    )
    legs_all = tables.legs_table(found)
    d1, d2, d3 = st.columns(3)
    with d1:
        state.csv_download(tables.summary_table(found), "routes_summary.csv", key="dl_summary", label="Summary (CSV)")
    with d2:
        state.csv_download(legs_all, "routes_legs.csv", key="dl_legs", label="All legs (CSV)")
    with d3:
        state.json_download(routes_to_geojson(found, net), "routes.geojson", key="dl_geojson", label="Routes (GeoJSON)")

    ch1, ch2 = st.columns([3, 2])
    events = {lab: tables.time_cost_distance(r) for lab, r in zip(labels, found.routes, strict=True)}
    with ch1:
        st.markdown("**Time–distance** (UNESCAP method): cumulative transit time against distance; vertical steps are dwell at ports, borders and transfers.")
        st.altair_chart(charts.time_distance_chart(charts.timeline_frame(events, units=units), units=units), width="stretch")
    with ch2:
        st.markdown("**Moving time by mode vs dwell**")
        split_src = legs_all.assign(alternative=legs_all["rank"].map(lambda r: labels[r - 1]))
        st.altair_chart(charts.time_split_chart(charts.time_split_frame(split_src)), width="stretch")

    focused = found.routes[focus]
    st.subheader(f"Legs of {state.safe_text(labels[focus])}")
    legs_focus = legs_all[legs_all["rank"] == focus + 1]
    st.dataframe(
        legs_focus,
        hide_index=True,
        width="stretch",
        key="legs_table",
        column_order=["leg", "from_name", "to_name", "mode", "corridor", "branch", dist_col, "moving_h", "dwell_h", "dwell_at_end",
                      "cost_usd", "co2e_kg", "season_note", "speed_source", "cost_source", "co2e_source", "dwell_source"],
        column_config={
            "from_name": "from",
            "to_name": "to",
            dist_col: st.column_config.NumberColumn(f"distance ({units})", format="%.0f"),
            "moving_h": st.column_config.NumberColumn("moving (h)", format="%.1f"),
            "dwell_h": st.column_config.NumberColumn("dwell at end (h)", format="%.1f"),
            "cost_usd": st.column_config.NumberColumn("cost (USD/TEU)", format="%.0f"),
            "co2e_kg": st.column_config.NumberColumn("CO2e (kg/TEU)", format="%.0f"),
        },
    )
    state.csv_download(legs_focus, f"route_{focus + 1}_legs.csv", key="dl_focus_legs", label="These legs (CSV)")

state.push_to_query(URL_KEYS)
