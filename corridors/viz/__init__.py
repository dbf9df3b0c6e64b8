"""Pictures: map styles, map records, pydeck layers and legends, altair charts.

Imports from :mod:`corridors.report` and the layers below it; never from streamlit.
"""
