"""Engine checks on the bundled network (geodata/*.geojson)."""

from __future__ import annotations

import functools
import math

import numpy as np
import pytest

from corridors.model.expanded import expanded_graph
from corridors.model.params import default_params
from corridors.model.presets import presets
from corridors.model.scenario import Scenario
from corridors.model.view import scenario_view
from corridors.network.geodesy import KM_PER_NM
from corridors.network.loader import load_network
from corridors.routing.matrix import transit_matrix
from corridors.routing.route import route as route_door_to_door

# quay to quay: these tests check the search and the per-leg figures, not the terminal rows at
# the ends (tests/unit/routing/test_endpoints.py checks those)
route = functools.partial(route_door_to_door, terminals=False)

SEA_ONLY = {"avoid_modes": ["rail", "road", "ferry", "river"]}


@pytest.fixture(scope="module")
def net():
    return load_network()


def test_presets_and_defaults_name_real_ids(net) -> None:
    for scenario in presets().values():
        scenario.check(net)  # raises on an unknown node or leg id
    assert "INSTC-W-RASHT-ASTARA-RAIL" in net.legs.index
    assert net.legs.loc["INSTC-W-RASHT-ASTARA-RAIL", "status"] != "operational"
    assert set(default_params().dwell_node) <= set(net.nodes.index)


def test_red_sea_closure_adds_thousands_of_miles_via_the_cape(net) -> None:
    suez = route(net, "INNSA", "RULED", optimize="distance", **SEA_ONLY).best
    cape = route(net, "INNSA", "RULED", scenario="red-sea-closed", optimize="distance", **SEA_ONLY).best
    assert suez.label == "Suez" and cape.label == "Cape"
    extra_nm = (cape.distance_km - suez.distance_km) / KM_PER_NM
    assert 3000 <= extra_nm <= 6500  # published: +3,500-6,000 nm from India
    assert cape.totals.p50_days > suez.totals.p50_days + 5
    assert sum(d.kind == "chokepoint:suez" for d in suez.dwell_items) == 1  # canal paid once


def test_winter_removes_the_nsr_for_a_non_ice_class_ship(net) -> None:
    summer = route(net, "RULED", "RUVVO", scenario="nsr-summer", optimize="distance", **SEA_ONLY).best
    winter = route(
        net, "RULED", "RUVVO", scenario="nsr-winter-no-ice-class", optimize="distance", **SEA_ONLY
    ).best
    arc7 = route(net, "RULED", "RUVVO", scenario="nsr-winter-arc7", optimize="distance", **SEA_ONLY).best
    assert "NSR" in summer.label and "nsr" in summer.corridors
    seasons = net.legs["season"]
    assert any(seasons[leg.leg_id] == "nsr" for leg in summer.legs)
    assert not any(seasons[leg.leg_id] == "nsr" for leg in winter.legs)
    assert winter.distance_km > summer.distance_km + 5000
    assert "NSR" in arc7.label
    shut = Scenario(name="shut", month=1, closed_chokepoints=["suez", "bab-el-mandeb", "cape-of-good-hope"])
    blocked = route(net, "RULED", "RUVVO", scenario=shut, **SEA_ONLY)
    assert not blocked.feasible
    assert "in January, non-ice-class ships: closed; the NSR rules bar them" in blocked.infeasible_reason


def test_india_moscow_alternatives_include_instc_branches_and_suez(net) -> None:
    # With liner port calls and the hub transshipment to the Baltic feeder, the
    # Suez route via St Petersburg (~35 days) is slower than every INSTC variant,
    # as published (EDB 2021, CONCOR 2020); the Black Sea route (Suez, the
    # Turkish straits, Novorossiysk, rail) sits between them.
    found = route(net, "INNSA", "RUMOW", alternatives=7)
    labels = [r.label for r in found.routes]
    days = {r.label: r.totals.p50_days for r in found.routes}
    assert len(set(labels)) == len(labels) == 7
    assert {"INSTC western", "INSTC eastern", "Suez + Black Sea"} <= set(labels)
    # the all-sea Suez route via the Baltic ranks below EMC + Trans-Siberian now (~37 days): ask for it by name
    suez = route(net, "INNSA", "RUMOW", avoid_corridors=["instc", "emc"], via=["RULED"]).best
    assert suez.label == "Suez"
    assert all(suez.totals.p50_days > d for label, d in days.items() if label.startswith("INSTC"))
    assert days["INSTC western"] < days["Suez + Black Sea"] < suez.totals.p50_days
    for found_route in found.routes:
        t = found_route.totals
        assert t.p10_days <= t.p50_days <= t.p90_days and t.cost_usd > 0 and t.co2e_kg > 0


def test_alternatives_show_other_corridors_before_variants(net) -> None:
    # five alternatives from Mundra: the INSTC variants do not crowd out the Black Sea and Suez routes
    labels = [r.label for r in route(net, "INMUN", "RUMOW", alternatives=5).routes]
    assert {"Suez + Black Sea", "Suez"} <= set(labels)
    assert any(label.startswith("INSTC") for label in labels)


def test_rasht_astara_railway_saves_time_and_moves_the_gauge_break(net) -> None:
    today = route(net, "INNSA", "RUMOW").best
    built = route(net, "INNSA", "RUMOW", scenario="rasht-astara-built").best
    assert today.label == built.label == "INSTC western"
    assert built.totals.p50_days < today.totals.p50_days
    assert "INSTC-W-RASHT-ASTARA-RAIL" in {leg.leg_id for leg in built.legs}
    assert "INSTC-W-RASHT-ASTARA-ROAD" in {leg.leg_id for leg in today.legs}
    kinds = {d.kind for d in built.dwell_items if d.node_id and "ASTARA" in d.node_id}
    assert "gauge" in kinds and "border_rail" in kinds


def test_hormuz_closure_uses_chabahar_or_suez(net) -> None:
    best = route(net, "INNSA", "RUMOW", scenario="hormuz-closed").best
    assert "SEA-HORMUZ" not in best.node_ids and "IRBND" not in best.node_ids


def test_model_times_sit_near_published_ranges(net) -> None:
    # EDB (2021): Mumbai-St Petersburg 15-24 days via INSTC (see also
    # test_calibration.py for the sea routes).
    instc = route(net, "INNSA", "RULED", avoid_corridors=["suez", "cape"]).best
    assert 15 <= instc.totals.p50_days <= 24


def test_every_preset_view_builds_and_the_network_is_untouched(net) -> None:
    edges_before = net.graph.number_of_edges()
    for scenario in presets().values():
        view = scenario_view(net, scenario)
        assert len(view.km) == len(expanded_graph(net).edges)
    assert net.graph.number_of_edges() == edges_before


def test_transit_matrix_over_ports_and_cities(net) -> None:
    matrix = transit_matrix(net)
    assert matrix.shape[0] == matrix.shape[1] >= 30
    values = matrix.to_numpy()
    assert (values[~np.isnan(values)] >= 0).all()
    assert np.isnan(values).mean() < 0.5
    # the matrix holds the shortest expected (PERT-mean) time: the route's time objective, in days
    assert math.isclose(matrix.loc["INNSA", "RUMOW"], route(net, "INNSA", "RUMOW").best.objective / 24)


def test_east_asian_hub_chain_labels_on_the_real_network(net) -> None:
    sea_only = {"avoid_modes": ["rail", "road", "ferry", "river"]}
    found = route(net, "CNSHA", "NLRTM", alternatives=2, **sea_only)
    assert [r.label for r in found.routes] == ["Suez", "Cape"]
    assert "emc" in found.best.corridors
    assert route(net, "CNSHA", "NLRTM", scenario="red-sea-closed", **sea_only).best.label == "Cape"
    assert route(net, "INMAA", "RUVVO", **sea_only).best.label == "EMC"
    assert route(net, "CNSHA", "RUMOW", avoid_corridors=["instc"]).best.label == "EMC + Trans-Siberian"
