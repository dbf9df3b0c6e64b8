"""Read the app's URL query parameters safely (``?origin=INNSA&k=3&scenario=red-sea-closed``).

A link can be written by anyone, so every value is untrusted text. Each one
is checked here, by the library, before it reaches the engine:

- ``origin``, ``destination``: a node of the network (id or name,
  case-insensitive, as :func:`corridors.routing.route.resolve_node`), returned as
  the canonical id; else a place that is not a node
  (:func:`corridors.network.places.resolve_place`: a position ``lon,lat``,
  a UN/LOCODE or a gazetteer name), returned as ``lon,lat``, its UN/LOCODE or
  ``"Name, CC"`` (an ambiguous name is a problem listing the candidates);
- ``scenario``: a scenario *name* among the known ones (the presets by
  default). Never a path, never TOML text: nothing in a URL reads a file;
- ``scenarios``: comma-separated names, each as ``scenario``, at most
  :data:`corridors.report.compare.MAX_SCENARIOS`;
- ``k``: a whole number of alternatives, 1 to
  :data:`corridors.routing.route.MAX_ALTERNATIVES` (ASCII digits only);
- ``optimize``: ``time``, ``distance``, ``cost`` or ``co2`` (``co2e`` too);
- ``units``: ``km`` or ``nm``;
- ``custom``: the session's own scenarios, comma-separated, each encoded by
  :func:`corridors.model.scenario_url.encode_scenario` and read back by
  :func:`~corridors.model.scenario_url.decode_scenario` (checked as an
  uploaded scenario file is, and against the network's ids when a network is
  given); their names join the known scenario names. At most
  :data:`MAX_LINK_SCENARIOS`, :data:`MAX_CUSTOM_CHARS` characters in all;
- ``departure``: an ISO date ``2026-10-20``; ``rail_service``: ``express``,
  ``container`` or ``wagonload``;
- ``globe``, ``tiles``: ``1``/``0`` (``true``/``false``, ``yes``/``no``);
- ``route``: the selected route, a whole number 1 to
  :data:`corridors.routing.route.MAX_ALTERNATIVES`.

Values longer than :data:`MAX_VALUE_CHARS` (``custom``: :data:`MAX_CUSTOM_CHARS`) are refused before any lookup.
Keys not in :data:`QUERY_KEYS` are ignored (a link may carry others). A bad
value is left out of :attr:`ParsedQuery.values` and described in
:attr:`ParsedQuery.problems`; nothing is raised unless asked.

Examples
--------
>>> from corridors_app.query import parse_query
>>> parsed = parse_query({"k": "3", "optimize": "COST", "units": "miles"})
>>> parsed.values
{'k': 3, 'optimize': 'cost'}
>>> [str(p) for p in parsed.problems]
["URL: field 'units': unknown units 'miles'; known: km, nm"]
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from corridors._errors import CorridorsError, Problem, ValidationError
from corridors._text import describe

__all__ = ["MAX_CUSTOM_CHARS", "MAX_LINK_SCENARIOS", "MAX_VALUE_CHARS", "QUERY_KEYS", "UNITS", "ParsedQuery", "parse_query"]

QUERY_KEYS = ("custom", "origin", "destination", "scenario", "k", "optimize", "units", "scenarios",
              "departure", "rail_service", "globe", "tiles", "route")
"""The query parameters checked here (``custom`` first: its names are known to ``scenario``)."""

MAX_LINK_SCENARIOS = 12
"""Most custom scenarios one link carries."""

MAX_CUSTOM_CHARS = 32_000
"""Longest ``custom`` value (all the link's scenarios; each is also capped by ``MAX_SCENARIO_URL_CHARS``)."""

UNITS = ("km", "nm")
"""Distance units the app can show."""

MAX_VALUE_CHARS = 2_000
"""Longest query value read (longer ones are refused before any lookup)."""

_SOURCE = "URL"
_DIGITS = re.compile(r"[0-9]+")


@dataclass(frozen=True)
class ParsedQuery:
    """Checked query values and the problems found.

    Attributes
    ----------
    values : dict
        Only the keys whose value is valid: ``origin``/``destination`` (node
        id), ``scenario`` (name), ``scenarios`` (list of names, possibly
        shortened), ``k`` (int), ``optimize`` (str), ``units`` (str),
        ``custom`` (list of :class:`~corridors.model.scenario.Scenario`, the
        valid ones), ``departure`` (:class:`datetime.date`), ``rail_service``
        (str), ``globe``/``tiles`` (bool), ``route`` (int).
    problems : tuple of Problem
        One per bad value (source ``"URL"``, field = the key).
    """

    values: dict[str, Any] = field(default_factory=dict)
    problems: tuple[Problem, ...] = ()

    @property
    def ok(self) -> bool:
        """Whether every value given was valid."""
        return not self.problems

    def raise_if_any(self) -> None:
        """Raise a :class:`~corridors._errors.ValidationError` listing every problem, if any.

        Raises
        ------
        ValidationError
        """
        if self.problems:
            raise ValidationError(self.problems)


def parse_query(
    query: Mapping[str, Any],
    *,
    network: Any | None = None,
    scenario_names: Iterable[str] | None = None,
) -> ParsedQuery:
    """Check the app's query parameters and return the clean values.

    Parameters
    ----------
    query
        Key -> value, as ``st.query_params.to_dict()`` gives (str values);
        a list of values (``get_all``) uses the last one, as streamlit does.
    network
        A :class:`~corridors.network.loader.Network` (or base graph) for the node
        checks; when None, ``origin``/``destination`` are only checked to be
        well-formed ids.
    scenario_names
        The scenario names the app offers (the presets plus a session's
        own); the presets when None.

    Returns
    -------
    ParsedQuery
        Never raises for bad values: each one is a problem.
    """
    values: dict[str, Any] = {}
    problems: list[Problem] = []
    if not isinstance(query, Mapping):
        problem = Problem(_SOURCE, None, None, f"query parameters must be a mapping, got type {type(query).__name__}")
        return ParsedQuery({}, (problem,))
    names: tuple[str, ...] | None = None
    for key in QUERY_KEYS:
        if key not in query:
            continue
        raw, message = _text(query[key], MAX_CUSTOM_CHARS if key == "custom" else MAX_VALUE_CHARS)
        if message is None and raw is not None:
            if key in ("scenarios", "scenario") and names is None:
                names = _names(scenario_names) + tuple(s.name for s in values.get("custom", ()))
            try:
                value, message = _PARSERS[key](raw, network=network, names=names)
            except CorridorsError as err:  # the engine's own check said no
                value, message = None, " ".join(str(err).splitlines())
            if value is not None:
                values[key] = value
        if message is not None:
            problems.append(Problem(_SOURCE, None, key, message))
    return ParsedQuery(values, tuple(problems))


# --------------------------------------------------------------- one key each
def _text(raw: Any, limit: int = MAX_VALUE_CHARS) -> tuple[str | None, str | None]:
    if isinstance(raw, list | tuple):
        if not raw:
            return None, None
        raw = raw[-1]
    if not isinstance(raw, str):
        return None, f"expected text, got type {type(raw).__name__}"
    if len(raw) > limit:
        return None, f"value is {len(raw):,} characters, over the limit of {limit:,}"
    return raw.strip(), None


def _node(raw: str, *, network: Any, names: Any) -> tuple[str | None, str | None]:  # noqa: ARG001
    if not raw:
        return None, "empty node id"
    if network is None:
        from corridors.network import schema  # noqa: PLC0415

        if schema.ID_PATTERN.fullmatch(raw):
            return raw, None
        return None, f"not a valid node id: {describe(raw)}"
    from corridors._errors import UnknownNodeError  # noqa: PLC0415
    from corridors.network.places import PlaceError, resolve_place  # noqa: PLC0415
    from corridors.routing.route import resolve_node  # noqa: PLC0415

    try:
        return resolve_node(network, raw), None
    except UnknownNodeError as err:
        unknown = err
    try:
        place = resolve_place(raw, {})  # a position lon,lat, a UN/LOCODE or a gazetteer name
    except PlaceError:
        raise  # ambiguous (the candidates listed) or out of range
    except UnknownNodeError:
        raise unknown from None  # the node message, with the closest node ids
    return place.place_id if place.locode or not place.country else place.label, None  # type: ignore[union-attr]


def _scenario(raw: str, *, network: Any, names: tuple[str, ...]) -> tuple[str | None, str | None]:  # noqa: ARG001
    if raw in names:
        return raw, None
    from corridors._text import suggest  # noqa: PLC0415

    hint = suggest(raw[:200], names, None)
    return None, f"unknown scenario {describe(raw)}{hint}; known: {_known(names)}"


def _scenarios(
    raw: str,
    *,
    network: Any,  # noqa: ARG001
    names: tuple[str, ...],
) -> tuple[list[str] | None, str | None]:
    from corridors.report.compare import MAX_SCENARIOS  # noqa: PLC0415

    wanted = list(dict.fromkeys(x.strip() for x in raw.split(",") if x.strip()))
    found = [item for item in wanted if item in names]
    unknown = [item for item in wanted if item not in names]
    messages = []
    if unknown:
        shown = ", ".join(describe(item) for item in unknown[:5])
        more = f" and {len(unknown) - 5:,} more" if len(unknown) > 5 else ""  # noqa: PLR2004
        what = "scenario" if len(unknown) == 1 else "scenarios"
        messages.append(f"unknown {what} {shown}{more}; known: {_known(names)}")
    if len(found) > MAX_SCENARIOS:
        messages.append(
            f"{len(found):,} scenarios to compare at once, over the limit of {MAX_SCENARIOS} (MAX_SCENARIOS); "
            f"kept the first {MAX_SCENARIOS}"
        )
        found = found[:MAX_SCENARIOS]
    return (found or None), ("; ".join(messages) or None)


def _k(raw: str, *, network: Any, names: Any) -> tuple[int | None, str | None]:  # noqa: ARG001
    from corridors.routing.route import check_alternatives  # noqa: PLC0415

    if not _DIGITS.fullmatch(raw):
        return None, f"k must be a whole number of alternatives, got {describe(raw)}"
    return check_alternatives(int(raw)), None


def _optimize(raw: str, *, network: Any, names: Any) -> tuple[str | None, str | None]:  # noqa: ARG001
    from corridors.routing.objectives import check_objective as _objective  # noqa: PLC0415

    return _objective(raw), None


def _units(raw: str, *, network: Any, names: Any) -> tuple[str | None, str | None]:  # noqa: ARG001
    if raw.lower() in UNITS:
        return raw.lower(), None
    return None, f"unknown units {describe(raw)}; known: {', '.join(UNITS)}"


def _custom(raw: str, *, network: Any, names: Any) -> tuple[list[Any] | None, str | None]:  # noqa: ARG001
    from corridors.model.scenario_url import decode_scenario  # noqa: PLC0415

    parts = [x.strip() for x in raw.split(",") if x.strip()]
    found, messages = [], []
    if len(parts) > MAX_LINK_SCENARIOS:
        messages.append(f"{len(parts):,} scenarios in the link, over the limit of {MAX_LINK_SCENARIOS} (MAX_LINK_SCENARIOS); "
                        f"read the first {MAX_LINK_SCENARIOS}")
    for number, part in enumerate(parts[:MAX_LINK_SCENARIOS], start=1):
        try:
            scenario = decode_scenario(part, source=f"scenario {number} of the link")
            if network is not None:
                scenario.check(network)
        except CorridorsError as err:
            messages.append("; ".join(str(p) for p in getattr(err, "problems", ())) or str(err))
            continue
        found.append(scenario)
    return (found or None), ("; ".join(messages) or None)


def _departure(raw: str, *, network: Any, names: Any) -> tuple[Any, str | None]:  # noqa: ARG001
    import datetime  # noqa: PLC0415

    if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", raw):
        try:
            return datetime.date.fromisoformat(raw), None
        except ValueError:
            pass
    return None, f"expected a date as 2026-10-20, got {describe(raw)}"


def _rail_service(raw: str, *, network: Any, names: Any) -> tuple[str | None, str | None]:  # noqa: ARG001
    from corridors.model.param_services import RAIL_SERVICES  # noqa: PLC0415

    if raw.lower() in RAIL_SERVICES:
        return raw.lower(), None
    return None, f"unknown rail service {describe(raw)}; known: {', '.join(RAIL_SERVICES)}"


_TRUE, _FALSE = ("1", "true", "yes", "on"), ("0", "false", "no", "off")


def _flag(raw: str, *, network: Any, names: Any) -> tuple[bool | None, str | None]:  # noqa: ARG001
    if raw.lower() in _TRUE + _FALSE:
        return raw.lower() in _TRUE, None
    return None, f"expected 1 or 0, got {describe(raw)}"


def _route(raw: str, *, network: Any, names: Any) -> tuple[int | None, str | None]:  # noqa: ARG001
    from corridors.routing.route import MAX_ALTERNATIVES  # noqa: PLC0415

    if _DIGITS.fullmatch(raw) and 1 <= int(raw) <= MAX_ALTERNATIVES:
        return int(raw), None
    return None, f"route must be a whole number 1 to {MAX_ALTERNATIVES}, got {describe(raw)}"


_PARSERS = {
    "custom": _custom,
    "departure": _departure,
    "rail_service": _rail_service,
    "globe": _flag,
    "tiles": _flag,
    "route": _route,
    "origin": _node,
    "destination": _node,
    "scenario": _scenario,
    "scenarios": _scenarios,
    "k": _k,
    "optimize": _optimize,
    "units": _units,
}


def _known(names: tuple[str, ...], limit: int = 20) -> str:
    shown = ", ".join(n if n.isprintable() and len(n) <= 60 else describe(n) for n in names[:limit])  # noqa: PLR2004
    return shown + (f" and {len(names) - limit:,} more" if len(names) > limit else "")


def _names(scenario_names: Iterable[str] | None) -> tuple[str, ...]:
    if scenario_names is None:
        from corridors.model.presets import presets  # noqa: PLC0415

        return tuple(presets())
    return tuple(str(n) for n in scenario_names)
