"""Work limits, not only size limits (issue 12, finding 1): an upload at the limits costs bounded work to draw.

The issue's uploads are generated here: legs of 50,000 positions that bounce
between two points 0.007° apart (Douglas–Peucker is quadratic on them: about
16 s per leg before), and 20,000 legs (4.8 MB of map records per run before).
The assertions are on work proxies, never on time: how many vertices each
simplification is given, how many simplifications run, how many vertices and
bytes the map records hold, and that the server's process simplifies nothing
for an upload already drawn when it was added.
"""

from __future__ import annotations

import json

import pytest

import corridors.network.read as cio
from corridors.viz import geometry, records

_BOUNCE = ((51, 35), (51.007, 35))  # 0.64 km apart: 50,000 bounces are 32,000 km, under the 40,000 km limit


def _leg(leg_id: str, frm: str, to: str, coords: list) -> dict:
    props = {"id": leg_id, "from": frm, "to": to, "mode": "road", "corridor": "instc", "status": "operational",
             "source": "test", "chokepoints": []}
    return {"type": "Feature", "properties": props, "geometry": {"type": "LineString", "coordinates": coords}}


def _xy(net, node: str) -> list[float]:
    g = net.nodes.loc[node, "geometry"]
    return [float(g.x), float(g.y)]


def bounce_upload(net, legs: int = 10) -> bytes:
    """The issue's zig-zag: `legs` legs of 50,000 positions bouncing between two points (about 5.0 MB)."""
    a, b = _xy(net, "IRTHR"), _xy(net, "IR-NOWSHAHR")
    middle = [list(_BOUNCE[i % 2]) for i in range(cio.MAX_VERTICES - 2)]
    coords = [a, *middle, b]
    doc = {"type": "FeatureCollection", "features": [_leg(f"ZZ{k}", "IRTHR", "IR-NOWSHAHR", coords) for k in range(legs)]}
    return json.dumps(doc, separators=(",", ":")).encode()


def many_legs_upload(net, count: int = cio.MAX_FEATURES) -> bytes:
    """`count` two-point road legs between bundled nodes (the issue's 20,000-feature upload)."""
    ids = [i for i in net.nodes.index if net.nodes.loc[i, "kind"] != "sea_waypoint"][:40]
    feats, k = [], 0
    while len(feats) < count:
        frm, to = ids[k % len(ids)], ids[(k * 7 + 3) % len(ids)]
        k += 1
        if frm != to:
            feats.append(_leg(f"R{k}", frm, to, [_xy(net, frm), _xy(net, to)]))
    return json.dumps({"type": "FeatureCollection", "features": feats}, separators=(",", ":")).encode()


@pytest.fixture(scope="module")
def bounce_network(base_network):
    data = bounce_upload(base_network)
    assert len(data) <= cio.MAX_FILE_BYTES  # an upload at the limits, accepted
    return base_network.with_extra(data)


@pytest.fixture(scope="module")
def many_network(base_network):
    return base_network.with_extra(many_legs_upload(base_network))


@pytest.fixture
def simplify_calls(monkeypatch):
    """The size of every Douglas–Peucker call (the quadratic step) in this process."""
    sizes: list[int] = []
    real = geometry._simplify

    def counting(coords, tolerance):
        sizes.append(len(coords))
        return real(coords, tolerance)

    monkeypatch.setattr(geometry, "_simplify", counting)
    return sizes


def _vertices(recs) -> int:
    return sum(len(r["p"]) for r in recs)


def test_thin_is_bounded_and_keeps_the_ends():
    import numpy as np

    coords = np.array([_BOUNCE[i % 2] for i in range(cio.MAX_VERTICES)])
    out = geometry.thin(coords, 0.005)
    assert len(out) <= geometry.MAX_PATH_VERTICES
    assert out[0].tolist() == coords[0].tolist() and out[-1].tolist() == coords[-1].tolist()
    short = coords[:10]
    assert geometry.thin(short, 0.005).tolist() == short.tolist()  # a part within the limit is left as it is


def test_thin_merges_dense_vertices_before_the_stride():
    import numpy as np

    dense = np.column_stack([np.linspace(50, 51, 20_000), np.full(20_000, 35.0)])  # 5.5 m apart
    out = geometry.thin(dense, 0.005)
    assert len(out) <= 1 / 0.0025 + 2  # one per cell of half the tolerance along 1°
    assert out[-1].tolist() == [51.0, 35.0]


def test_bundled_legs_are_drawn_as_before(base_network):
    # no bundled part is over the per-part limit: thinning leaves them alone
    for geom in base_network.legs.geometry:
        for part in getattr(geom, "geoms", [geom]):
            assert len(part.coords) <= geometry.MAX_PATH_VERTICES
    recs = records.leg_records(base_network.legs)
    assert _vertices(recs) < records.MAX_DRAWN_VERTICES


def test_zigzag_upload_simplifies_a_bounded_number_of_vertices(bounce_network, simplify_calls):
    recs = records.leg_records(bounce_network.legs, center=60.0)
    assert len(simplify_calls) <= len(bounce_network.legs) + 10  # one call per part, no retries
    assert max(simplify_calls) <= geometry.MAX_PATH_VERTICES  # never the 50,000 positions
    uploaded = [r for r in recs if r["id"].startswith("ZZ")]
    assert len(uploaded) == 10
    assert all(len(r["p"]) <= geometry.MAX_PATH_VERTICES for r in uploaded)
    assert _vertices(recs) <= records.MAX_DRAWN_VERTICES + 2 * len(recs)
    assert len(json.dumps(recs)) < 2**20  # map data per run: under 1 MB


def test_a_route_through_the_zigzag_draws_bounded_paths(bounce_network, simplify_calls):
    paths = records.route_paths(bounce_network.legs, [f"ZZ{k}" for k in range(10)], center=60.0)
    assert len(paths) == 10
    assert all(len(p) <= geometry.MAX_PATH_VERTICES for p in paths)
    assert len(simplify_calls) == 10 and max(simplify_calls) <= geometry.MAX_PATH_VERTICES


def test_twenty_thousand_legs_draw_within_the_budget(many_network, simplify_calls):
    assert len(many_network.legs) > records.MAX_DRAWN_LEGS
    recs = records.leg_records(many_network.legs, center=60.0)
    assert len({r["id"] for r in recs}) <= records.MAX_DRAWN_LEGS
    assert len(simplify_calls) <= records.MAX_DRAWN_LEGS + 10  # the legs over the budget are not even simplified
    assert set(many_network.legs.index[:100]) <= {r["id"] for r in recs}  # the bundled legs come first
    assert len(json.dumps(recs)) < 2**20  # was 6.6 MB
    nodes = records.node_records(many_network.nodes, center=60.0)
    assert len(nodes) == min(len(many_network.nodes), records.MAX_DRAWN_NODES)


def test_the_vertex_budget_cuts_every_leg_evenly(bounce_network):
    recs = records.leg_records(bounce_network.legs, max_vertices=2_000)
    assert _vertices(recs) <= 2_000 + 2 * len(recs)
    assert all(len(r["p"]) >= 2 for r in recs)


def test_the_map_says_what_it_leaves_out(many_network, base_network):
    from corridors_app import cached

    assert cached.map_left_out(base_network) is None
    note = cached.map_left_out(many_network)
    left = len(many_network.legs) - records.MAX_DRAWN_LEGS
    assert f"{left:,} legs" in note and "routes through them are still found" in note


def test_an_upload_is_drawn_once_when_added_not_on_every_rerun(base_network, monkeypatch):
    from corridors._errors import ValidationError
    from corridors_app import cached

    data = bounce_upload(base_network, legs=2)
    new = cached.extended_network(base_network, "zigzag.geojson", data)
    assert {"ZZ0", "ZZ1"} <= set(new.legs.index)
    assert list(new.legs.index) == list(base_network.with_extra(data, names=["zigzag.geojson"]).legs.index)

    def no_simplify(*_a, **_k):
        raise AssertionError("a rerun simplified a line of an upload already drawn when it was added")

    monkeypatch.setattr(geometry, "_simplify", no_simplify)
    monkeypatch.setattr(cached, "map_center", lambda _token, net: cached._PREBUILT[id(net)][1][0])
    nodes, legs = cached.map_records.__wrapped__("extra:test", new)
    assert {r["id"] for r in legs} >= {"ZZ0", "ZZ1"} and len(nodes) == len(new.nodes)
    assert id(new) not in cached._PREBUILT  # taken once: the cache keeps them by token from then on

    with pytest.raises(ValidationError, match=r"bad\.geojson"):
        cached.extended_network(base_network, "bad.geojson", b'{"type": "FeatureCollection", "features": [{}]}')
