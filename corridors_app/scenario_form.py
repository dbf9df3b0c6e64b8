"""The "Build a scenario" form of the comparison page's sidebar."""

from __future__ import annotations

from typing import Any

import streamlit as st

from corridors.model.params import ICE_CLASSES
from corridors.network import schema
from corridors_app.builder import MONTHS, month_name

__all__ = ["scenario_form"]


def scenario_form(net: Any) -> dict[str, Any] | None:
    """Draw the form; when it is submitted, return :func:`corridors_app.builder.build_scenario`'s keywords.

    Parameters
    ----------
    net : corridors.network.loader.Network
        The session's network (its planned legs are offered for opening).

    Returns
    -------
    dict or None
        ``name, description, month, ice_class, closed, open_legs, factors``;
        None until the planner presses "Add to comparison".
    """
    with st.form("build_scenario", clear_on_submit=False, border=False):
        name = st.text_input("Name", value="my-scenario", max_chars=80, key="b_name")
        description = st.text_area("Description", value="", height=68, max_chars=2000, key="b_description")
        closed = {
            "chokepoints": st.multiselect("Close chokepoints", list(schema.CHOKEPOINTS), key="b_chokepoints"),
            "corridors": st.multiselect("Close corridors", list(schema.CORRIDORS), key="b_corridors"),
            "modes": st.multiselect("Close modes", list(schema.MODES), key="b_modes"),
        }
        planned = net.legs.index[net.legs["status"] != "operational"].tolist()
        open_legs = st.multiselect("Open planned / under-construction legs", planned, key="b_open_legs")
        month = st.selectbox("Month", MONTHS, format_func=month_name, key="b_month")
        ice_class = st.selectbox("Ship ice class (NSR)", list(ICE_CLASSES), key="b_ice_class")
        st.caption("Factors (1 = default)")
        factors = {
            "speed_f": {m: st.slider(f"{m} speed ×", 0.5, 1.5, 1.0, 0.05, key=f"b_speed_{m}") for m in schema.MODES},
            "dwell_f": st.slider("dwell times ×", 0.25, 3.0, 1.0, 0.05, key="b_dwell"),
            "cost_f": st.slider("moving cost per TEU-km ×", 0.5, 2.0, 1.0, 0.05, key="b_cost"),
            "co2_f": st.slider("emission factors ×", 0.5, 2.0, 1.0, 0.05, key="b_co2"),
        }
        submitted = st.form_submit_button("Add to comparison", type="primary", key="b_submit")
    if not submitted:
        return None
    return {"name": name, "description": description, "month": month, "ice_class": ice_class, "closed": closed,
            "open_legs": open_legs, "factors": factors}
