"""Tests of corridors.routing.labels: route labels and the label policy's data file."""

from __future__ import annotations

import pytest

from corridors.routing.labels import route_label, service_corridors


def test_labels() -> None:
    assert route_label([("instc", "sea"), ("instc", "western"), ("feeder", None)])[0] == "INSTC western"
    assert (
        route_label([("instc", "chabahar"), ("instc", "common"), ("instc", "eastern")])[0]
        == "INSTC Chabahar + eastern"
    )
    assert route_label([("emc", None), ("transsib", None)])[0] == "EMC + Trans-Siberian"
    assert route_label([("feeder", None)])[0] == "feeder"
    assert route_label([("instc", "sea")])[0] == "INSTC"



S = ("suez", "cape", "nsr")  # the services of an East Asian inter-port lane (Asia-Europe ships sail it too)


def test_a_shared_lane_takes_the_corridor_around_it() -> None:
    # Shanghai-Rotterdam: the East Asian inter-port legs are "emc" legs that
    # Asia-Europe services share; the planner expects "Suez".
    chain = [
        ("emc", None, "CNSHA", "HKHKG", S),
        ("feeder", None, "HKHKG", "SGSIN", ()),
        ("emc", None, "SGSIN", "MYPKG", S),
        ("emc", None, "MYPKG", "SEA-MALACCA", S),
        ("feeder", None, "SEA-MALACCA", "SEA-DONDRA", ()),
        ("suez", None, "SEA-DONDRA", "SEA-BAB-EL-MANDEB", ()),
        ("feeder", None, "SEA-GIBRALTAR", "NLRTM", ()),
    ]
    label, corridors, _ = route_label(chain)
    assert label == "Suez" and "emc" in corridors  # the keys still list the legs' own corridors
    cape = [*chain[:5], ("cape", None, "SEA-DONDRA", "SEA-CAPE", ()), ("cape", None, "SEA-CAPE", "NLRTM", ())]
    assert route_label(cape)[0] == "Cape"
    # Chennai-Vladivostok is the EMC: its own EMC legs surround the shared lanes
    chennai = [
        ("emc", None, "INMAA", "SEA-MALACCA", ()),
        ("emc", None, "SEA-MALACCA", "MYPKG", S),
        ("emc", None, "MYPKG", "KRPUS", S),
        ("emc", None, "KRPUS", "RUVVO", ()),
    ]
    assert route_label(chennai)[0] == "EMC"
    # Rotterdam-Vladivostok: Suez up to the hubs, the EMC's own leg to Vladivostok
    rotterdam = [("suez", None, "NLRTM", "SGSIN", ()), ("emc", None, "SGSIN", "KRPUS", S), ("emc", None, "KRPUS", "RUVVO", ())]
    assert route_label(rotterdam)[0] == "Suez + EMC"
    far_east = [("emc", None, "CNSHA", "KRPUS", S), ("emc", None, "KRPUS", "RUVVO", ()), ("transsib", None, "RUVVO", "RUMOW", ())]
    assert route_label(far_east)[0] == "EMC + Trans-Siberian"
    # only shared lanes: the legs' own corridor; a neighbour the lane does not serve: unchanged
    assert route_label([("emc", None, "CNSHA", "HKHKG", S)])[0] == "EMC"
    assert route_label([("emc", None, "CNSHA", "HKHKG", S), ("transsib", None, "X", "Y", ())])[0] == "EMC + Trans-Siberian"
    # without services (pairs, 4-tuples, LegResults): the data's own corridors
    assert route_label([("emc", None), ("suez", None)])[0] == "EMC + Suez"
    assert route_label([("emc", None, "SGSIN", "MYPKG"), ("suez", None, "MYPKG", "NLRTM")])[0] == "EMC + Suez"


def test_service_corridors_prefers_the_corridor_before_the_stretch() -> None:
    items = [("suez", None, "A", "B", ()), ("emc", None, "B", "C", S), ("emc", None, "C", "D", ())]
    assert service_corridors(items) == ["suez", "suez", "emc"]


def test_shared_lanes_in_the_bundled_network_list_other_corridors() -> None:
    from corridors.network.loader import load_network

    legs = load_network().legs
    shared = legs[legs["services"].map(len) > 0]
    assert len(shared) >= 7, "the East Asian inter-port lanes are shared by EMC and Asia-Europe services"
    for leg_id, row in shared.iterrows():
        assert row["corridor"] not in row["services"], leg_id


# ------------------------------------------------------------------ main lines are not "feeder" (issue 11)
def test_a_shared_connection_on_its_own_takes_its_first_service() -> None:
    # Singapore-Hong Kong: a connection leg that the EMC and Asia-Europe services sail, alone on the route
    assert route_label([("feeder", None, "SGSIN", "HKHKG", ("emc", "suez", "cape"))])[0] == "EMC"
    # Astrakhan-Moscow by rail, and on to St Petersburg over a connection no corridor names
    astrakhan = [("feeder", None, "RUASF", "RUMOW", ("instc",)), ("feeder", None, "RUMOW", "RULED", ())]
    assert route_label(astrakhan)[0] == "INSTC"
    # a stretch with a corridor's own leg names its connection legs after it, not after the first service
    assert route_label([("feeder", None, "SGSIN", "HKHKG", ("suez", "emc")), ("emc", None, "HKHKG", "KRPUS", ("suez",))])[0] == "EMC"
    # beside a named corridor the neighbour rule is unchanged, and a connection nothing names stays "feeder"
    assert route_label([("instc", "western"), ("feeder", None, "RUASF", "RUMOW", ("instc",))])[0] == "INSTC western"
    assert route_label([("suez", None, "A", "B", ()), ("feeder", None, "B", "C", ("instc",))])[0] == "Suez"
    assert route_label([("feeder", None, "RUMOW", "RULED", ())])[0] == "feeder"


@pytest.mark.parametrize(
    ("origin", "destination", "label"),
    [("RUASF", "RUMOW", "INSTC"), ("SGSIN", "HKHKG", "EMC"), ("INNSA", "RUMOW", "INSTC western")],
)
def test_main_lines_of_the_bundled_network_carry_their_corridor(origin: str, destination: str, label: str) -> None:
    from corridors.network.loader import load_network
    from corridors.routing.route import route

    best = route(load_network(), origin, destination).routes[0]
    assert best.label == label, (origin, destination, best.label)
