"""Pictures: map styles, map geometry and records, pydeck layers, legends, altair charts.

``style`` (colours, widths) · ``geometry`` (antimeridian cuts, centring, view)
· ``records`` (JSON-ready map records and tooltips) · ``deck`` (pydeck layers
and deck) · ``legend`` (HTML legends) · ``charts`` (altair charts).

Imports from :mod:`corridors.report` and the layers below it; never from streamlit.
"""
