"""The data layer: read and validate GeoJSON, build the base graph, load the bundled network.

``schema`` (allowed values) → ``geodesy`` (lengths, antimeridian) → ``read``
(one file, then the files together) → ``convert`` (frames ⇄ graph) →
``loader`` (:class:`~corridors.network.loader.Network`, :func:`load_network`).
Imports only from ``corridors._*``.
"""
