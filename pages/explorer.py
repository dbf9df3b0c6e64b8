"""Route explorer: the network map, origin/destination, K best alternatives."""

import streamlit as st

from corridors import layers
from corridors._errors import CorridorsError
from pages import _state as state

MAP_KEY = "explorer_map"
URL_KEYS = ("origin", "destination", "scenario", "k", "optimize", "units")

state.keep_widget_state()

try:
    net = state.network()
except CorridorsError as err:
    state.show_error(err, title="The network could not be loaded")
    st.stop()

token = state.network_token()
options = state.node_options(token, net)
state.restore_from_query(
    URL_KEYS,
    valid={
        "origin": lambda v: v in options,
        "destination": lambda v: v in options,
        "k": lambda v: 1 <= v <= 5,
        "optimize": lambda v: v in ("time", "cost", "co2e", "distance"),
        "units": lambda v: v in ("km", "nm"),
    },
)


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
    st.session_state["origin" if target == "origin" else "destination"] = node_id
    if target == "origin":
        st.session_state["click_sets"] = "destination"


# ---------------------------------------------------------------- sidebar
with st.sidebar:
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
    st.radio("A click on the map sets", ["origin", "destination"], key="click_sets", horizontal=True)

# ---------------------------------------------------------------- map
node_recs, leg_recs = state.map_records(token, net)
od = []
for role, node_id in (("o", origin), ("d", destination)):
    if node_id:
        rec = next((n for n in node_recs if n["id"] == node_id), None)
        if rec:
            od.append({"pos": rec["pos"], "role": role, "tip": rec["tip"]})

deck = layers.network_deck(
    node_recs,
    leg_recs,
    view=state.map_view(globe=globe),
    land=state.land_polygons(),
    globe=globe,
    tiles=tiles,
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
with st.expander("Legend", expanded=True):
    st.markdown(layers.legend_html(), unsafe_allow_html=True)
st.caption(layers.ATTRIBUTION + ("" if state.land_polygons() else " (Country outlines not found: geodata/basemap/countries_110m.geojson.)"))

state.push_to_query(URL_KEYS)
