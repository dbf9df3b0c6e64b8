"""Route explorer: the network map, origin/destination, K best alternatives."""

import streamlit as st

from corridors._errors import CorridorsError
from corridors.viz import legend, style
from corridors_app import cached, results, route_options, session, ui, url
from corridors_app.builder import RAIL_SERVICE_NAMES, planned
from corridors_app.choices import MAX_K, OPTIMIZE, UNITS, objective_check
from corridors_app.map import explorer_deck, node_click, place_position

MAP_KEY = "explorer_map"
URL_KEYS = ("origin", "destination", "scenario", "k", "optimize", "units", "departure", "rail_service", "globe", "tiles", "route", "custom", "uploads")
PLACEHOLDER = "A port, terminal or city; any place name, UN/LOCODE or lon,lat…"

url.page_setup()

net = ui.session_network()
try:
    all_scenarios = session.scenarios()  # the presets: a corrupt one stops the page as a broken network does
except CorridorsError as err:
    ui.show_error(err, title="The scenarios could not be loaded")
    st.stop()

token = session.network_token()
options = cached.node_options(token, net)
url.restore_from_query(
    URL_KEYS,
    net=net,
    scenario_names=all_scenarios,
    valid={**url.end_checks(options), "k": (lambda v: 1 <= v <= MAX_K, f"1 to {MAX_K} alternatives"), **objective_check()},
)
# values that are no longer valid (e.g. a node of a removed upload) are dropped
for _key, _ok in (("origin", options), ("destination", options), ("scenario", all_scenarios)):
    _value = st.session_state.get(_key)
    if _value is not None and _value not in _ok and not (_key != "scenario" and place_position(_value)):
        del st.session_state[_key]
ends = {key: [*options, *([v] if (v := st.session_state.get(key)) and v not in options else [])] for key in ("origin", "destination")}

# ---------------------------------------------------------------- sidebar
with st.sidebar:
    st.header("Scenario")
    scenario_name = st.selectbox("Scenario", list(all_scenarios), key="scenario", index=0)
    chosen = all_scenarios[scenario_name]
    if chosen.description:
        st.caption(ui.safe_text(chosen.description))
    departure = st.date_input("Departure date (optional: seasonal legs take the month they are reached)", value=None, key="departure")
    st.session_state.setdefault("rail_service", "container")
    rail = st.selectbox("Rail service", list(RAIL_SERVICE_NAMES), format_func=RAIL_SERVICE_NAMES.get, key="rail_service")
    scenario = planned(chosen, departure, rail)
    optimize = st.radio("Optimise for", list(OPTIMIZE), format_func=OPTIMIZE.get, key="optimize")
    st.session_state.setdefault("k", 3)
    k = st.slider("Alternatives (K best)", 1, MAX_K, key="k")
    st.header("Map")
    units = st.radio("Units", UNITS, horizontal=True, key="units")
    globe = st.toggle("Globe view (Arctic without distortion)", key="globe")
    tiles = st.toggle("Tile basemap (needs internet)", key="tiles", disabled=globe)

# ---------------------------------------------------------------- pickers
st.title("Route explorer")
c1, c2, c3 = st.columns([3, 3, 2])
names = cached.node_names(token, net)
with c1:
    origin = st.selectbox("Origin", ends["origin"], format_func=lambda v: options.get(v, v), index=None, key="origin", placeholder=PLACEHOLDER,
                          accept_new_options=True, on_change=url.snap_to_node, args=("origin", names))
with c2:
    destination = st.selectbox("Destination", ends["destination"], format_func=lambda v: options.get(v, v), index=None, key="destination",
                               placeholder=PLACEHOLDER, accept_new_options=True, on_change=url.snap_to_node, args=("destination", names))
with c3:
    st.radio("A click on the map (a node or any land) sets", ["origin", "destination"], key="click_sets", horizontal=True)

ways = route_options.pick(options)  # via and avoid

# ---------------------------------------------------------------- routing
found = None
if origin and destination:
    try:
        with st.spinner("Finding routes…"):
            found = cached.routes(token, net, origin, destination, scenario.key, scenario, optimize, k, **ways)
    except CorridorsError as err:
        ui.show_error(err, title="No routes")

labels: list[str] = []
focus = 0
if found is not None and found.routes:
    labels = [f"{i + 1}. {r.label}" for i, r in enumerate(found.routes)]
    focus = url.route_focus(len(labels))  # the selected row, else the link's route

# ---------------------------------------------------------------- map
deck, land = explorer_deck(token, net, found=found, labels=labels, focus=focus, ends={"o": origin, "d": destination}, globe=globe, tiles=tiles,
                           scenario=scenario)
st.pydeck_chart(
    deck,
    on_select=lambda: node_click(st.session_state, st.session_state.get(MAP_KEY), options),
    selection_mode="single-object",
    key=MAP_KEY,
    height=560,
    alt="Map of the India–Russia corridor network",
)
if labels:
    st.markdown(legend.routes_legend_html(labels), unsafe_allow_html=True)
with st.expander("Legend", expanded=not labels):
    st.markdown(legend.legend_html(), unsafe_allow_html=True)
st.caption(style.ATTRIBUTION + ("" if land else " (Country outlines missing or unreadable: geodata/basemap/countries\\_110m.geojson.)")
           + (f" {ui.safe_text(left_out)}" if (left_out := cached.map_left_out(net)) else ""))

# ---------------------------------------------------------------- results
if not (origin and destination):
    st.info("Pick an origin and a destination above (a node, a city, a UN/LOCODE or lon,lat), or click the map twice. "
            "A place that is not a node is joined to the nearest terminals by a truck leg (an estimate).")
elif found is not None and not found.routes and found.origin == found.destination:
    st.info("Nothing to route: " + ui.safe_text(found.infeasible_reason or "origin and destination are the same") + ". Pick another destination.")
elif found is not None and not found.routes:
    st.warning("No route under this scenario: " + ui.safe_text(found.infeasible_reason or "unknown reason"))
elif found is not None:
    baseline = planned(all_scenarios["baseline"], departure, rail) if "baseline" in all_scenarios else None
    results.show(found, net, labels, focus, units, results.Query(token, origin, destination, scenario, baseline, optimize, k, ways))

url.push_to_query(URL_KEYS)
