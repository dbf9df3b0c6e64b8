"""The calibration table: published transit times beside the model's P10-P50-P90 on the bundled network.

Each benchmark of ``corridors/data/calibration.toml`` names a trip (origin,
destination), the scenario it was made under (month, ice class, closures, a
rail service level, a departure date), the route it is about (a label, the
chokepoints it passes) and the published band of days. :func:`calibrate`
routes each one and reports whether the band and the model's P10-P90
window overlap and whether the model's P50 is within the band or within
:data:`P50_TOLERANCE` of its nearest end. A benchmark the model cannot route
(unknown node, no route, no route matching its condition) gives a row with
the reason, never an exception.
"""

from __future__ import annotations

import datetime
import functools
import re
import tomllib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import pandas as pd
import pydantic
from pydantic import BaseModel, ConfigDict, Field

from corridors._errors import CorridorsError, Problem, ValidationError
from corridors._paths import CALIBRATION_PATH
from corridors._text import describe, one_line
from corridors._untrusted import decode_utf8, read_capped
from corridors.model.overrides import pydantic_problems
from corridors.model.params import IceClass, Params
from corridors.model.presets import presets
from corridors.model.scenario import Scenario
from corridors.network import schema
from corridors.report.route_match import RouteCondition, find_route, leg_chokepoints
from corridors.routing.results import Route

__all__ = [
    "MAX_CALIBRATION_BYTES",
    "P50_TOLERANCE",
    "Benchmark",
    "CalibrationRow",
    "calibrate",
    "calibration_frame",
    "calibration_table",
    "p50_within",
    "windows_overlap",
]

MAX_CALIBRATION_BYTES = 2**20
"""Largest calibration file read: 1 MiB (the bundled one is some 25 kB)."""

P50_TOLERANCE = 0.15
"""How far (a fraction of the band's nearest end) the model's P50 may lie outside the band."""


_SCENARIO_KEYS = ("month", "ice_class", "closed_chokepoints", "closed_corridors", "closed_modes", "open_legs")
_SCENARIO_KEYS += ("rail_service", "departure")  # passed to the Scenario only when it has such fields
_ROW_KEYS = ("id", "what", "source", "published", "low_days", "high_days", "origin", "destination", "terminals")
_ROUTE_KEYS = ("via", "avoid", "avoid_chokepoints", "avoid_corridors", "avoid_modes", "terminals")
_ID = r"^[a-z0-9][a-z0-9-]{0,79}$"
_Text = Field(min_length=1, max_length=2000)


class Benchmark(BaseModel):
    """One published transit time and the trip, scenario and route the model computes for it.

    The fields (band, trip, scenario, routing options, the route the figure
    is about) are described at the top of ``corridors/data/calibration.toml``.
    """

    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)

    id: str = Field(pattern=_ID)
    what: str = _Text
    published: str = _Text
    low_days: float = Field(ge=0, le=365)
    high_days: float = Field(gt=0, le=365)
    band_note: str = ""
    source: str = _Text
    origin: str = Field(min_length=1, max_length=80)
    destination: str = Field(min_length=1, max_length=80)
    terminals: bool
    scope_note: str = _Text
    conflict: str = ""
    known_gap: str = ""
    note: str = ""
    preset: str | None = None
    month: int | None = Field(None, ge=1, le=12)
    ice_class: IceClass | None = None
    closed_chokepoints: tuple[str, ...] = ()
    closed_corridors: tuple[str, ...] = ()
    closed_modes: tuple[str, ...] = ()
    open_legs: tuple[str, ...] = ()
    rail_service: Literal["express", "container", "wagonload"] | None = None
    departure: datetime.date | None = None
    overrides: dict[str, Any] = {}
    via: tuple[str, ...] = ()
    avoid: tuple[str, ...] = ()
    avoid_chokepoints: tuple[str, ...] = ()
    avoid_corridors: tuple[str, ...] = ()
    avoid_modes: tuple[str, ...] = ()
    label: str | None = None
    label_contains: tuple[str, ...] = ()
    chokepoints: tuple[str, ...] = ()

    @property
    def route_condition(self) -> RouteCondition:
        """The route the figure is about (:mod:`corridors.report.route_match`)."""
        return RouteCondition(self.label, self.label_contains, self.chokepoints)

    @property
    def condition(self) -> str:
        """The route condition in words ("" when any route will do)."""
        return self.route_condition.words


@dataclass(frozen=True)
class CalibrationRow:
    """One benchmark beside the model's figures.

    ``low_days``-``high_days``: the published band; ``label`` and ``p10_days``..``p90_days``: the
    model's (None, with the ``reason``, when it has no route); ``overlaps``: band and [P10, P90] share a
    value; ``p50_ok``: P50 in the band or within :data:`P50_TOLERANCE` of its nearest end.
    """

    id: str
    what: str
    source: str
    published: str
    low_days: float
    high_days: float
    origin: str
    destination: str
    terminals: bool
    note: str
    label: str | None = None
    p10_days: float | None = None
    p50_days: float | None = None
    p90_days: float | None = None
    overlaps: bool = False
    p50_ok: bool = False
    reason: str | None = None

    @property
    def passed(self) -> bool:
        """Both checks hold."""
        return self.overlaps and self.p50_ok


def windows_overlap(low: float, high: float, p10: float, p90: float) -> bool:
    """Whether the band [low, high] and the model's window [p10, p90] share a value."""
    return max(low, p10) <= min(high, p90)


def p50_within(low: float, high: float, p50: float, tolerance: float = P50_TOLERANCE) -> bool:
    """Whether `p50` is in [low, high] or within `tolerance` (a fraction) of the nearest end."""
    if p50 < low:
        return p50 >= low * (1.0 - tolerance)
    if p50 > high:
        return p50 <= high * (1.0 + tolerance)
    return True


def calibration_table(path: str | Path | None = None) -> tuple[Benchmark, ...]:
    """Read and check the calibration benchmarks.

    Parameters
    ----------
    path
        A TOML file laid out like ``corridors/data/calibration.toml``; the bundled file (read once) when None.

    Returns
    -------
    tuple of Benchmark

    Raises
    ------
    ValidationError
        Listing every problem at once, each naming the file and the benchmark.
    """
    if path is None:
        return _bundled()
    return _read(Path(path))


@functools.lru_cache(maxsize=1)
def _bundled() -> tuple[Benchmark, ...]:
    return _read(CALIBRATION_PATH)


def _read(path: Path) -> tuple[Benchmark, ...]:
    source = path.name
    raw = read_capped(path, limit=MAX_CALIBRATION_BYTES, name=source)
    try:
        data = tomllib.loads(decode_utf8(raw, name=source))
    except ValidationError as err:
        raise ValidationError(
            [Problem(source, None, None, f"invalid TOML: {p.message}") for p in err.problems]
        ) from None
    except tomllib.TOMLDecodeError as err:
        raise ValidationError([Problem(source, None, None, f"invalid TOML: {err}")]) from None
    problems: list[Problem] = []
    if extra := sorted(set(data) - {"benchmark"}):
        problems.append(Problem(source, None, None, f"unknown top-level key(s): {', '.join(map(describe, extra))}"))
    items = data.get("benchmark")
    if not isinstance(items, list) or not items:
        problems.append(Problem(source, None, "benchmark", "expected one or more [[benchmark]] tables"))
        raise ValidationError(problems)
    table: list[Benchmark] = []
    seen: set[str] = set()
    for index, item in enumerate(items):
        where = f"{source}: benchmark {index + 1}"
        key = item.get("id") if isinstance(item, dict) else None
        if isinstance(key, str):
            where += f" ({one_line(key)[:80]})"
            if key in seen:
                problems.append(Problem(where, None, "id", f"duplicate id {describe(key)}"))
            seen.add(key)
        benchmark = _benchmark(item, where, problems)
        if benchmark is not None:
            table.append(benchmark)
    if problems:
        raise ValidationError(problems)
    return tuple(table)


_VOCABULARY = {"chokepoints": schema.CHOKEPOINTS, "corridors": schema.CORRIDORS, "modes": schema.MODES}
"""Allowed keys of the list fields, by the last word of the field's name (``avoid_modes``: modes)."""


def _benchmark(item: Any, where: str, problems: list[Problem]) -> Benchmark | None:
    """One checked benchmark, or None after adding its problems (all of them: the checks run on the raw table)."""
    if not isinstance(item, dict):
        problems.append(Problem(where, None, None, f"a benchmark must be a table, got {type(item).__name__}"))
        return None
    before = len(problems)
    benchmark = None
    try:
        benchmark = Benchmark.model_validate(item)
    except pydantic.ValidationError as err:
        problems.extend(pydantic_problems(err, where))

    def bad(field: str, message: str) -> None:
        problems.append(Problem(where, None, field, message))

    low, high = item.get("low_days"), item.get("high_days")
    if all(isinstance(v, int | float) and not isinstance(v, bool) for v in (low, high)):
        if low > high:
            bad("low_days", f"the band's low end ({low:g}) is above its high end ({high:g})")
        elif low == high and not item.get("band_note"):
            bad("band_note", "a single figure needs a band and a band_note saying how it was chosen")
    preset = item.get("preset")
    if isinstance(preset, str) and preset not in presets():
        bad("preset", f"unknown preset {describe(preset)}")
    for field, values in item.items():
        known = _VOCABULARY.get(str(field).rsplit("_", 1)[-1], ())
        for key in values if known and isinstance(values, list) else ():
            if isinstance(key, str) and key not in known:
                bad(field, f"unknown key {describe(key)}")
    return benchmark if len(problems) == before else None


def calibrate(
    network: Any, params: Params | None = None, *, benchmarks: Sequence[Benchmark] | None = None
) -> tuple[CalibrationRow, ...]:
    """Route every benchmark and set the model's P10-P50-P90 beside its published band.

    Parameters
    ----------
    network
        A :class:`~corridors.network.loader.Network` (the bundled one for the table).
    params
        Base parameters (the bundled defaults when None).
    benchmarks
        The benchmarks (the bundled table when None).

    Returns
    -------
    tuple of CalibrationRow
        One per benchmark; one the model cannot route has ``reason`` set and both checks False.
    """
    table = calibration_table() if benchmarks is None else tuple(benchmarks)
    chokepoints = leg_chokepoints(network)
    return tuple(_row(network, params, b, chokepoints) for b in table)


def _row(network: Any, params: Params | None, benchmark: Benchmark, chokepoints: dict[str, frozenset[str]]) -> CalibrationRow:
    try:
        found, reason = _model_route(network, params, benchmark, chokepoints)
    except CorridorsError as err:  # unknown node, a scenario naming unknown ids, ...
        found, reason = None, one_line(str(err))
    base = {key: getattr(benchmark, key) for key in _ROW_KEYS} | {"note": _note(benchmark)}
    if found is None:
        return CalibrationRow(**base, reason=reason)
    p10, p50, p90 = (float(getattr(found.totals, f"p{q}_days")) for q in (10, 50, 90))
    low, high = benchmark.low_days, benchmark.high_days
    overlaps, p50_ok = windows_overlap(low, high, p10, p90), p50_within(low, high, p50)
    return CalibrationRow(
        **base, label=found.label, p10_days=p10, p50_days=p50, p90_days=p90, overlaps=overlaps, p50_ok=p50_ok
    )


def _model_route(
    network: Any, params: Params | None, benchmark: Benchmark, chokepoints: dict[str, frozenset[str]]
) -> tuple[Route | None, str | None]:
    """The model's route for `benchmark`, or None and the reason."""
    return find_route(
        network,
        benchmark.origin,
        benchmark.destination,
        benchmark.route_condition,
        scenario=benchmark_scenario(benchmark),
        params=params,
        chokepoints=chokepoints,
        **{key: getattr(benchmark, key) for key in _ROUTE_KEYS},
    )


def benchmark_scenario(benchmark: Benchmark) -> Scenario:
    """The scenario of `benchmark`: its preset (or the baseline), its ``overrides`` and its own fields.

    ``rail_service`` and ``departure`` are set only when :class:`~corridors.model.scenario.Scenario` has them.
    """
    data = presets()[benchmark.preset].model_dump() if benchmark.preset is not None else {}
    data |= benchmark.overrides
    for key in _SCENARIO_KEYS:
        value = getattr(benchmark, key)
        if value is not None and value != () and key in Scenario.model_fields:
            data[key] = value
    data["name"] = re.sub(r"[^A-Za-z0-9 _.()+-]", "-", f"calibration {benchmark.id}")[:80]
    data.setdefault("description", f"calibration benchmark: {benchmark.what}"[:2000])
    return Scenario(**data)


def _note(benchmark: Benchmark) -> str:
    conflict, gap = benchmark.conflict and f"CONFLICT: {benchmark.conflict}", benchmark.known_gap
    parts = (benchmark.scope_note, benchmark.band_note and f"band: {benchmark.band_note}", conflict, benchmark.note)
    parts += (gap and f"KNOWN GAP: {gap}",)
    return "; ".join(part for part in parts if part)


_COLUMNS: dict[str, Callable[[CalibrationRow], Any]] = {
    "Benchmark": lambda row: row.id,
    "What": lambda row: row.what,
    "Published": lambda row: row.published,
    "Band low (days)": lambda row: row.low_days,
    "Band high (days)": lambda row: row.high_days,
    "Model P10 (days)": lambda row: _days(row.p10_days),
    "Model P50 (days)": lambda row: _days(row.p50_days),
    "Model P90 (days)": lambda row: _days(row.p90_days),
    "Model route": lambda row: row.label if row.label is not None else f"no figure: {row.reason}",
    "Band overlaps P10-P90": lambda row: "yes" if row.overlaps else "no",
    "P50 in band or within 15 %": lambda row: "yes" if row.p50_ok else "no",
    "Source": lambda row: row.source,
    "Note": lambda row: row.note,
}

FRAME_COLUMNS = tuple(_COLUMNS)
"""Column headers of :func:`calibration_frame` (units in the headers)."""


def calibration_frame(rows: Sequence[CalibrationRow]) -> pd.DataFrame:
    """The calibration rows as a table with human headers (CLI, README, Methodology page).

    Parameters
    ----------
    rows
        From :func:`calibrate`.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`FRAME_COLUMNS`, days to 0.1; a row without a model figure shows the reason as its route.
    """
    records = [[get(row) for get in _COLUMNS.values()] for row in rows]
    return pd.DataFrame.from_records(records, columns=list(FRAME_COLUMNS))


def _days(value: float | None) -> float | None:
    return None if value is None else round(value, 1)
