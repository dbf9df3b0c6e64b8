"""Places that are not nodes: positions, the gazetteer, UN/LOCODEs, and the resolution rule."""

from __future__ import annotations

import gzip
import time

import pytest

from corridors._errors import UnknownNodeError
from corridors._paths import GAZETTEER_PATH
from corridors.network.places import (
    MAX_QUERY_CHARS,
    Place,
    PlaceError,
    find_places,
    load_gazetteer,
    parse_position,
    resolve_place,
)

NODES = {"RUMOW": "Moscow", "INNSA": "Jawaharlal Nehru Port (Nhava Sheva)", "RUKZN": "Kazan"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("75.85,30.90", (75.85, 30.90)),
        (" 49.11 , 55.79 ", (49.11, 55.79)),
        ("-3.7,40.42", (-3.7, 40.42)),
        ("+180,-90", (180.0, -90.0)),
        (".5,0.", (0.5, 0.0)),
    ],
)
def test_positions_parse(text, expected) -> None:
    assert parse_position(text) == pytest.approx(expected)


@pytest.mark.parametrize(
    "text", ["75.85", "75.85,30.90,1", "75,85;30", "abc,def", "nan,1", "inf,0", "1e3,2", "", ",", "75.85 30.90"]
)
def test_malformed_positions_are_not_positions(text) -> None:
    assert parse_position(text) is None


@pytest.mark.parametrize("text", ["180.01,0", "-181,0", "0,90.5", "0,-91", "300,0", "99999999999999999999,1"])
def test_positions_out_of_range_are_refused(text) -> None:
    with pytest.raises(PlaceError, match="out of range"):
        parse_position(text)


def test_gazetteer_is_small_sourced_and_attributed() -> None:
    raw = GAZETTEER_PATH.read_bytes()
    assert len(raw) < 1_000_000
    header = gzip.decompress(raw).decode("utf-8").splitlines()[:4]
    assert any("GeoNames" in line and "CC BY 4.0" in line for line in header)
    assert any("UN/LOCODE" in line for line in header)
    gaz = load_gazetteer()
    assert len(gaz.places) > 10_000
    assert all(-180 <= p.lon <= 180 and -90 <= p.lat <= 90 for p in gaz.places)


@pytest.mark.parametrize(
    ("query", "country", "lon", "lat"),
    [
        ("Ludhiana", "IN", 75.85, 30.91),
        ("Kazan", "RU", 49.12, 55.79),  # Kazan, Turkey is much smaller: the big one wins
        ("Almaty", "KZ", 76.91, 43.25),
        ("Chennai", "IN", 80.28, 13.09),
        ("lUdHiAnA", "IN", 75.85, 30.91),
        ("  ludhiana  ", "IN", 75.85, 30.91),
        ("Казань", "RU", 49.12, 55.79),  # a native name
        ("INLUH", "IN", 75.85, 30.91),  # a UN/LOCODE of a place that is not a node
        ("inluh", "IN", 75.85, 30.91),
        ("Hyderabad, PK", "PK", 68.38, 25.40),
        ("hyderabad, in", "IN", 78.46, 17.38),
    ],
)
def test_names_and_locodes_resolve(query, country, lon, lat) -> None:
    place = resolve_place(query, {})
    assert isinstance(place, Place)
    assert (place.country, round(place.lon, 2), round(place.lat, 2)) == (country, lon, lat)
    assert "GeoNames" in place.source


def test_a_node_id_or_name_wins_over_the_gazetteer() -> None:
    assert resolve_place("RUMOW", NODES) == "RUMOW"
    assert resolve_place("moscow", NODES) == "RUMOW"
    assert resolve_place("Kazan", NODES) == "RUKZN"  # once Kazan is a node, it is the node
    assert resolve_place("innsa", NODES) == "INNSA"


def test_a_position_is_a_place() -> None:
    place = resolve_place("75.85,30.90", NODES)
    assert isinstance(place, Place)
    assert (place.lon, place.lat, place.country) == (75.85, 30.90, "")
    assert place.place_id == "75.8500,30.9000"


def test_an_ambiguous_name_lists_the_candidates() -> None:
    with pytest.raises(PlaceError) as info:
        resolve_place("Hyderabad", NODES)
    text = str(info.value)
    assert "Hyderabad, IN" in text and "Hyderabad, PK" in text and "population" in text
    assert isinstance(info.value, UnknownNodeError)  # handled like an unknown node by callers
    assert len(find_places("Hyderabad")) == 2


@pytest.mark.parametrize("query", ["Atlantis", "zzzzzzzzzz", "<script>alert(1)</script>", "../../etc/passwd"])
def test_an_unknown_place_keeps_the_unknown_node_message(query) -> None:
    with pytest.raises(UnknownNodeError, match=r"^unknown node "):
        resolve_place(query, NODES)


@pytest.mark.parametrize("query", [None, 12, ["RUMOW"], b"RUMOW"])
def test_non_text_never_matches(query) -> None:
    with pytest.raises(UnknownNodeError):
        resolve_place(query, NODES)


def test_hostile_long_text_is_refused_quickly() -> None:
    for query in ("x" * 10_000, "Ludhiana" * 2_000, "1," * 5_000, "é" * (MAX_QUERY_CHARS + 1)):
        start = time.perf_counter()
        with pytest.raises(UnknownNodeError) as info:
            resolve_place(query, NODES)
        assert time.perf_counter() - start < 0.5
        assert len(str(info.value)) < 200


def test_a_place_whose_locode_is_a_node_is_that_node():
    # the gazetteer's Ludhiana carries the UN/LOCODE INLUH, the id of the network's Ludhiana terminal
    assert resolve_place("Ludhiana", {"INLUH": "Ludhiana (Sahnewal)"}) == "INLUH"
    assert not isinstance(resolve_place("Ludhiana", {"RUMOW": "Moscow"}), str)
