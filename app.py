"""The corridors planner: a Streamlit app.

Run with ``streamlit run app.py``. Pages live in ``pages/`` and are thin:
they call :mod:`corridors` for all work and ``pages/_state.py`` for caching,
session and URL state.
"""

import streamlit as st

from pages import _state as state

st.set_page_config(
    page_title="corridors — India–Russia transport corridors",
    page_icon="🧭",
    layout="wide",
)

PAGES = [
    st.Page("pages/explorer.py", title="Route explorer", icon=":material/map:", default=True),
    st.Page("pages/compare.py", title="Scenario comparison", icon=":material/compare_arrows:", url_path="compare"),
    st.Page("pages/network.py", title="Network & data", icon=":material/table:", url_path="network"),
    st.Page("pages/methodology.py", title="Methodology", icon=":material/menu_book:", url_path="methodology"),
]

navigation = st.navigation(PAGES)
# a missing or corrupt corridor file: say which and why on every page, then stop
state.require_network()
navigation.run()
