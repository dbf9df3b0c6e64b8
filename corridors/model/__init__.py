"""The model: parameters and scenarios, seasons, time/cost/CO2e per leg, the expanded graph.

Imports from :mod:`corridors.network` and ``corridors._*`` only.
"""
