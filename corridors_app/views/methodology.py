"""Methodology: how time, cost and CO2e are computed, every default and its source.

The text is for planners and lives in ``corridors/data/methodology.toml`` (one
section per heading); the figures and tables come from the engine's data
(``corridors/data/defaults.toml``, ``ice.toml``, ``calibration.toml``), so the
numbers on this page cannot drift from what the model does.
"""

import calendar
import tomllib
from collections.abc import Callable

import pandas as pd
import streamlit as st

from corridors._paths import DATA_DIR
from corridors.model import ice, seasons
from corridors.model.params import default_params
from corridors.viz.style import ATTRIBUTION
from corridors_app import cached, ui, url
from corridors_app.columns import PLACEHOLDER
from corridors_app.tables import dash_missing

url.page_setup()

METHOD_PATH = DATA_DIR / "methodology.toml"


@st.cache_data(show_spinner=False)
def sections() -> list[dict[str, str]]:
    """The page's text: ``{"id", "title", "text"}`` per section, in page order."""
    with METHOD_PATH.open("rb") as f:
        return list(tomllib.load(f)["section"])


params = default_params()
meta = params.meta


def reliability() -> None:
    """The Monte Carlo's settings."""
    mc = params.montecarlo
    st.caption(f"Samples per route: {mc.samples:,}, seed {mc.seed}, distribution {ui.safe_text(mc.distribution)}. "
               f"Source: {ui.safe_text(mc.source)}")


def ice_tables() -> None:
    """A NSR transit by ice class and month, then every sea area's ice by month (``corridors/data/ice.toml``)."""
    st.caption("A NSR transit (Kara Gates to the Bering Strait) by ice class and month, in a typical year.")
    month_abbr = list(calendar.month_abbr)
    st.dataframe(pd.DataFrame([{"ice class": c, **dict(zip(month_abbr[1:], row, strict=True))} for c, row in seasons.nsr_calendar().items()]),
                 hide_index=True, width="stretch", key="nsr_calendar")
    table = ice.ice_table()
    st.dataframe(pd.DataFrame([{"sea area": area.name, **{month_abbr[m]: f"{area.mild[m - 1]} / {area.typical[m - 1]} / {area.severe[m - 1]}"
                                                        for m in range(1, 13)}, "source": area.source} for area in table.areas.values()]),
                 hide_index=True, width="stretch", key="ice_areas")
    st.caption("Ice in each sea area by month, in a mild / typical / severe year.")


def calibration() -> None:
    """Every published benchmark beside the model's P10-P50-P90 (``corridors calibrate``)."""
    st.dataframe(cached.calibration(), hide_index=True, width="stretch", key="calibration_table", placeholder=PLACEHOLDER)


def defaults() -> None:
    """Every default with its source (``corridors/data/defaults.toml``), and its CSV."""
    figures = pd.DataFrame(params.figures())
    st.dataframe(dash_missing(figures, ("value", "low", "likely", "high")), hide_index=True, width="stretch", key="defaults_table",
                 column_order=[c for c in ("parameter", "value", "low", "likely", "high", "unit", "source") if c in figures.columns],
                 column_config={"source": st.column_config.TextColumn(width="large")})
    ui.csv_download(figures, "defaults.csv", key="dl_defaults", label="Download defaults (CSV)")


TABLES: dict[str, Callable[[], None]] = {"reliability": reliability, "ice": ice_tables, "calibration": calibration, "defaults": defaults}
"""The live tables shown after a section of the text (by section id)."""

st.title("Methodology")
st.markdown(
    f"Defaults: **{ui.safe_text(meta.name)}**, version {ui.safe_text(meta.version)}. "
    f"Currency: {ui.safe_text(meta.currency)}. Emissions: {ui.safe_text(meta.emission_framework)}."
)
st.info(ui.safe_text(meta.scope))
for section in sections():
    st.header(section["title"])
    st.markdown(section["text"].strip())
    if section["id"] in TABLES:
        TABLES[section["id"]]()
st.caption(ATTRIBUTION)
