"""Engine parameters: speeds, service levels, dwell ranges, costs, emission factors.

Every default lives in ``corridors/data/defaults.toml`` with its source; this
module only loads that file into a typed, immutable :class:`Params` model and
applies overrides (merged by :mod:`corridors.model.overrides`). The tables it
is made of are in :mod:`corridors.model.param_models` (re-exported here).
Nothing here is a figure.

Examples
--------
>>> from corridors.model.params import default_params
>>> p = default_params()
>>> p.speed["sea"].kmh > 30
True
>>> slow = p.with_overrides({"speed.sea": 18})
>>> slow.speed["sea"].value, slow.speed["sea"].source
(18.0, 'override')
"""

from __future__ import annotations

import functools
import json
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any

import pydantic
from pydantic import Field, field_validator

from corridors._errors import Problem, ValidationError
from corridors._paths import DEFAULTS_PATH
from corridors.model.overrides import (
    OVERRIDE_SOURCE,
    collect_figures,
    merge_overrides,
    nest_overrides,
    pydantic_problems,
)
from corridors.model.param_models import (
    DWELL_KEYS,
    ICE_CLASSES,
    MAX_DWELL_H,
    MAX_FIGURE,
    MAX_SPEED_FACTOR,
    MAX_SPEED_KMH,
    MIN_SPACING_KM,
    MIN_SPEED_FACTOR,
    MIN_SPEED_KMH,
    NODE_DWELL_MODES,
    SPEED_KEYS,
    TRANSFER_KEYS,
    Costs,
    DwellKey,
    DwellRange,
    Emissions,
    Figure,
    Frozen,
    IceClass,
    Meta,
    Mode,
    MonteCarlo,
    NodeDwell,
    NodeDwellEntry,
    Speed,
    SpeedKey,
    known_keys,
    require_keys,
)
from corridors.model.param_rules import FirstMile, PortCalls, SeaService, TerminalHandling
from corridors.model.param_services import (
    RAIL_SERVICES,
    SPREAD_MODES,
    MovingSpread,
    RailService,
    RailServiceLevel,
    check_rail_services,
    check_spreads,
)
from corridors.network import schema

__all__ = [
    "DEFAULTS_PATH",
    "DWELL_KEYS",
    "ICE_CLASSES",
    "MAX_DWELL_H",
    "MAX_FIGURE",
    "MAX_SPEED_FACTOR",
    "MAX_SPEED_KMH",
    "MIN_SPACING_KM",
    "MIN_SPEED_FACTOR",
    "MIN_SPEED_KMH",
    "NODE_DWELL_MODES",
    "RAIL_SERVICES",
    "SPEED_KEYS",
    "SPREAD_MODES",
    "TRANSFER_KEYS",
    "DwellRange",
    "Figure",
    "FirstMile",
    "IceClass",
    "MovingSpread",
    "NodeDwell",
    "Params",
    "PortCalls",
    "RailService",
    "RailServiceLevel",
    "SeaService",
    "Speed",
    "TerminalHandling",
    "default_params",
    "load_params",
    "pydantic_problems",
]


class Params(Frozen):
    """Every engine parameter, immutable.

    Build it with :func:`default_params` (the bundled ``defaults.toml``) or
    :func:`load_params`, and derive variants with :meth:`with_overrides`.

    Attributes
    ----------
    speed : dict of str to Speed
        Per mode but rail (``sea``, ``road``, ``ferry``, ``river``); rail
        speeds are the service levels, ice speeds are in :mod:`corridors.model.ice`.
    speed_factor : dict of str to float
        Multiplier per mode (1.0 unless a scenario changes it).
    rail_services : dict of str to RailServiceLevel
        Express, container and wagonload trains: route speed range and the
        wait for a train (the scenario picks the level).
    rail_country_factor : dict of str to Figure
        Per country (ISO 3166 alpha-2): a factor on the rail route speed of
        legs in that country (slower networks than the Russian main lines).
    moving_spread : dict of str to MovingSpread
        Range of moving time on sea, river, ferry and road legs.
    dwell : dict of str to DwellRange
        ``port``, ``ferry_port``, ``gauge``, ``intermodal``,
        ``transshipment`` (transfers), ``border_rail``, ``border_road``,
        ``port_call`` (one intermediate liner call).
    dwell_node : dict of str to DwellRange or NodeDwell
        Per node id: replaces the transfer/border range at that node, for
        every mode (a :class:`DwellRange`) or per mode of the crossing (a
        :class:`NodeDwell`).
    chokepoint_dwell : dict of str to DwellRange
        Per chokepoint key (e.g. the Suez convoy wait).
    port_calls : PortCalls
        Intermediate liner port calls on sea legs (spacing per corridor).
    sea_service : SeaService
        Deep-sea corridors and feeder-only legs (hub transshipment).
    cost : Costs
    emissions : Emissions
    montecarlo : MonteCarlo
    terminal : TerminalHandling
        Loading at the origin and unloading at the destination, by node kind.
    first_mile : FirstMile
        The truck leg from a place that is not a node to the nearest terminals.
    """

    meta: Meta
    speed: dict[SpeedKey, Speed]
    speed_factor: dict[Mode, Annotated[float, Field(ge=MIN_SPEED_FACTOR, le=MAX_SPEED_FACTOR)]] = Field(
        default_factory=lambda: dict.fromkeys(schema.MODES, 1.0)
    )
    rail_services: dict[RailService, RailServiceLevel]
    rail_country_factor: dict[str, Figure] = Field(default_factory=dict)
    moving_spread: dict[str, MovingSpread]
    dwell: dict[DwellKey, DwellRange]
    dwell_node: dict[str, NodeDwellEntry] = Field(default_factory=dict)
    chokepoint_dwell: dict[str, DwellRange] = Field(default_factory=dict)
    port_calls: PortCalls = PortCalls()
    sea_service: SeaService = SeaService()
    cost: Costs
    emissions: Emissions
    montecarlo: MonteCarlo
    terminal: TerminalHandling
    first_mile: FirstMile

    @field_validator("speed")
    @classmethod
    def _every_speed(cls, table: dict[str, Speed]) -> dict[str, Speed]:
        return require_keys(table, SPEED_KEYS)

    @field_validator("speed_factor")
    @classmethod
    def _factors(cls, table: dict[str, float]) -> dict[str, float]:
        return {mode: float(table.get(mode, 1.0)) for mode in schema.MODES}

    @field_validator("rail_services")
    @classmethod
    def _every_service(cls, table: dict[str, RailServiceLevel]) -> dict[str, RailServiceLevel]:
        return check_rail_services(table)

    @field_validator("moving_spread")
    @classmethod
    def _every_spread(cls, table: dict[str, MovingSpread]) -> dict[str, MovingSpread]:
        return check_spreads(table)

    @field_validator("dwell")
    @classmethod
    def _every_dwell(cls, table: dict[str, DwellRange]) -> dict[str, DwellRange]:
        return require_keys(table, DWELL_KEYS)

    @field_validator("chokepoint_dwell")
    @classmethod
    def _known_chokepoints(cls, table: dict[str, DwellRange]) -> dict[str, DwellRange]:
        return known_keys(table, schema.CHOKEPOINTS, "chokepoint")

    @functools.cached_property
    def key(self) -> str:
        """A string identifying these values (for caches)."""
        return json.dumps(self.model_dump(mode="json"), sort_keys=True, separators=(",", ":"))

    def speed_kmh(self, key: str) -> float:
        """Return the speed `key` in km/h, times its mode's speed factor.

        Parameters
        ----------
        key
            A key of :attr:`speed`. The NSR speeds are ice limits and take
            no factor.

        Returns
        -------
        float
        """
        factor = self.speed_factor.get(key, 1.0)  # type: ignore[call-overload]
        return self.speed[key].kmh * factor

    def with_overrides(self, overrides: Mapping[str, Any], *, source: str = OVERRIDE_SOURCE) -> Params:
        """Return a copy with some values replaced; `self` is unchanged.

        Parameters
        ----------
        overrides
            Nested mappings following the model (``{"speed": {"sea": 18}}``)
            or dotted keys (``{"speed.sea": 18}``), or both. A number given
            for a figure replaces its ``value``; a mapping replaces the listed
            fields. A figure or dwell range changed without its own
            ``source`` gets `source`.
        source
            Source recorded on changed figures.

        Returns
        -------
        Params

        Raises
        ------
        ValidationError
            Listing every unknown key and every invalid value at once.
        """
        nested, problems = nest_overrides(overrides, source)
        base = self.model_dump(mode="python")
        merge_overrides(base, nested, (), source, problems)
        try:
            params = Params.model_validate(base)
        except pydantic.ValidationError as err:
            problems.extend(pydantic_problems(err, source))
        if problems:
            raise ValidationError(problems)
        return params

    def figures(self) -> list[dict[str, Any]]:
        """Return every figure and dwell range with its source, as rows.

        Returns
        -------
        list of dict
            Keys ``parameter``, ``value`` (or ``low``/``likely``/``high``),
            ``unit``, ``source``.
        """
        rows: list[dict[str, Any]] = []
        collect_figures(self.model_dump(mode="python"), (), rows)
        return rows


def default_params() -> Params:
    """Return the bundled defaults (loaded once, shared: it is immutable).

    Returns
    -------
    Params
    """
    return _cached_defaults()


@functools.lru_cache(maxsize=1)
def _cached_defaults() -> Params:
    return load_params(DEFAULTS_PATH)


def load_params(path: str | Path) -> Params:
    """Load parameters from a TOML file laid out like ``defaults.toml``.

    Parameters
    ----------
    path
        The file.

    Returns
    -------
    Params

    Raises
    ------
    ValidationError
        Listing every problem in the file; a file that cannot be read or is
        not UTF-8 TOML is one problem naming the file (not its folder).
    """
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as err:
        raise ValidationError([Problem(path.name, None, None, f"invalid TOML: {err}")]) from None
    except UnicodeDecodeError as err:
        message = f"invalid TOML: not UTF-8 text (invalid byte at position {err.start:,})"
        raise ValidationError([Problem(path.name, None, None, message)]) from None
    except OSError as err:  # the name only: never the folder (the app shows this message)
        reason = "no such file" if isinstance(err, FileNotFoundError) else (err.strerror or type(err).__name__)
        raise ValidationError([Problem(path.name, None, None, f"cannot read the file: {reason}")]) from None
    try:
        return Params.model_validate(data)
    except pydantic.ValidationError as err:
        raise ValidationError(pydantic_problems(err, path.name)) from err
