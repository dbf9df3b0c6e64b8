"""Published claims beside the model's figures for the same route, with the differences.

:func:`compare_claims` routes each claim of ``corridors/data/claims.toml`` on
the route it is about (its trip, preset scenario, routing options and route
condition, matched by :func:`corridors.report.route_match.find_route`, as the
calibration benchmarks are) and :func:`claims_frame` lays the published and
modelled figures side by side: distance, P50 days with P10-P90, cost per TEU
where the claim gives one, model minus published, whether the published band
overlaps the model's P10-P90, and the source. Every cell is text: an empty one
shows an em dash, never None or nan.

>>> from corridors.network.loader import load_network
>>> from corridors.report.claims import load_claims
>>> row = compare_claims(load_network(), claims=load_claims()[1:2])[0]
>>> row.label, row.claim.condition.words
('Suez', "label containing 'Suez', passing Suez, passing Gibraltar")
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from corridors._errors import CorridorsError
from corridors._text import describe, one_line
from corridors.model.presets import presets
from corridors.report.claims import Claim, load_claims
from corridors.report.route_match import find_route, leg_chokepoints

__all__ = ["FRAME_COLUMNS", "ClaimRow", "claims_frame", "compare_claims"]


@dataclass(frozen=True)
class ClaimRow:
    """One claim beside the model's figures for the route it is about.

    ``label`` and the figures are the model's (None, with the ``reason``, when it has no route
    meeting the claim's condition): distance in km, P10-P50-P90 transit days and cost per TEU (USD);
    ``leg_ids`` the legs of the model's route, in order.
    """

    claim: Claim
    label: str | None = None
    distance_km: float | None = None
    p10_days: float | None = None
    p50_days: float | None = None
    p90_days: float | None = None
    cost_p10_usd: float | None = None
    cost_usd: float | None = None
    cost_p90_usd: float | None = None
    reason: str | None = None
    leg_ids: tuple[str, ...] = ()

    @property
    def delta_km(self) -> float | None:
        """Model minus published distance (km), or None."""
        return _minus(self.distance_km, self.claim.published_km)

    @property
    def delta_days(self) -> float | None:
        """Model P50 minus the middle of the published band of days, or None."""
        return _minus(self.p50_days, _middle(self.claim.days))

    @property
    def delta_usd(self) -> float | None:
        """Model P50 cost minus the middle of the published cost band (USD/TEU), or None."""
        return _minus(self.cost_usd, _middle(self.claim.usd_per_teu))

    @property
    def days_overlap(self) -> bool | None:
        """Whether the published band of days and the model's P10-P90 share a value (None: nothing to compare)."""
        return _overlap(self.claim.days, self.p10_days, self.p90_days)

    @property
    def usd_overlap(self) -> bool | None:
        """Whether the published cost band and the model's cost P10-P90 share a value (None: nothing to compare)."""
        return _overlap(self.claim.usd_per_teu, self.cost_p10_usd, self.cost_p90_usd)


def compare_claims(network: Any, params: Any = None, *, claims: Sequence[Claim] | None = None) -> tuple[ClaimRow, ...]:
    """Route every claim and set the model's figures for the same route beside it.

    Parameters
    ----------
    network
        A :class:`~corridors.network.loader.Network` (the app passes the session's).
    params
        Base :class:`~corridors.model.params.Params` (the bundled defaults when None).
    claims
        The claims (the bundled file when None).

    Returns
    -------
    tuple of ClaimRow
        One per claim, in order; a claim the model cannot route (a node not in `network`, an
        unknown preset, no route meeting its condition) has ``reason`` set, never an exception.
    """
    table = load_claims() if claims is None else tuple(claims)
    chokepoints = leg_chokepoints(network)
    return tuple(_compare(network, params, claim, chokepoints) for claim in table)


def _compare(network: Any, params: Any, claim: Claim, chokepoints: dict[str, frozenset[str]]) -> ClaimRow:
    scenario = presets().get(claim.scenario)
    if scenario is None:
        return ClaimRow(claim, reason=f"unknown preset scenario {describe(claim.scenario)}")
    missing = [node for node in (claim.origin, claim.destination) if node not in network.nodes.index]
    if missing:
        return ClaimRow(claim, reason=f"{', '.join(missing)} not in this network")
    try:
        found, reason = find_route(
            network,
            claim.origin,
            claim.destination,
            claim.condition,
            scenario=scenario,
            params=params,
            chokepoints=chokepoints,
            **dict(claim.route_options),
        )
    except CorridorsError as err:
        found, reason = None, one_line(str(err))
    if found is None:
        return ClaimRow(claim, reason=reason)
    t = found.totals
    return ClaimRow(
        claim,
        found.label,
        float(t.distance_km),
        *(float(getattr(t, f"p{q}_days")) for q in (10, 50, 90)),
        float(t.cost_p10_usd),
        float(t.cost_usd),
        float(t.cost_p90_usd),
        leg_ids=tuple(leg.leg_id for leg in found.legs),
    )


_DASH = "—"
"""What an empty cell shows (never None or nan)."""

_COLUMNS: dict[str, Callable[[ClaimRow], str]] = {
    "Claim": lambda row: row.claim.claim,
    "Trip": lambda row: f"{row.claim.origin} → {row.claim.destination}",  # with names in claims_frame
    "Scenario": lambda row: row.claim.scenario,
    "Route it is about": lambda row: _route_words(row.claim, {}),  # with names in claims_frame
    "Model route": lambda row: row.label if row.label is not None else f"no figure: {row.reason}",
    "Published km": lambda row: _published_km(row.claim),
    "Model km": lambda row: _number(row.distance_km),
    "Difference km (model - published)": lambda row: _number(row.delta_km, signed=True),
    "Published days": lambda row: row.claim.published_days or _DASH,
    "Model days P50 (P10-P90)": lambda row: _window(row.p50_days, row.p10_days, row.p90_days, ".1f"),
    "Difference days (P50 - published middle)": lambda row: _number(row.delta_days, ".1f", signed=True),
    "Published days overlap P10-P90": lambda row: _yes_no(row.days_overlap),
    "Published USD/TEU": lambda row: row.claim.published_usd_per_teu or _DASH,
    "Model USD/TEU P50 (P10-P90)": lambda row: (
        _window(row.cost_usd, row.cost_p10_usd, row.cost_p90_usd, ",.0f") if row.claim.usd_per_teu else _DASH
    ),
    "Difference USD/TEU (P50 - published middle)": lambda row: _number(row.delta_usd, signed=True),
    "Published USD/TEU overlaps P10-P90": lambda row: _yes_no(row.usd_overlap),
    "Source": lambda row: row.claim.source,
    "Note": lambda row: row.claim.note or _DASH,
}

FRAME_COLUMNS = tuple(_COLUMNS)
"""Column headers of :func:`claims_frame` (units in the headers)."""


def claims_frame(rows: Sequence[ClaimRow], names: Mapping[str, str] | None = None) -> pd.DataFrame:
    """The claims beside the model as a table of text (an empty cell shows an em dash, never None).

    Parameters
    ----------
    rows
        From :func:`compare_claims`.
    names
        Node id to display name for the trip column (the ids when None or missing).

    Returns
    -------
    pandas.DataFrame
        Columns :data:`FRAME_COLUMNS`: numbers with thousands separators (days to 0.1), differences
        signed; a row without a model figure gives the reason as its model route.
    """
    names = names or {}
    records = [[get(row) for get in _COLUMNS.values()] for row in rows]
    frame = pd.DataFrame.from_records(records, columns=list(FRAME_COLUMNS))
    if rows:
        trips = [(row.claim.origin, row.claim.destination) for row in rows]
        frame["Trip"] = [f"{names.get(o, o)} → {names.get(d, d)}" for o, d in trips]
        frame["Route it is about"] = [_route_words(row.claim, names) for row in rows]
    return frame


def _route_words(claim: Claim, names: Mapping[str, str]) -> str:
    options = dict(claim.route_options)
    parts = [claim.condition.words]
    for key, values in options.items():
        if key != "terminals":
            shown = (names.get(v, v) for v in values) if key in ("via", "avoid") else values
            parts.append(f"{key.replace('_', ' ')} {', '.join(shown)}")
    if options.get("terminals") is False:
        parts.append("port to port")
    return "; ".join(part for part in parts if part)


def _published_km(claim: Claim) -> str:
    if claim.published_nm is not None:
        return f"{claim.published_km:,.0f} ({claim.published_nm:,.0f} nm)"
    return _number(claim.published_km)


def _number(value: float | None, spec: str = ",.0f", *, signed: bool = False) -> str:
    if value is None or not math.isfinite(value):
        return _DASH
    text = format(value, ("+" if signed else "") + spec)
    return text.lstrip("+-") if not any(c in "123456789" for c in text) else text  # "0.0", never "+0.0" or "-0.0"


def _window(p50: float | None, p10: float | None, p90: float | None, spec: str) -> str:
    if p50 is None or p10 is None or p90 is None:
        return _DASH
    return f"{p50:{spec}} ({p10:{spec}}–{p90:{spec}})"


def _yes_no(value: bool | None) -> str:
    return _DASH if value is None else "yes" if value else "no"


def _minus(model: float | None, published: float | None) -> float | None:
    return None if model is None or published is None else model - published


def _middle(band: tuple[float, float] | None) -> float | None:
    return None if band is None else (band[0] + band[1]) / 2


def _overlap(band: tuple[float, float] | None, p10: float | None, p90: float | None) -> bool | None:
    if band is None or p10 is None or p90 is None:
        return None
    return max(band[0], p10) <= min(band[1], p90)
