"""The served planner: ``corridors_app/app.py`` as Streamlit's ASGI app behind :class:`corridors_app.guard.Guard`.

``streamlit run corridors_app/serve.py`` (what ``./dev app`` and
``corridors-app`` do) finds the ``app`` below and serves it with uvicorn,
honouring ``.streamlit/config.toml`` and ``--server.*`` options like any
``streamlit run``; ``uvicorn corridors_app.serve:app`` works too. The guard
adds the security headers, hides ``/_stcore/metrics`` and bounds each
session's uploads (see ``docs/deploy.md``); the route of
:mod:`corridors_app.static_data` serves the map's shared data files.
"""

from pathlib import Path

import streamlit as st
from starlette.middleware import Middleware

from corridors_app import static_data
from corridors_app.guard import Guard

__all__ = ["app"]

app = st.App(Path(__file__).resolve().parent / "app.py", routes=[static_data.ROUTE], middleware=[Middleware(Guard)])
static_data.enable()  # the map's basemap and click grid go out as files the browser keeps (corridors_app/static_data.py)
