"""What a route can minimise: the objectives a scenario view has weights for.

A tiny module on purpose: the CLI reads these names for its ``--optimize``
choices without loading the model.
"""

from __future__ import annotations

__all__ = ["OBJECTIVES"]

OBJECTIVES = ("time", "distance", "cost", "co2")
"""Transit hours, kilometres, USD per TEU, kg CO2e per TEU."""
