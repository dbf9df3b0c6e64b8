"""The data layer: read and validate GeoJSON, build the base graph, load the bundled network.

``schema`` (allowed values) → ``geodesy`` (lengths, antimeridian) →
``json_values`` (decoded JSON values) → ``properties`` (one feature's
properties) and ``geometry`` (its geometry) → ``features`` (a feature into a
node or leg row) → ``registry`` (the checks across files) → ``read``
(:func:`~corridors.network.read.read_geojson`, :func:`~corridors.network.read.read_all`:
bytes, JSON, limits) → ``convert`` (frames ⇄ graph) → ``loader``
(:class:`~corridors.network.loader.Network`, :func:`load_network`).
Imports only from ``corridors._*``.
"""
