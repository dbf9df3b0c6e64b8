"""Fuzzing GeoJSON uploads: a result or the project's own readable error, never anything else.

Every document comes from :mod:`geojson_strategies`: a valid upload built on
the bundled network, then broken in up to four ways and maybe as bytes. The
properties:

- ``read_geojson(bytes)`` and ``load_network().with_extra(bytes)`` return a
  result or raise a :class:`~corridors.CorridorsError` whose message is
  non-empty and readable (no traceback, no repr noise, no control
  characters, no endless line) -- never another exception, never a hang;
- what is accepted is clean (ids match the pattern, positions finite and in
  range, text visible and without control or bidi characters) and physical
  (distances finite and within the ratio of the drawn line, no two ids that
  differ only in case);
- an upload never changes the base network (frames and graph hashed before
  and after) nor a network another session built from it.
"""

from __future__ import annotations

import functools
import json
import math

import geojson_strategies as gs
import networkx as nx
from fuzz_settings import fuzz
from hardening_checks import assert_readable, network_fingerprint, time_limit
from hypothesis import given
from hypothesis import strategies as st

from corridors import CorridorsError
from corridors.network import schema
from corridors.network.geodesy import KM_PER_NM
from corridors.network.loader import load_network
from corridors.network.physical import MAX_LEG_KM, PUBLISHED_RATIO
from corridors.network.properties import BIDI_CONTROLS
from corridors.network.read import read_all, read_geojson

TIME_LIMIT_S = 60  # per call: a hang guard (a 5 MiB upload takes a few seconds)


def _outcome(call):
    """Run `call`; return its result, or None after checking the error is ours and readable."""
    try:
        with time_limit(TIME_LIMIT_S, "reading an upload"):
            return call()
    except CorridorsError as err:
        assert_readable(err)
        return None


def _assert_clean_frames(nodes, legs) -> None:
    for frame in (nodes, legs):
        assert all(schema.ID_PATTERN.fullmatch(i) for i in frame.index)
        assert frame.index.is_unique
    for point in nodes.geometry:
        assert math.isfinite(point.x) and math.isfinite(point.y)
        assert -180 <= point.x <= 180 and -90 <= point.y <= 90
    for line in legs.geometry:
        for part in getattr(line, "geoms", [line]):
            for x, y, *_ in part.coords:
                assert math.isfinite(x) and -180 <= x <= 180
                assert math.isfinite(y) and -90 <= y <= 90
    assert (legs["length_km"] > 0).all()
    text_columns = [c for c, kind in {**schema.NODE_COLUMNS, **schema.LEG_COLUMNS}.items() if kind == "str"]
    for frame in (nodes, legs):
        for column in [c for c in text_columns if c in frame.columns and c != "file"]:
            for value in frame[column].dropna():
                assert isinstance(value, str) and value.strip() and len(value) <= schema.MAX_TEXT_LENGTH
                assert all(char.isprintable() or char in " \u00a0" or not _control(char) for char in value)
                assert gs._acceptable(value) and not BIDI_CONTROLS & set(value)  # visible, no bidi control
    _assert_physical(nodes, legs)


def _assert_physical(nodes, legs) -> None:
    """Issue 12: every distance finite and near the drawn one, no id twice in different case."""
    low, high = PUBLISHED_RATIO
    assert legs["length_km"].map(math.isfinite).all() and (legs["length_km"] <= MAX_LEG_KM).all()
    for column, factor in (("published_km", 1.0), ("published_nm", KM_PER_NM)):
        ratio = (legs[column] * factor / legs["length_km"]).dropna()
        assert ((ratio >= low * 0.999) & (ratio <= high * 1.001)).all(), ratio
    assert nodes.index.str.casefold().is_unique
    assert all(schema.SLUG_PATTERN.fullmatch(v) for v in legs["ice_area"].dropna())


def _control(char: str) -> bool:
    import unicodedata

    return unicodedata.category(char) in ("Cc", "Cs")


# --------------------------------------------------------------------------
# the generator itself


@fuzz(share=0.2)
@given(data=gs.valid_upload_bytes(), name=st.sampled_from(["upload.geojson", "mine.geojson"]))
def test_valid_uploads_load(base_network, data, name):
    """The generator's unbroken documents load: the fuzzing starts from real, attachable uploads."""
    network = base_network.with_extra(data, names=[name])
    doc = json.loads(data)
    new_legs = [f["properties"]["id"] for f in doc["features"] if "from" in f["properties"]]
    assert set(new_legs) <= set(network.legs.index)
    assert len(network.legs) == len(base_network.legs) + len(new_legs)
    assert (network.legs.loc[new_legs, "file"] == name).all()


# --------------------------------------------------------------------------
# one file


@fuzz()
@given(data=gs.hostile_uploads())
def test_read_geojson_gives_a_result_or_a_readable_own_error(data):
    result = _outcome(lambda: read_geojson(data))
    if result is not None:
        _assert_clean_frames(*result)


@fuzz(share=0.3)
@given(doc=gs.hostile_docs())
def test_every_source_type_behaves_the_same(doc):
    """Bytes, text and a binary file object of the same document give the same outcome."""
    import io

    text = doc.dumps(ensure_ascii=True, indent=None)
    sources = [text.encode(), io.BytesIO(text.encode()), bytearray(text.encode()), memoryview(text.encode())]
    if text.lstrip()[:1] in ("{", "["):  # a str is GeoJSON text only then (otherwise a path)
        sources.append(text)
    outcomes = []
    for source in sources:
        try:
            with time_limit(TIME_LIMIT_S):
                nodes, legs = read_geojson(source, name="same.geojson")
            outcomes.append(("ok", sorted(nodes.index), sorted(legs.index)))
        except CorridorsError as err:
            outcomes.append(("error", assert_readable(err)))
    assert all(outcome == outcomes[0] for outcome in outcomes[1:]), outcomes


# --------------------------------------------------------------------------
# onto the network; the base never changes


def test_with_extra_gives_a_result_or_a_readable_own_error_and_never_changes_the_base(base_network):
    base = load_network()
    assert base is base_network
    before = network_fingerprint(base)
    # another session's network, built from the same base before the fuzzing
    other = base.with_extra(
        json.dumps(
            {
                "type": "FeatureCollection",
                "features": [
                    {
                        "type": "Feature",
                        "properties": {
                            "id": "OTHER-SESSION-LEG",
                            "from": "INNSA",
                            "to": "IRBND",
                            "mode": "sea",
                            "corridor": "instc",
                            "status": "planned",
                            "source": "another session",
                            "chokepoints": [],
                            "note": "<img src=x onerror=alert(1)>",
                        },
                        "geometry": {
                            "type": "LineString",
                            "coordinates": [
                                [float(base.nodes.loc["INNSA", "x"]), float(base.nodes.loc["INNSA", "y"])],
                                [60.0, 24.0],  # by sea, round Ras Musandam (a straight line crosses Oman)
                                [56.6, 26.5],
                                [float(base.nodes.loc["IRBND", "x"]), float(base.nodes.loc["IRBND", "y"])],
                            ],
                        },
                    }
                ],
            }
        ).encode(),
        names=["other-session.geojson"],
    )
    other_before = network_fingerprint(other)
    counts = (len(base.nodes), len(base.legs), base.graph.number_of_nodes(), base.graph.number_of_edges())
    seen = {"examples": 0, "accepted": 0}

    @fuzz()
    @given(data=gs.hostile_uploads(), name=gs.file_names)
    def check(data, name):
        seen["examples"] += 1
        result = _outcome(lambda: base.with_extra(data, names=[name]))
        if result is not None:
            seen["accepted"] += 1
            _assert_clean_frames(result.nodes, result.legs)
            assert nx.is_frozen(result.graph)
            assert set(base.graph.edges(keys=True)) <= set(result.graph.edges(keys=True))
            assert set(base.legs.index) <= set(result.legs.index)
            # the upload's file name is printable and cannot pose as a bundled file
            new_files = set(result.legs["file"]) - set(base.files)
            assert all(f.isprintable() for f in new_files)
            assert not new_files & set(base.files)
        # cheap checks every time, the full hash now and then and at the end
        assert load_network() is base
        assert nx.is_frozen(base.graph)
        now = (len(base.nodes), len(base.legs), base.graph.number_of_nodes(), base.graph.number_of_edges())
        assert now == counts
        if seen["examples"] % 25 == 0:
            assert network_fingerprint(base) == before

    check()
    assert network_fingerprint(base) == before
    assert network_fingerprint(other) == other_before
    assert seen["examples"] >= 10


@fuzz(share=0.3)
@given(uploads=st.lists(gs.hostile_uploads(), min_size=2, max_size=3), names=st.lists(gs.file_names, max_size=3))
def test_several_uploads_at_once(base_network, uploads, names):
    """read_all over several hostile files: problems from all of them, or one combined network."""
    names = (names + [None] * len(uploads))[: len(uploads)]
    result = _outcome(lambda: read_all(uploads, names=names, base=(base_network.nodes, base_network.legs)))
    if result is not None:
        _assert_clean_frames(*result)


@functools.cache
def _first_upload():
    """A network with one upload on it, built once (another session's state)."""
    base = load_network()
    innsa = [float(base.nodes.loc["INNSA", c]) for c in "xy"]
    doc = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {
                    "id": "ZZ-FIRST",
                    "name": "First <b>upload</b>",
                    "country": "XX",
                    "kind": "sea_waypoint",
                    "source": "s",
                },
                "geometry": {"type": "Point", "coordinates": [73.2, 19.1]},
            },
            {
                "type": "Feature",
                "properties": {
                    "id": "FIRST-LEG",
                    "from": "INNSA",
                    "to": "ZZ-FIRST",
                    "mode": "road",
                    "corridor": "feeder",
                    "status": "planned",
                    "source": "s",
                    "chokepoints": [],
                },
                "geometry": {"type": "LineString", "coordinates": [innsa, [73.2, 19.1]]},
            },
        ],
    }
    first = base.with_extra(json.dumps(doc).encode(), names=["first.geojson"])
    return first, network_fingerprint(first)


@fuzz(share=0.2)
@given(data=gs.hostile_uploads())
def test_a_second_upload_on_an_extended_network(data):
    """Uploading onto a network that already has an upload: the first one is not changed."""
    first, before = _first_upload()
    _outcome(lambda: first.with_extra(data, names=["second.geojson"]))
    assert network_fingerprint(first) == before
