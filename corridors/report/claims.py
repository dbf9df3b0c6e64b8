"""Published headline figures for the corridors, read from ``corridors/data/claims.toml``.

Each claim names the trip to model for it (origin, destination, preset
scenario) and a ``hint``: the model's route whose label contains it is the one
to set beside the published figure. The app's *Network & data* page shows them
side by side; the figures themselves stay in the data file, with their sources.

>>> from corridors.report.claims import load_claims
>>> claims = load_claims()
>>> claims[0].origin, claims[0].published_km
('INNSA', 7200.0)
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
from corridors._text import describe
from corridors._untrusted import decode_utf8, read_capped
from corridors.network.geodesy import KM_PER_NM

__all__ = ["CLAIMS_PATH", "MAX_CLAIMS_BYTES", "Claim", "load_claims"]

MAX_CLAIMS_BYTES = 2**20
"""Largest claims file read: 1 MiB (the bundled one is a few kB)."""

_REQUIRED = ("claim", "origin", "destination", "scenario", "hint", "source")
_OPTIONAL_TEXT = ("published_days", "published_usd_per_teu")
_OPTIONAL_NUMBER = ("published_km", "published_nm")
_KNOWN = frozenset(_REQUIRED + _OPTIONAL_TEXT + _OPTIONAL_NUMBER)


@dataclass(frozen=True)
class Claim:
    """One published claim and the trip to model for it.

    Attributes
    ----------
    claim
        The published statement, as quoted.
    origin, destination
        Node ids of the trip.
    scenario
        Preset scenario name to model it under.
    hint
        Text of the model route label to show (else the best route).
    source
        Where it was published.
    published_km
        Published distance in km (converted from ``published_nm`` when the
        claim gives nautical miles), or None.
    published_days, published_usd_per_teu
        Published time and cost as text ("" when not published).
    """

    claim: str
    origin: str
    destination: str
    scenario: str
    hint: str
    source: str
    published_km: float | None = None
    published_days: str = ""
    published_usd_per_teu: str = ""


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
    return _read(CLAIMS_PATH)


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
    if len(problems) > before:
        return None
    km = item.get("published_km")
    if "published_nm" in item:
        km = item["published_nm"] * KM_PER_NM
    return Claim(
        **{key: item[key] for key in _REQUIRED},
        published_km=None if km is None else float(km),
        published_days=item.get("published_days", ""),
        published_usd_per_teu=item.get("published_usd_per_teu", ""),
    )
