"""Tests of corridors.routing.labels: route labels and the label policy's data file."""

from __future__ import annotations

import re

import pytest

from corridors._errors import ValidationError
from corridors.routing.labels import (
    EMC_HUB_CHAIN,
    INDIA_EAST_COAST,
    LABEL_SETS,
    LABELS_PATH,
    RUSSIAN_FAR_EAST_PORTS,
    load_label_sets,
    route_label,
)


def test_labels() -> None:
    assert route_label([("instc", "sea"), ("instc", "western"), ("feeder", None)])[0] == "INSTC western"
    assert (
        route_label([("instc", "chabahar"), ("instc", "common"), ("instc", "eastern")])[0]
        == "INSTC Chabahar + eastern"
    )
    assert route_label([("emc", None), ("transsib", None)])[0] == "EMC + Trans-Siberian"
    assert route_label([("feeder", None)])[0] == "feeder"
    assert route_label([("instc", "sea")])[0] == "INSTC"



def test_east_asian_hub_chain_is_not_called_emc() -> None:
    # Shanghai-Rotterdam: the East Asian inter-port legs are tagged "emc" in the
    # data, but Asia-Europe services sail them; the planner expects "Suez".
    chain = [
        ("emc", None, "CNSHA", "HKHKG"),
        ("feeder", None, "HKHKG", "SGSIN"),
        ("emc", None, "SGSIN", "MYPKG"),
        ("emc", None, "MYPKG", "SEA-MALACCA"),
        ("feeder", None, "SEA-MALACCA", "SEA-DONDRA"),
        ("suez", None, "SEA-DONDRA", "SEA-BAB-EL-MANDEB"),
        ("feeder", None, "SEA-GIBRALTAR", "NLRTM"),
    ]
    label, corridors, _ = route_label(chain)
    assert label == "Suez" and "emc" in corridors  # the keys still say emc
    cape = [*chain[:5], ("cape", None, "SEA-DONDRA", "SEA-CAPE"), ("cape", None, "SEA-CAPE", "NLRTM")]
    assert route_label(cape)[0] == "Cape"
    # Chennai-Vladivostok is the EMC: an Indian east-coast end, and an EMC leg to Vladivostok
    chennai = [("emc", None, "INMAA", "SEA-MALACCA"), ("emc", None, "SEA-MALACCA", "MYPKG")]
    assert route_label(chennai)[0] == "EMC"
    # (synthetic leg sequences, to isolate each condition of the rule)
    assert route_label([("emc", None, "SGSIN", "MYPKG"), ("suez", None, "MYPKG", "NLRTM")])[0] == "Suez"
    assert route_label([("emc", None, "SGSIN", "MYPKG"), ("suez", None, "MYPKG", "INMAA")])[0] == "EMC + Suez"
    assert route_label([("suez", None, "INVTZ", "SGSIN"), ("emc", None, "SGSIN", "MYPKG")])[0] == "Suez + EMC"
    far_east = [
        ("emc", None, "CNSHA", "KRPUS"),
        ("emc", None, "KRPUS", "RUVVO"),
        ("transsib", None, "RUVVO", "RUMOW"),
    ]
    assert route_label(far_east)[0] == "EMC + Trans-Siberian"
    # only the hub chain and nothing else: still "EMC"; without node ids: unchanged
    assert route_label([("emc", None, "CNSHA", "HKHKG")])[0] == "EMC"
    assert route_label([("emc", None), ("suez", None)])[0] == "EMC + Suez"


def test_label_sets_name_nodes_of_the_bundled_network() -> None:
    from corridors.network.loader import load_network

    table = load_network().nodes
    nodes = set(table.index)
    sets = load_label_sets()
    assert set(sets) == set(LABEL_SETS)
    assert (sets["emc_hub_chain"], sets["india_east_coast"], sets["russian_far_east_ports"]) == (
        EMC_HUB_CHAIN,
        INDIA_EAST_COAST,
        RUSSIAN_FAR_EAST_PORTS,
    )
    for key, ids in sets.items():
        assert isinstance(ids, frozenset) and ids, key
    assert nodes >= EMC_HUB_CHAIN, sorted(EMC_HUB_CHAIN - nodes)
    assert nodes >= RUSSIAN_FAR_EAST_PORTS, sorted(RUSSIAN_FAR_EAST_PORTS - nodes)
    # The east-coast list also names Indian ports the bundled network does not have
    # (yet): an uploaded network that adds one gets the same label rule.
    assert {"INMAA", "INVTZ"} <= INDIA_EAST_COAST & nodes
    for node_id in INDIA_EAST_COAST:
        assert re.fullmatch(r"IN[A-Z]{3}", node_id), node_id
        if node_id in nodes:
            assert (table.loc[node_id, "country"], table.loc[node_id, "kind"]) == ("IN", "seaport"), node_id
    assert LABELS_PATH.is_file()


def test_label_sets_file_is_checked(tmp_path) -> None:
    bad = tmp_path / "labels.toml"
    bad.write_text(
        'emc_hub_chain = "SGSIN"\nindia_east_coast = ["INMAA", 3]\nsurprise = []\n', encoding="utf-8"
    )
    with pytest.raises(ValidationError) as info:
        load_label_sets(bad)
    text = str(info.value)
    for needle in ("surprise", "unknown key", "emc_hub_chain", "india_east_coast", "russian_far_east_ports", "missing"):
        assert needle in text, needle
    broken = tmp_path / "broken.toml"
    broken.write_text("emc_hub_chain = [", encoding="utf-8")
    with pytest.raises(ValidationError, match="cannot read the label sets"):
        load_label_sets(broken)
