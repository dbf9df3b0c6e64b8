"""A minimal Streamlit page with one pydeck chart: the yardstick for bench_app.py.

One selectbox and one small pydeck map (a few points and one line), no
basemap, the destination mirrored in the URL like the real app does. Run
with ``streamlit run benchmarks/minimal_app.py``.
"""

import pydeck as pdk
import streamlit as st

st.set_page_config(page_title="minimal pydeck page", layout="wide")

PLACES = {
    "Moscow": [37.62, 55.75],
    "Vladivostok": [131.89, 43.12],
    "Rotterdam": [4.4, 51.9],
    "Saint Petersburg": [30.3, 59.9],
}
ORIGIN = [72.95, 18.95]

st.title("Minimal pydeck page")
destination = st.selectbox("Destination", list(PLACES), index=None, key="destination", placeholder="Type to search…")
points = [{"id": "origin", "pos": ORIGIN}] + [{"id": name, "pos": pos} for name, pos in PLACES.items()]
paths = [{"p": [ORIGIN, PLACES[destination]]}] if destination else []
deck = pdk.Deck(
    layers=[
        pdk.Layer("PathLayer", id="route", data=paths, get_path="p", get_color=[230, 0, 126], get_width=4, width_units="'pixels'"),
        pdk.Layer("ScatterplotLayer", id="points", data=points, get_position="pos", get_radius=6, radius_units="'pixels'",
                  get_fill_color=[20, 60, 140], pickable=True),
    ],
    initial_view_state=pdk.ViewState(longitude=70, latitude=45, zoom=1.5),
    map_provider=None,
    tooltip={"text": "{id}"},
)
st.pydeck_chart(deck, key="map", height=560)
if destination:
    st.query_params["destination"] = destination
