"""Tables the pages show, shaped from the library's: row filters and published claims."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
import streamlit as st

from corridors.report.claims_compare import FRAME_COLUMNS, claims_frame, compare_claims

__all__ = ["claims_column_config", "claims_table", "dash_missing", "filter_rows"]

def filter_rows(frame: pd.DataFrame, chosen: Mapping[str, Sequence[Any]], text: str = "") -> pd.DataFrame:
    """Rows whose columns hold one of the chosen values, and (if given) containing ``text`` anywhere.

    Parameters
    ----------
    frame : pandas.DataFrame
        The table.
    chosen : mapping of str to sequence
        Column → values kept (an empty selection keeps every row).
    text : str
        Case-insensitive plain text searched in every column.

    Returns
    -------
    pandas.DataFrame
    """
    view = frame
    for column, values in chosen.items():
        if values:
            view = view[view[column].isin(values)]
    if text:
        hay = view.astype(str).apply(lambda col: col.str.contains(text, case=False, regex=False))
        view = view[hay.any(axis=1)]
    return view


def dash_missing(frame: pd.DataFrame, columns: Sequence[str]) -> pd.DataFrame:
    """A copy of `frame` whose `columns` are text, an em dash where a value is missing (never "None").

    Parameters
    ----------
    frame : pandas.DataFrame
        The table as computed (kept numeric for its CSV download).
    columns : sequence of str
        Columns to show as text (those not in `frame` are skipped).

    Returns
    -------
    pandas.DataFrame
    """
    shown = frame.copy()
    for column in (c for c in columns if c in shown.columns):
        shown[column] = [_cell(value) for value in shown[column]]
    return shown


def _cell(value: Any) -> str:
    if value is None or (isinstance(value, float) and not math.isfinite(value)) or value is pd.NA:
        return "—"
    if isinstance(value, float) and value.is_integer():
        return f"{value:,.0f}"
    return f"{value:,}" if isinstance(value, int | float) and not isinstance(value, bool) else str(value)


def claims_table(token: str, net: Any) -> pd.DataFrame:
    """Published claims (``corridors/data/claims.toml``) beside the model's figures for the route each is about.

    Parameters
    ----------
    token : str
        :func:`corridors_app.session.network_token` of ``net`` (the cache key).
    net : corridors.network.loader.Network
        The session's network.

    Returns
    -------
    pandas.DataFrame
        :func:`corridors.report.claims_compare.claims_frame`: one row per claim, every cell text (an
        em dash where there is nothing to show, never None); a claim the model cannot route gives
        the reason as its model route.
    """
    return _claims(token, net).copy()


def claims_column_config() -> dict[str, Any]:
    """``st.dataframe`` column settings for :func:`claims_table`: the claim pinned, figures right-aligned.

    Returns
    -------
    dict of str to column config
    """
    figures = [c for c in FRAME_COLUMNS if c.startswith(("Published", "Model", "Difference")) and "route" not in c]
    config: dict[str, Any] = {column: st.column_config.TextColumn(alignment="right") for column in figures}
    config["Claim"] = st.column_config.TextColumn(pinned=True, width="medium")
    return config


@st.cache_data(show_spinner=False, max_entries=8)
def _claims(token: str, _net: Any) -> pd.DataFrame:  # noqa: ARG001 - the cache key
    names = {str(key): str(name) for key, name in _net.nodes["name"].items()}
    return claims_frame(compare_claims(_net), names)
