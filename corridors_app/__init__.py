"""The Streamlit app's glue: session state, URL sync, cached library calls, messages.

The pages in :mod:`corridors_app.views` are thin: every figure comes from
:mod:`corridors`. Start the app with ``streamlit run app.py`` (a checkout) or
``corridors-app`` (an installed wheel).
"""
