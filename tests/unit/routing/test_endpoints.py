"""Door to door: terminal handling at both ends, any place as origin or destination, first/last mile."""

from __future__ import annotations

import math

import pytest

from corridors.cli import main
from corridors.model.view import scenario_view
from corridors.network.places import PlaceError
from corridors.report import tables
from corridors.routing.endpoints import FIRST_MILE_IDS, TERMINAL_MODE, is_end_row, network_legs, resolve_endpoint
from corridors.routing.route import route

NEAR_TEHRAN = "51.0,35.5"  # about 40 km from the toy network's Tehran (a city node)


def _great_circle_km(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    p1, p2, dl = math.radians(lat1), math.radians(lat2), math.radians(lon2 - lon1)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(h))


def test_a_node_to_node_route_loads_and_unloads_at_its_ends(toy, toy_params) -> None:
    found = route(toy, "INNSA", "RUMOW", params=toy_params).best
    first, last = found.legs[0], found.legs[-1]
    loading, unloading = toy_params.terminal.origin["seaport"], toy_params.terminal.destination["city"]
    assert (first.mode, first.from_id, first.to_id, first.distance_km) == (TERMINAL_MODE, "INNSA", "INNSA", 0.0)
    assert (last.mode, last.from_id, last.to_id, last.distance_km) == (TERMINAL_MODE, "RUMOW", "RUMOW", 0.0)
    (item,) = first.dwell
    assert item.kind == "terminal_origin" and "loading" in item.description
    assert (item.low_h, item.likely_h, item.high_h) == (loading.low, loading.likely, loading.high)
    assert item.cost_usd == toy_params.terminal.fee["seaport"].value and item.dwell_source == loading.source
    assert last.dwell[0].kind == "terminal_destination" and last.dwell[0].likely_h == unloading.likely
    # the handling is in the totals and in the Monte Carlo (its ranges are dwell items)
    core = network_legs(route(toy, "INNSA", "RUMOW", params=toy_params)).best
    assert found.dwell_h == pytest.approx(core.dwell_h + loading.likely + unloading.likely)
    assert found.totals.cost_usd == pytest.approx(
        core.totals.cost_usd + toy_params.terminal.fee["seaport"].value + toy_params.terminal.fee["city"].value
    )
    assert found.totals.p50_days > core.totals.p50_days
    assert found.distance_km == pytest.approx(core.distance_km)
    assert found.node_ids[0] == "INNSA" and found.node_ids[-1] == "RUMOW"


def test_terminal_rows_read_as_rows_of_the_legs_table(toy, toy_params) -> None:
    frame = tables.legs_table(route(toy, "INNSA", "RUMOW", params=toy_params))
    assert frame["mode"].iloc[0] == TERMINAL_MODE and frame["mode"].iloc[-1] == TERMINAL_MODE
    assert "loading" in frame["dwell_at_end"].iloc[0] and "unloading" in frame["dwell_at_end"].iloc[-1]


def test_a_waypoint_end_pays_no_handling(toy, toy_params) -> None:
    found = route(toy, "SEA-SUEZ", "RULED", params=toy_params).best
    assert found.legs[0].mode != TERMINAL_MODE and found.legs[-1].mode == TERMINAL_MODE


def test_a_position_reaches_the_network_by_a_first_mile_truck_leg(toy, toy_params) -> None:
    result = route(toy, NEAR_TEHRAN, "RUMOW", params=toy_params)
    found = result.best
    truck, loading = found.legs[0], found.legs[1]
    assert (truck.leg_id, truck.mode, truck.status) == (FIRST_MILE_IDS["origin"], "road", "estimate")
    assert truck.from_id == "51.0000,35.5000" and truck.to_id == loading.from_id == loading.to_id
    node = toy.graph.nodes[truck.to_id]
    expected = _great_circle_km(51.0, 35.5, node["x"], node["y"]) * toy_params.first_mile.circuity.value
    assert truck.distance_km == pytest.approx(expected, rel=1e-6)
    assert truck.distance_source.startswith("estimate:") and "circuity" in truck.distance_source
    assert truck.moving_h == pytest.approx(truck.distance_km / toy_params.speed_kmh("road"))
    assert truck.leg_cost_usd == pytest.approx(truck.distance_km * toy_params.cost.per_teu_km["road"].value)
    assert loading.mode == TERMINAL_MODE and loading.dwell[0].kind == "terminal_origin"
    assert result.origin == "51.0000,35.5000" and result.origin_name.startswith("position")
    assert [is_end_row(leg) for leg in found.legs][:2] == [True, True]


def test_a_gazetteer_place_at_both_ends(toy, toy_params) -> None:
    result = route(toy, "Isfahan", "Volgograd", params=toy_params)  # not toy nodes: gazetteer places
    found = result.best
    assert found.legs[0].leg_id == FIRST_MILE_IDS["origin"] and found.legs[-1].leg_id == FIRST_MILE_IDS["destination"]
    assert found.legs[-1].to_name == "Volgograd, RU" and result.origin_name == "Isfahan, IR"
    assert found.legs[-2].mode == TERMINAL_MODE and found.legs[-2].dwell[0].kind == "terminal_destination"


def test_the_candidates_are_the_nearest_terminals_in_the_country(toy, toy_params) -> None:
    view = scenario_view(toy, None, toy_params)
    end = resolve_endpoint(toy, view.expanded, NEAR_TEHRAN, "origin", view.params)
    assert end.node_id is None and 1 <= len(end.access) <= toy_params.first_mile.candidates
    kms = [a.great_circle_km for a in end.access]
    assert kms == sorted(kms) and end.access[0].node_id == "IR-TEHRAN"
    assert {view.expanded.node_info[a.node_id].country for a in end.access} == {"IR"}
    assert all(view.expanded.node_info[a.node_id].kind in toy_params.first_mile.kinds for a in end.access)


@pytest.mark.parametrize("where", ["0,0", "0,-85", "-150,-60"])
def test_a_place_far_from_every_terminal_is_refused_clearly(toy, toy_params, where) -> None:
    with pytest.raises(PlaceError) as info:
        route(toy, where, "RUMOW", params=toy_params)
    text = str(info.value)
    assert "from the nearest terminal" in text and "km" in text and "max_km" in text


def test_the_same_place_at_both_ends_is_no_route(toy, toy_params) -> None:
    result = route(toy, NEAR_TEHRAN, NEAR_TEHRAN, params=toy_params)
    assert not result.routes and "same place" in str(result.infeasible_reason)


def test_the_network_is_never_changed(toy, toy_params) -> None:
    view = scenario_view(toy, None, toy_params)
    before = (
        toy.graph.number_of_nodes(),
        toy.graph.number_of_edges(),
        len(view.expanded.nodes),
        len(view.expanded.edges),
    )
    route(toy, NEAR_TEHRAN, "Volgograd", params=toy_params, alternatives=3)
    after = (
        toy.graph.number_of_nodes(),
        toy.graph.number_of_edges(),
        len(view.expanded.nodes),
        len(view.expanded.edges),
    )
    assert before == after


def test_alternatives_keep_the_ends(toy, toy_params) -> None:
    result = route(toy, NEAR_TEHRAN, "RULED", params=toy_params, alternatives=3)
    for found in result.routes:
        assert found.legs[0].leg_id == FIRST_MILE_IDS["origin"] and found.legs[-1].mode == TERMINAL_MODE


# ------------------------------------------------------------------ the CLI on the bundled network


def _cli(capsys, *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_cli_door_to_door(capsys) -> None:
    status, out, err = _cli(capsys, "route", "INNSA", "RUMOW")
    assert status == 0, err
    assert "terminal handling, loading at" in out and "terminal handling, unloading at" in out
    for origin, destination in (("Ludhiana", "Kazan"), ("75.85,30.90", "49.11,55.79")):
        status, out, err = _cli(capsys, "route", origin, destination)
        assert status == 0, err
        assert "\n1. " in out and "terminal handling" in out
    status, out, err = _cli(capsys, "route", "0,0", "RUMOW")
    assert status == 2 and not out
    assert err.startswith("error: position 0.0000,0.0000 is ") and "nearest terminal" in err
    assert "Traceback" not in err


def test_cli_geojson_draws_the_network_legs(capsys) -> None:
    import json

    status, out, err = _cli(capsys, "route", "75.85,30.90", "RUMOW", "--format", "geojson")
    assert status == 0, err
    features = json.loads(out)["features"]
    assert features and all(f["properties"]["mode"] != TERMINAL_MODE for f in features)
