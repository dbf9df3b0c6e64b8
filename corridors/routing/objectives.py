"""What a route may minimise: the one home of the accepted ``optimize`` names and their aliases.

The objectives themselves (:data:`OBJECTIVES`) are the weights a scenario view
computes (:mod:`corridors.model.objectives`); this module adds the spellings a
caller may use for them (``"co2e"`` for ``"co2"``, any letter case) and the
check every face shares: :func:`corridors.routing.route.route`,
:func:`corridors.routing.matrix.transit_matrix`, the CLI's ``--optimize``
choices and the app's ``optimize`` URL parameter.
"""

from __future__ import annotations

from types import MappingProxyType

from corridors._errors import ValidationError
from corridors._text import short
from corridors.model.objectives import OBJECTIVES

__all__ = ["OBJECTIVES", "OBJECTIVE_ALIASES", "check_objective"]

OBJECTIVE_ALIASES = MappingProxyType({**{name: name for name in OBJECTIVES}, "co2e": "co2"})
"""Accepted ``optimize`` spellings (lower case) -> objective of :data:`OBJECTIVES`."""


def check_objective(optimize: str) -> str:
    """Return the objective named by `optimize` (case-insensitive, aliases allowed).

    Parameters
    ----------
    optimize : str
        ``"time"``, ``"distance"``, ``"cost"``, ``"co2"`` or an alias of
        :data:`OBJECTIVE_ALIASES`, in any letter case.

    Returns
    -------
    str
        One of :data:`OBJECTIVES`.

    Raises
    ------
    ValidationError
        For any other value (the message lists :data:`OBJECTIVES`).
    """
    found = OBJECTIVE_ALIASES.get(str(optimize).lower())
    if found is None:
        raise ValidationError(f"optimize must be one of {', '.join(OBJECTIVES)}, got {short(optimize)}")
    return found
