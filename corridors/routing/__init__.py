"""Routing: best routes and distinct alternatives on a scenario view, with their breakdown.

Imports from :mod:`corridors.model`, :mod:`corridors.network` and ``corridors._*`` only.
"""
