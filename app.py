"""The corridors planner: ``streamlit run app.py`` from a checkout.

The app itself is :mod:`corridors_app.app` (also run by ``corridors-app``
from an installed wheel).
"""

from corridors_app.app import main

main()
