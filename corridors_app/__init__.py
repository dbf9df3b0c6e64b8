"""The Streamlit app: thin pages over the library, plus the streamlit glue they share.

- :mod:`corridors_app.session`: the base network, this session's upload and scenarios
- :mod:`corridors_app.cached`: library calls cached across sessions (keyed by network token)
- :mod:`corridors_app.url`: widget values ⇄ URL query parameters (parsed by :mod:`corridors_app.query`)
- :mod:`corridors_app.ui`: messages, inert text, downloads; :func:`~corridors_app.ui.require_network`
- :mod:`corridors_app.choices`: objective labels, units, limits offered by the pages
- :mod:`corridors_app.columns`, :mod:`corridors_app.tables`, :mod:`corridors_app.map`,
  :mod:`corridors_app.builder`: table columns, table shaping, the explorer's map, the scenario builder

- :mod:`corridors_app.serve`, :mod:`corridors_app.guard`, :mod:`corridors_app.limits`: the served app behind
  an ASGI guard (security headers, metrics hidden, per-session upload budgets)

The pages in :mod:`corridors_app.views` are thin: every figure comes from
:mod:`corridors`. Start the app with ``./dev app`` (a checkout) or
``corridors-app`` (an installed wheel): both serve :mod:`corridors_app.serve` on 127.0.0.1.
"""
