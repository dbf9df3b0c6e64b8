"""Per-session upload budgets, shared by the pages (:mod:`corridors_app.session`) and the server guard (:mod:`corridors_app.guard`).

No streamlit here: the guard imports it before Streamlit's runtime starts.
"""

from __future__ import annotations

__all__ = ["MAX_SESSION_UPLOAD_BYTES", "MAX_SESSION_UPLOAD_FILES"]

#: Files a session may read through its upload widgets (added or refused): its count budget.
MAX_SESSION_UPLOAD_FILES = 20

#: Bytes a session may read through its upload widgets: its size budget (4 uploads at the 5 MB limit).
MAX_SESSION_UPLOAD_BYTES = 20 * 1024 * 1024
