"""The model: parameters and scenarios, seasons, time/cost/CO2e per leg, the expanded graph.

Imports from :mod:`corridors.network` and ``corridors._*`` only. Modules, lowest first:

- ``montecarlo``: dwell sampling and percentiles.
- ``param_models`` / ``param_rules``: the tables of the parameters (figures; port calls, sea service, seasons).
- ``overrides``: merging a user's overrides into the parameters; pydantic errors as problems.
- ``params``: :class:`~corridors.model.params.Params`, ``default_params``, ``load_params``.
- ``scenario_toml`` / ``scenario`` / ``presets``: scenario TOML in and out; the Scenario model; presets and ``load_scenario``.
- ``seasons``, ``layers``, ``costs``: season states, layers and transfers, per-leg figures and charges.
- ``base_info`` / ``expanded`` / ``view``: what the engine reads from the network; the expanded graph; scenario views.
"""
