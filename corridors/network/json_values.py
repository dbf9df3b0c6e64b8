"""Decoded JSON values as the GeoJSON checks see them: finite numbers and readable type names.

:func:`json.loads` is called with ``parse_constant=NonFinite``, so a ``NaN`` or
``Infinity`` in a file arrives as a :class:`NonFinite` that every check
rejects by name instead of a float that would slip through.
"""

from __future__ import annotations

import json
import math
from types import MappingProxyType
from typing import Any

__all__ = ["NonFinite", "finite", "json_type"]

_JSON_TYPES = MappingProxyType(
    {dict: "an object", list: "an array", str: "a string", bool: "a boolean", type(None): "null"}
)


class NonFinite:
    """Stands for a NaN/Infinity constant, which plain JSON does not allow.

    Parameters
    ----------
    text : str
        The constant as written (``"NaN"``, ``"Infinity"``, ``"-Infinity"``).
    """

    def __init__(self, text: str) -> None:
        self.text = text

    def __repr__(self) -> str:
        return self.text


def json_type(value: Any) -> str:
    """Name a decoded JSON value for a problem: ``"an object"``, ``"the number 12"``, ...

    Parameters
    ----------
    value : Any
        A value from :func:`json.loads` (with ``parse_constant=NonFinite``).

    Returns
    -------
    str
    """
    if isinstance(value, NonFinite):
        return f"the non-finite number {value.text}"
    if isinstance(value, int | float):
        return f"the {'boolean' if isinstance(value, bool) else 'number'} {json.dumps(value)[:40]}"
    return _JSON_TYPES.get(type(value), type(value).__name__)


def finite(value: Any) -> float | None:
    """Return `value` as a finite float, or None if it is not a finite JSON number.

    Parameters
    ----------
    value : Any
        A decoded JSON value (a boolean is not a number here).

    Returns
    -------
    float or None
    """
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    try:
        number = float(value)
    except OverflowError:
        return None
    return number if math.isfinite(number) else None
