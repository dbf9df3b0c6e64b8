"""Closures drawn on the map: closed legs grey and dashed with the reason, markers at closed chokepoints."""

from __future__ import annotations

from corridors.model.view import scenario_view
from corridors.viz.closures import closed_leg_records, closure_markers, closures_of
from corridors.viz.deck import network_deck
from corridors.viz.legend import closed_legend_html, legend_html
from corridors.viz.records import leg_records, node_records
from corridors.viz.style import CLOSED_COLOR, CLOSED_DASH, CORRIDOR_COLORS


def _choke_legs(network):
    out = {}
    for leg_id, row in network.legs.iterrows():
        for key in row["chokepoints"] if isinstance(row["chokepoints"], (list, tuple)) else ():
            out.setdefault(key, []).append(leg_id)
    return out


def test_red_sea_closed_draws_the_suez_lanes_closed(network):
    shut = closures_of(scenario_view(network, "red-sea-closed"))
    suez_legs = [i for i, r in network.legs.iterrows() if isinstance(r["chokepoints"], (list, tuple)) and "suez" in r["chokepoints"]]
    assert suez_legs and all(i in shut.legs for i in suez_legs)
    assert all("Suez closed" in shut.legs[i] or "Bab-el-Mandeb closed" in shut.legs[i] for i in suez_legs)
    assert shut.places["SEA-SUEZ"] == "Suez closed" and shut.places["SEA-BAB-EL-MANDEB"] == "Bab-el-Mandeb closed"
    recs = leg_records(network.legs)
    drawn = closed_leg_records(recs, shut)
    by_id = {r["id"]: r for r in drawn}
    rec = by_id[suez_legs[0]]
    assert rec["c"] == list(CLOSED_COLOR) and rec["d"] == CLOSED_DASH and rec["x"] == 1
    assert rec["tip"].startswith("CLOSED: ")
    # an INSTC rail leg stays in its corridor's colour
    instc = next(r for r in drawn if r["corridor"] == "instc" and r["status"] == "operational" and r["mode"] == "rail")
    assert instc["c"][:3] == list(CORRIDOR_COLORS["instc"]) and "x" not in instc
    assert recs[0] is drawn[0] or recs[0]["id"] in shut.legs  # open records are not copied
    marks = closure_markers(shut, node_records(network.nodes), recs, _choke_legs(network))
    assert {m["tip"].split("\n")[0] for m in marks} == {"CLOSED: Suez closed", "CLOSED: Bab-el-Mandeb closed"}


def test_winter_without_ice_class_closes_the_nsr_and_summer_opens_it(network):
    winter = closures_of(scenario_view(network, "nsr-winter-no-ice-class"))
    summer = closures_of(scenario_view(network, "nsr-summer"))
    nsr = [i for i, r in network.legs.iterrows() if r["corridor"] == "nsr" and r["mode"] == "sea"]
    assert nsr and sum(i in winter.legs for i in nsr) >= len(nsr) // 2
    assert any("January" in winter.legs[i] for i in nsr if i in winter.legs)
    assert not any(i in summer.legs for i in nsr)
    assert not winter.places  # a season closes legs, not places


def test_planned_legs_are_not_drawn_closed(network):
    shut = closures_of(scenario_view(network, "baseline"))
    planned = [i for i, r in network.legs.iterrows() if r["status"] != "operational"]
    assert planned and not any(i in shut.legs for i in planned)
    opened = closures_of(scenario_view(network, "rasht-astara-built"))
    assert "INSTC-W-RASHT-AST" not in opened.legs


def test_deck_draws_markers_and_the_legend_names_closures(network):
    shut = closures_of(scenario_view(network, "red-sea-closed"))
    nodes, legs = node_records(network.nodes), leg_records(network.legs)
    deck = network_deck(nodes, closed_leg_records(legs, shut), view={"longitude": 60, "latitude": 40, "zoom": 2},
                        closed=closure_markers(shut, nodes, legs))  # fmt: skip
    ids = [layer.id for layer in deck.layers]
    assert "closed" in ids and "closed-x" in ids and ids.index("closed") > ids.index("legs")
    assert "closed in this scenario or out of season" in legend_html()
    assert "Suez closed" in closed_legend_html(["Suez closed"]) and "&lt;b&gt;" in closed_legend_html(["<b>"])
