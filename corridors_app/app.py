"""The corridors planner: the Streamlit entry script.

``streamlit run app.py`` (in a checkout) and ``corridors-app`` (an installed
wheel) both run this file. The pages live in :mod:`corridors_app.views`; the
folder is not named ``pages/`` on purpose, so Streamlit never enters its
legacy multipage mode and ``st.navigation`` alone routes.
"""

from pathlib import Path

import streamlit as st

from corridors_app import ui

VIEWS = Path(__file__).resolve().parent / "views"


def main() -> None:
    """Set up the page, route to the chosen view, stop early on a broken network."""
    st.set_page_config(
        page_title="corridors — India–Russia transport corridors",
        page_icon="🧭",
        layout="wide",
    )
    pages = [
        st.Page(VIEWS / "explorer.py", title="Route explorer", icon=":material/map:", default=True),
        st.Page(VIEWS / "compare.py", title="Scenario comparison", icon=":material/compare_arrows:", url_path="compare"),
        st.Page(VIEWS / "network.py", title="Network & data", icon=":material/table:", url_path="network"),
        st.Page(VIEWS / "methodology.py", title="Methodology", icon=":material/menu_book:", url_path="methodology"),
    ]
    navigation = st.navigation(pages)
    # a missing or corrupt corridor file: say which and why on every page, then stop
    ui.require_network()
    navigation.run()


if __name__ == "__main__":
    main()
