"""The planning options of ``corridors route`` and ``compare``: departure, month, ice class, rail service.

Each option changes the scenario the command runs under (a preset, a file
or the baseline), validated like a scenario file: ``--departure 2026-10-20``
walks the route on the calendar (seasonal legs take the month they are
reached; the answer shows the arrival date with its P10-P90 window).
"""

from __future__ import annotations

import argparse
from typing import Any

from corridors._errors import CorridorsError, ValidationError
from corridors.model.param_models import ICE_CLASSES
from corridors.model.param_services import RAIL_SERVICES

__all__ = ["add_plan_options", "planned"]


def add_plan_options(parser: argparse.ArgumentParser) -> None:
    """Add ``--departure``, ``--month``, ``--ice-class`` and ``--rail-service`` to `parser`."""
    group = parser.add_argument_group("planning (override the scenario's)")
    group.add_argument(
        "--departure",
        metavar="YYYY-MM-DD",
        help="departure date: seasonal legs use the month the ship or train reaches them; "
        "the answer shows the arrival date (P10-P50-P90)",
    )
    group.add_argument(
        "--month", type=int, choices=range(1, 13), metavar="1-12", help="month for seasonal legs (no date)"
    )
    group.add_argument("--ice-class", choices=ICE_CLASSES, help="the ship's ice class (NSR, default none)")
    group.add_argument(
        "--rail-service", choices=RAIL_SERVICES, help="rail service level (default container)"
    )


def planned(scenario: Any, args: argparse.Namespace) -> Any:
    """Return `scenario` with the planning options of `args` applied (validated as a scenario).

    Parameters
    ----------
    scenario
        A :class:`~corridors.model.scenario.Scenario`.
    args
        Parsed options.

    Returns
    -------
    Scenario
        `scenario` itself when no option is given.

    Raises
    ------
    CorridorsError
        For a malformed date or a value out of range: a usage error (exit
        status 2), each problem named by its option (``--departure``).
    """
    changes = {
        field: value
        for field, value in (
            ("departure", args.departure),
            ("month", args.month),
            ("ice_class", args.ice_class),
            ("rail_service", args.rail_service),
        )
        if value is not None
    }
    if not changes:
        return scenario
    from corridors.model.scenario import Scenario  # noqa: PLC0415  (pydantic loads lazily)

    try:
        return Scenario.from_dict({**scenario.to_dict(), **changes}, source="command-line options")
    except ValidationError as err:  # the scenario itself was valid: the options are at fault
        problems = "; ".join(
            f"--{p.field.replace('_', '-')}: {p.message}" if p.field else p.message for p in err.problems
        )
        msg = f"invalid planning option: {problems}"
        raise CorridorsError(msg) from None
