"""Reports: route and comparison tables, CSV/JSON/GeoJSON export, published claims.

Imports from :mod:`corridors.routing` and the layers below it.
"""
