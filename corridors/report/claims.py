"""Published headline figures for the corridors, read from ``corridors/data/claims.toml``, beside the model's.

Each claim is tied to the route it is about: the trip (origin, destination),
the preset scenario it was made under (the Red Sea closed for a Cape claim),
routing options that steer the search (``via``) and a
:class:`~corridors.report.route_match.RouteCondition` (label, chokepoints) the
model's route must meet, so "Mumbai-Moscow via Suez" is set beside the model's
Suez route, never its INSTC one. :mod:`corridors.report.claims_compare` sets
them beside the model's figures (the app's *Network & data* page, claims
tab); the figures themselves stay in the data file, with their sources.

>>> from corridors.report.claims import load_claims
>>> claims = load_claims()
>>> claims[0].origin, claims[0].published_km, claims[0].condition.words
('INNSA', 7200.0, "label containing 'INSTC', passing Hormuz")
"""

from __future__ import annotations

import functools
import math
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from corridors._errors import Problem, ValidationError
from corridors._paths import CLAIMS_PATH
from corridors._text import describe, hide_paths
from corridors._untrusted import decode_utf8, read_capped
from corridors.network import schema
from corridors.network.geodesy import KM_PER_NM
from corridors.report.route_match import RouteCondition

__all__ = ["CLAIMS_PATH", "MAX_CLAIMS_BYTES", "Claim", "load_claims"]

MAX_CLAIMS_BYTES = 2**20
"""Largest claims file read: 1 MiB (the bundled one is a few kB)."""

_REQUIRED = ("claim", "origin", "destination", "scenario", "source")
_OPTIONAL_TEXT = ("published_days", "published_usd_per_teu", "note", "label")
_OPTIONAL_NUMBER = ("published_km", "published_nm", "low_days", "high_days", "low_usd_per_teu", "high_usd_per_teu")
_LISTS = {"label_contains": (), "chokepoints": schema.CHOKEPOINTS, "via": (), "avoid": (), "avoid_chokepoints": schema.CHOKEPOINTS,
          "avoid_corridors": schema.CORRIDORS, "avoid_modes": schema.MODES}
"""The list fields and their allowed keys (() for any non-empty text)."""
_BANDS = (("published_days", "low_days", "high_days"), ("published_usd_per_teu", "low_usd_per_teu", "high_usd_per_teu"))
_KNOWN = frozenset(_REQUIRED + _OPTIONAL_TEXT + _OPTIONAL_NUMBER + tuple(_LISTS) + ("terminals",))


@dataclass(frozen=True)
class Claim:
    """One published claim and the route it is about.

    Attributes
    ----------
    claim
        The published statement, as quoted.
    origin, destination
        Node ids of the trip.
    scenario
        Preset scenario name to model it under.
    source
        Where it was published.
    condition
        The model route the claim is about.
    route_options
        Routing options steering the search (``via``, ``avoid``, ``avoid_*``, ``terminals``).
    published_km
        Published distance in km (converted from ``published_nm`` when the
        claim gives nautical miles), or None; ``published_nm`` the figure in nm, or None.
    published_days, published_usd_per_teu
        Published time and cost as text ("" when not published).
    days, usd_per_teu
        The published (low, high) band of each, or None.
    note
        What a reader needs to compare them ("" when nothing).
    """

    claim: str
    origin: str
    destination: str
    scenario: str
    source: str
    condition: RouteCondition = RouteCondition()  # noqa: RUF009 - frozen, so one shared default is safe
    route_options: tuple[tuple[str, Any], ...] = ()
    published_km: float | None = None
    published_nm: float | None = None
    published_days: str = ""
    published_usd_per_teu: str = ""
    days: tuple[float, float] | None = None
    usd_per_teu: tuple[float, float] | None = None
    note: str = ""


def load_claims(path: str | Path | None = None) -> tuple[Claim, ...]:
    """Read the published claims.

    Parameters
    ----------
    path
        A TOML file laid out like ``corridors/data/claims.toml`` (a list of
        ``[[claim]]`` tables); the bundled file (read once, cached) when None.

    Returns
    -------
    tuple of Claim
        In file order.

    Raises
    ------
    ValidationError
        Listing every problem (unreadable file, invalid TOML, a missing or
        unknown key, a wrong type).
    """
    if path is None:
        return _bundled()
    return _read(Path(path))


@functools.lru_cache(maxsize=1)
def _bundled() -> tuple[Claim, ...]:
    try:
        return _read(CLAIMS_PATH)
    except ValidationError as err:  # shown in the app: the file's name, never the server's folder
        raise ValidationError(
            [Problem(p.source, p.index, p.field, hide_paths(p.message, [CLAIMS_PATH.parent]), p.feature_id) for p in err.problems]
        ) from None


def _read(path: Path) -> tuple[Claim, ...]:
    source = path.name
    raw = read_capped(path, limit=MAX_CLAIMS_BYTES, name=source)  # ValidationError: "cannot read ...", too large
    try:
        text = decode_utf8(raw, name=source)
    except ValidationError as err:  # TOML is UTF-8: bytes that are not are invalid TOML
        raise ValidationError([Problem(source, None, None, f"invalid TOML: {p.message}") for p in err.problems]) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise ValidationError([Problem(source, None, None, f"invalid TOML: {err}")]) from None
    problems: list[Problem] = []
    extra = sorted(set(data) - {"claim"})
    if extra:
        problems.append(Problem(source, None, None, f"unknown top-level key(s): {', '.join(map(describe, extra))}"))
    items = data.get("claim", [])
    if not isinstance(items, list) or not items:
        problems.append(Problem(source, None, "claim", "expected one or more [[claim]] tables"))
        raise ValidationError(problems)
    claims = []
    for index, item in enumerate(items):
        claim = _claim(item, source, index, problems)
        if claim is not None:
            claims.append(claim)
    if problems:
        raise ValidationError(problems)
    return tuple(claims)


def _claim(item: Any, source: str, index: int, problems: list[Problem]) -> Claim | None:
    if not isinstance(item, dict):
        problems.append(Problem(f"{source}: claim {index + 1}", None, None, f"a claim must be a table, got {type(item).__name__}"))
        return None
    before = len(problems)

    def bad(field: str, message: str) -> None:
        problems.append(Problem(f"{source}: claim {index + 1}", None, field, message))

    for key in sorted(set(item) - _KNOWN):
        bad(key, "unknown key")
    for key in _REQUIRED:
        if key not in item:
            bad(key, "missing")
        elif not isinstance(item[key], str) or not item[key].strip():
            bad(key, f"expected non-empty text, got {describe(item[key])}")
    for key in _OPTIONAL_TEXT:
        if key in item and not isinstance(item[key], str):
            bad(key, f"expected text, got {describe(item[key])}")
    for key in _OPTIONAL_NUMBER:
        value = item.get(key)
        if key in item and (isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value) or value <= 0):
            bad(key, f"expected a positive number, got {describe(value)}")
    if "published_km" in item and "published_nm" in item:
        bad("published_nm", "give published_km or published_nm, not both")
    _check_route(item, bad)
    if len(problems) > before:
        return None
    km, nm = item.get("published_km"), item.get("published_nm")
    return Claim(
        **{key: item[key] for key in _REQUIRED},
        condition=RouteCondition(item.get("label"), tuple(item.get("label_contains", ())), tuple(item.get("chokepoints", ()))),
        route_options=tuple((key, tuple(item[key])) for key in _LISTS if key in item and key.startswith(("via", "avoid")))
        + ((("terminals", item["terminals"]),) if "terminals" in item else ()),
        published_km=float(nm * KM_PER_NM) if nm is not None else None if km is None else float(km),
        published_nm=None if nm is None else float(nm),
        published_days=item.get("published_days", ""),
        published_usd_per_teu=item.get("published_usd_per_teu", ""),
        days=_band(item, "low_days", "high_days"),
        usd_per_teu=_band(item, "low_usd_per_teu", "high_usd_per_teu"),
        note=item.get("note", ""),
    )


def _check_route(item: dict[str, Any], bad: Any) -> None:
    """Add the problems of the claim's route fields and published bands (the other checks are in :func:`_claim`)."""
    for key, known in _LISTS.items():
        values = item.get(key, [])
        if not isinstance(values, list) or not all(isinstance(v, str) and v.strip() for v in values):
            bad(key, f"expected a list of non-empty texts, got {describe(values)}")
        elif known and (unknown := [v for v in values if v not in known]):
            bad(key, f"unknown key(s) {', '.join(map(describe, unknown))}")
    if "terminals" in item and not isinstance(item["terminals"], bool):
        bad("terminals", f"expected true or false, got {describe(item['terminals'])}")
    if not any(key in item for key in ("label", "label_contains", "chokepoints")):
        bad("label", "the route the claim is about is missing: give label, label_contains or chokepoints")
    if not any(key in item for key in ("published_km", "published_nm", "published_days", "published_usd_per_teu")):
        bad("published_km", "no published figure: give published_km/nm, published_days or published_usd_per_teu")
    for text, low, high in _BANDS:
        if (text in item) != (low in item) or (text in item) != (high in item):
            bad(low, f"{text}, {low} and {high} go together")
        elif all(isinstance(item.get(k), int | float) for k in (low, high)) and item[low] > item[high]:
            bad(low, f"{low} ({item[low]:g}) is above {high} ({item[high]:g})")


def _band(item: dict[str, Any], low: str, high: str) -> tuple[float, float] | None:
    return (float(item[low]), float(item[high])) if low in item and high in item else None
