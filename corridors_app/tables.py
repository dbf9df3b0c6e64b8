"""Tables the pages show, shaped from the library's: row filters and published claims."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from corridors._errors import CorridorsError
from corridors.report.claims import load_claims
from corridors_app import cached, session

__all__ = ["claims_table", "filter_rows"]

_CLAIM_COLUMNS = ["claim", "trip", "scenario", "published km", "published days", "published USD/TEU", "source", "model route",
                  "model km", "model nm", "model days (P50)", "model days (P90)", "model USD/TEU"]


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


def claims_table(token: str, net: Any) -> pd.DataFrame:
    """Published claims (``corridors/data/claims.toml``) beside the model's figures for the same trip.

    Parameters
    ----------
    token : str
        :func:`corridors_app.session.network_token` of ``net``.
    net : corridors.network.loader.Network
        The session's network.

    Returns
    -------
    pandas.DataFrame
        One row per claim (the model's columns empty when the trip has no route).
    """
    known = session.preset_scenarios()  # the presets only: the claims name presets
    rows = []
    for claim in load_claims():
        row = {"claim": claim.claim, "published km": claim.published_km, "published days": claim.published_days,
               "published USD/TEU": claim.published_usd_per_teu, "source": claim.source}
        row["trip"] = f"{claim.origin} → {claim.destination}"
        row["scenario"] = claim.scenario
        model = None
        if claim.origin in net.nodes.index and claim.destination in net.nodes.index and claim.scenario in known:
            sc = known[claim.scenario]
            try:
                found = cached.routes(token, net, claim.origin, claim.destination, sc.key, sc, "time", 5)
            except CorridorsError as err:
                row["model route"] = f"error: {err}"
            else:
                matches = [r for r in found.routes if claim.hint.casefold() in r.label.casefold()]
                model = matches[0] if matches else found.best
                if model is None:
                    row["model route"] = f"no route: {found.infeasible_reason}"
        else:
            row["model route"] = "trip not in this network"
        if model is not None:
            t = model.totals
            row.update({"model route": model.label, "model km": t.distance_km, "model nm": t.distance_nm,
                        "model days (P50)": t.p50_days, "model days (P90)": t.p90_days, "model USD/TEU": t.cost_usd})
        rows.append(row)
    return pd.DataFrame(rows).reindex(columns=_CLAIM_COLUMNS)
