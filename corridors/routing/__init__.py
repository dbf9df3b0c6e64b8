"""Routing: best routes and distinct alternatives on a scenario view, with their breakdown.

Modules, from the entry point down:

- :mod:`~corridors.routing.route`: :func:`~corridors.routing.route.route` (the main API), its
  option checks and limits, node resolution, and the building of each route's legs;
- :mod:`~corridors.routing.matrix`: the transit matrix between every pair of places;
- :mod:`~corridors.routing.alternatives`: the K label-distinct alternatives;
- :mod:`~corridors.routing.diagnose`: the places to avoid, and why no route exists;
- :mod:`~corridors.routing.labels`: route labels ("INSTC western"); a lane several
  corridors share (leg ``services``) is named after the corridor around it;
- :mod:`~corridors.routing.search`: Dijkstra on the expanded graph;
- :mod:`~corridors.routing.objectives`: the accepted ``optimize`` names and aliases;
- :mod:`~corridors.routing.results`: the result types (RouteSet, Route, LegResult, Totals, DwellItem).

Imports from :mod:`corridors.model`, :mod:`corridors.network` and ``corridors._*`` only.
"""
