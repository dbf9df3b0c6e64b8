"""Tables as a planner downloads them, and the downloads' file names.

- :func:`export_table`: the unit in every header, one time unit everywhere
  (days: a table's hours are converted), figures rounded to what they mean
  (km, nm, USD, kg: whole numbers; days: 1 decimal, a leg's days 2), dates
  as ISO text. Every CSV, workbook sheet and report table goes through it.
- :func:`export_name`: ``corridors_<pair>_<scenario>_<date>_<part>.<ext>``, safe on every system.
"""

from __future__ import annotations

import datetime
import re
import unicodedata

import pandas as pd

__all__ = ["DECIMALS", "HEADERS", "export_name", "export_table"]

DECIMALS = {"km": 0, "nm": 0, "km/h": 0, "days": 1, "USD/TEU": 0, "kg/TEU": 0}
"""Decimals of an exported figure by unit (a leg's days: one more, so a 1-hour port call is not 0.0)."""

_P = ("P10", "P50", "P90")
HEADERS: dict[str, tuple[str, str | None]] = {
    "scenario": ("scenario", None),
    "rank": ("rank", None),
    "route": ("route", None),
    "corridors": ("corridors used", None),
    "legs": ("legs", None),
    "leg": ("leg", None),
    "leg_id": ("leg id", None),
    "from_id": ("from id", None),
    "from_name": ("from", None),
    "to_id": ("to id", None),
    "to_name": ("to", None),
    "distance_km": ("distance (km)", "km"),
    "distance_nm": ("distance (nm)", "nm"),
    "speed_kmh": ("speed (km/h)", "km/h"),
    "moving_h": ("likely moving (days)", "h"),
    "moving_days": ("likely moving (days)", "days"),
    "dwell_h": ("likely dwell (days)", "h"),
    "dwell_days": ("likely dwell (days)", "days"),
    "dwell_low_h": ("dwell at end low (days)", "h"),
    "dwell_high_h": ("dwell at end high (days)", "h"),
    "dwell_at_end": ("dwell at end (what)", None),
    **{f"{p.lower()}_days": (f"transit {p} (days)", "days") for p in _P},
    "cost_usd": ("cost P50 (USD/TEU)", "USD/TEU"),
    "cost_p10_usd": ("cost P10 (USD/TEU)", "USD/TEU"),
    "cost_p90_usd": ("cost P90 (USD/TEU)", "USD/TEU"),
    "leg_cost_usd": ("likely leg cost (USD/TEU)", "USD/TEU"),
    "handling_cost_usd": ("likely handling cost (USD/TEU)", "USD/TEU"),
    "co2e_kg": ("CO2e P50 (kg/TEU)", "kg/TEU"),
    "co2e_p10_kg": ("CO2e P10 (kg/TEU)", "kg/TEU"),
    "co2e_p90_kg": ("CO2e P90 (kg/TEU)", "kg/TEU"),
    **{f"arrival_{p.lower()}": (f"arrival {p} (date)", "date") for p in _P},
    "Δ days (P50) vs baseline": ("Δ transit P50 vs baseline (days)", "days"),
    "Δ USD/TEU vs baseline": ("Δ cost P50 vs baseline (USD/TEU)", "USD/TEU"),
    "Δ kg CO2e vs baseline": ("Δ CO2e P50 vs baseline (kg/TEU)", "kg/TEU"),
    "feasible": ("route found", None),
    "reason": ("no route because", None),
    "season_note": ("season note", None),
    "speed_source": ("speed source", None),
    "cost_source": ("cost source", None),
    "co2e_source": ("CO2e source", None),
    "dwell_source": ("dwell source", None),
}
"""Column of a library table → (export header with its unit, unit; ``"h"``: hours, exported in days)."""

_LEG_HEADERS = {
    "dwell_h": ("likely dwell at end (days)", "h"),
    "cost_usd": ("likely cost (USD/TEU)", "USD/TEU"),
    "co2e_kg": ("likely CO2e (kg/TEU)", "kg/TEU"),
}
"""A legs table's own headers: its figures are the likely values, not a Monte Carlo P50."""


def export_table(frame: pd.DataFrame) -> pd.DataFrame:
    """Return a library table as a planner downloads it: units in the headers, days, rounded.

    Parameters
    ----------
    frame
        :func:`~corridors.report.tables.summary_table`,
        :func:`~corridors.report.tables.legs_table`,
        :func:`~corridors.report.compare.compare` (with or without
        :func:`~corridors.report.compare.with_deltas`), or any frame (columns
        not in :data:`HEADERS` are kept as they are).

    Returns
    -------
    pandas.DataFrame
        Headers from :data:`HEADERS`; hours converted to days; figures
        rounded to :data:`DECIMALS` (whole numbers as integers, empty where
        missing); dates as ``YYYY-MM-DD`` text.
    """
    legs = "leg_id" in frame.columns
    columns = []
    for name in frame.columns:
        header, unit = (_LEG_HEADERS if legs else {}).get(name) or HEADERS.get(name, (str(name), None))
        values = frame[name]
        if unit == "h":
            values, unit = pd.to_numeric(values) / 24.0, "days"
        if unit == "date":
            values = values.map(lambda v: v.isoformat() if isinstance(v, datetime.date) else "")
        elif unit is not None:
            values = _rounded(values, DECIMALS[unit] + (1 if legs and unit == "days" else 0))
        elif pd.api.types.is_integer_dtype(values):
            values = values.astype("Int64")
        columns.append(values.rename(header))
    out = pd.concat(columns, axis=1) if columns else pd.DataFrame(index=frame.index)
    if out.columns.duplicated().any():
        msg = f"two columns export under one header: {sorted(out.columns[out.columns.duplicated()])}"
        raise ValueError(msg)
    return out.reset_index(drop=True)


def _rounded(values: pd.Series, decimals: int) -> pd.Series:
    numbers = pd.to_numeric(values).astype(float).round(decimals) + 0.0  # + 0.0: no "-0.0"
    return numbers.astype("Int64") if decimals == 0 else numbers


def export_name(
    origin: str, destination: str, scenario: str, part: str, ext: str, *, date: datetime.date | None = None
) -> str:
    """Return a download's file name: ``corridors_<origin>-<destination>_<scenario>_<date>_<part>.<ext>``.

    Parameters
    ----------
    origin, destination
        Node ids or places (a ``lon,lat`` too).
    scenario
        The scenario's name (or e.g. ``"4-scenarios"`` for a comparison).
    part
        What the file holds: ``summary``, ``legs``, ``comparison``, ``routes``, ``report``...
    ext
        File extension without the dot.
    date
        The departure date when the query has one; today when None.

    Returns
    -------
    str
        Only ASCII letters, digits, ``.``, ``-`` and ``_`` (accents folded,
        anything else a ``-``), each part at most 40 characters: safe as a
        file name on every system.
    """
    day = (date or datetime.date.today()).isoformat()
    pair = f"{_slug(origin)}-{_slug(destination)}"
    return f"corridors_{pair}_{_slug(scenario)}_{day}_{_slug(part)}.{_slug(ext).lower()}"


def _slug(text: str, limit: int = 40) -> str:
    folded = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^A-Za-z0-9.]+", "-", folded).strip("-.")
    slug = re.sub(r"\.{2,}", ".", slug)[:limit].strip("-.")
    return slug or "x"
