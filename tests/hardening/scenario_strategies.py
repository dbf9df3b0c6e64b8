"""Hypothesis strategies for scenario files: valid scenarios, mutated ones, TOML text and bytes.

- :func:`valid_dicts`: scenario tables the engine must accept (built from
  the schema's vocabularies, the bundled network's ids and the presets);
- :func:`hostile_dicts`: a valid table with one to three mutations (unknown
  keys and sections, wrong types, negative / zero / NaN / inf / huge speeds,
  factors and figures, month 0 / 13 / -1 / "January", unknown ice classes,
  chokepoints, corridors, modes, node and leg ids, dwell ranges out of
  order or negative, huge strings, deep tables, hostile keys);
- :func:`toml_texts`: either of those written as TOML (with ``nan``/``inf``,
  which TOML allows), sometimes corrupted (cut, spliced, duplicated keys,
  NUL and control characters, a BOM, deep brackets, long dotted keys,
  over-size text);
- :func:`toml_bytes`: the same as bytes, sometimes not UTF-8.

Everything is plain data (str, int, float, bool, list, dict): what a TOML
parser or a JSON-like widget state can produce.
"""

from __future__ import annotations

import datetime
import math
from typing import Any

from hypothesis import strategies as st

from corridors.model.param_services import SPREAD_MODES
from corridors.model.params import DWELL_KEYS, ICE_CLASSES, NODE_DWELL_MODES, SPEED_KEYS
from corridors.model.presets import presets
from corridors.model.scenario import MAX_SCENARIO_BYTES, MAX_SCENARIO_DEPTH, OVERRIDE_SECTIONS
from corridors.network import schema


def _network_ids() -> tuple[tuple[str, ...], tuple[str, ...]]:
    from corridors.network.loader import load_network

    net = load_network()
    return tuple(sorted(net.nodes.index)), tuple(sorted(net.legs.index))


NODE_IDS, LEG_IDS = _network_ids()
PRESET_DICTS = tuple(s.to_dict() for s in presets().values())

TOP_KEYS = (
    "name",
    "description",
    "month",
    "departure",
    "ice_class",
    "rail_service",
    "closed_chokepoints",
    "closed_nodes",
    "closed_legs",
    "closed_corridors",
    "closed_modes",
    "open_legs",
    *OVERRIDE_SECTIONS,
)

# ------------------------------------------------------------------ values
names = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9 _.()+-]{0,30}", fullmatch=True)
descriptions = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=80)
positive = st.floats(0.5, 60.0, allow_nan=False) | st.integers(1, 60)
factors = st.floats(0.2, 3.0) | st.sampled_from((1, 2))
hours = st.floats(0.0, 500.0)


@st.composite
def dwell_ranges(draw: st.DrawFn) -> dict[str, float]:
    low, likely, high = sorted(draw(st.lists(hours, min_size=3, max_size=3)))
    return {"low": low, "likely": likely, "high": high}


@st.composite
def node_dwells(draw: st.DrawFn) -> dict[str, Any]:
    if draw(st.booleans()):
        return draw(dwell_ranges())
    modes = draw(st.lists(st.sampled_from(NODE_DWELL_MODES), min_size=1, max_size=3, unique=True))
    return {mode: draw(dwell_ranges()) for mode in modes}


def _some(keys: tuple[str, ...], values: st.SearchStrategy, max_size: int = 3) -> st.SearchStrategy:
    return st.dictionaries(st.sampled_from(keys), values, max_size=max_size)


RAIL_LEVELS = ("express", "container", "wagonload")


@st.composite
def rail_levels(draw: st.DrawFn) -> dict[str, Any]:
    """A rail service level override: ordered speeds (km/day) and/or a wait for a train."""
    level: dict[str, Any] = {}
    if draw(st.booleans()):
        slow, likely, fast = sorted(draw(st.lists(st.floats(100.0, 2000.0), min_size=3, max_size=3)))
        level.update(fast=fast, likely=likely, slow=slow)
    if draw(st.booleans()) or not level:
        level["departure_wait"] = draw(dwell_ranges())
    return level


emission_factors = st.lists(st.floats(0.0, 100.0), min_size=3, max_size=3).map(sorted).map(
    lambda v: {"low": v[0], "value": v[1], "high": v[2]}
)
spreads = st.fixed_dictionaries({"low": st.floats(0.5, 1.0), "high": st.floats(1.0, 5.0)})


sections: dict[str, st.SearchStrategy] = {
    "speed": _some(SPEED_KEYS[:5], positive | positive.map(lambda v: {"value": v, "unit": "km/h"})),
    "speed_factor": _some(schema.MODES, factors),
    "dwell": _some(DWELL_KEYS, dwell_ranges()),
    "dwell_node": st.dictionaries(st.sampled_from(NODE_IDS), node_dwells(), max_size=2),
    "chokepoint_dwell": _some(schema.CHOKEPOINTS, dwell_ranges(), max_size=2),
    "port_calls": _some(schema.CORRIDORS, st.integers(500, 8000), max_size=2).map(
        lambda d: {"spacing_km": d} if d else {}
    ),
    "sea_service": st.lists(st.sampled_from(LEG_IDS), max_size=2, unique=True).map(
        lambda legs: {"feeder_legs": legs} if legs else {}
    ),
    "cost": _some(schema.MODES, st.floats(0.0, 5.0)).map(lambda d: {"per_teu_km": d} if d else {})
    | _some(schema.CHOKEPOINTS, st.integers(0, 500), max_size=2).map(lambda d: {"chokepoint_fee": d} if d else {}),
    # a factor with its range (a plain number keeps the default range, so it must lie inside it)
    "emissions": _some(schema.MODES, emission_factors).map(lambda d: {"wtw_g_per_tkm": d} if d else {}),
    "moving_spread": _some(SPREAD_MODES, spreads, max_size=2),
    "rail_services": _some(RAIL_LEVELS, rail_levels(), max_size=2),
}


@st.composite
def valid_dicts(draw: st.DrawFn) -> dict[str, Any]:
    """A scenario table the engine must accept (a preset, or one built from valid pieces)."""
    if draw(st.integers(0, 4)) == 0:
        return dict(draw(st.sampled_from(PRESET_DICTS)))
    data: dict[str, Any] = {"name": draw(names)}
    if draw(st.booleans()):
        data["description"] = draw(descriptions)
    if draw(st.booleans()):
        data["month"] = draw(st.integers(1, 12))
    if draw(st.booleans()):
        data["ice_class"] = draw(st.sampled_from(ICE_CLASSES))
    if draw(st.integers(0, 3)) == 0:
        data["departure"] = draw(st.dates(datetime.date(2025, 1, 1), datetime.date(2030, 12, 31))).isoformat()
    if draw(st.integers(0, 2)) == 0:
        data["rail_service"] = draw(st.sampled_from(RAIL_LEVELS))
    for key, vocabulary in (
        ("closed_chokepoints", schema.CHOKEPOINTS),
        ("closed_corridors", schema.CORRIDORS),
        ("closed_modes", schema.MODES),
        ("closed_nodes", NODE_IDS),
        ("closed_legs", LEG_IDS),
        ("open_legs", LEG_IDS),
    ):
        if draw(st.integers(0, 3)) == 0:
            data[key] = draw(st.lists(st.sampled_from(vocabulary), max_size=2, unique=True))
    for key in draw(st.lists(st.sampled_from(sorted(sections)), max_size=3, unique=True)):
        data[key] = draw(sections[key])
    return data


# --------------------------------------------------------------- mutations
HOSTILE_NUMBERS = (
    -1,
    0,
    -0.0,
    -1e-9,
    math.nan,
    math.inf,
    -math.inf,
    1e308,
    5e-324,
    1e-300,
    2**64,
    2**200,
    -(2**63),
    True,
    False,
    "18",
    "fast",
    "",
    None,
    [],
    {},
    [18],
)
HOSTILE_MONTHS = (0, 13, -1, 12.5, "January", "1", True, 2**70, math.nan, None, [1], {"month": 1})
HOSTILE_DATES = ("2026-13-01", "2026-02-30", "tomorrow", "", "26-10-20", 20261020, math.nan, [2026, 10, 20], "2026-10-20T25:00")
HOSTILE_ICE = ("Arc10", "arc7", "ARC7", "", "none ", "Ice4", "PC1", 7, None, ["Arc7"], "Arc7\x00")
HOSTILE_KEYS = (
    "bogus",
    "speeds",
    "Month",
    "closed_chokepoint",
    "",
    " ",
    "a.b",
    "x" * 5000,
    "\x00",
    "\x1b[31mred",
    "\u202eevil",
    "[section]",
    "self",
    "__class__",
    "model_config",
    "name\n",
)
BAD_IDS = ("", " ", "a b", "x" * 500, "../../etc/passwd", "INNSA\n", "<script>", "\x00", "é", 5, None, ["INNSA"])
UNKNOWN_IDS = ("INNSX", "RUMOWW", "NO-SUCH-LEG", "SEA-NOWHERE", "innsa", "IR-RASHTT")

json_scalars = (
    st.none()
    | st.booleans()
    | st.integers(-(2**70), 2**70)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=20)
)
json_values = st.recursive(
    json_scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=8,
)


def _deep(value: Any, depth: int, kind: str) -> Any:
    for _ in range(depth):
        value = [value] if kind == "list" else {"a": value}
    return value


def _mutations(data: dict[str, Any]) -> st.SearchStrategy:
    key_in_data = st.sampled_from(sorted(data)) if data else st.just("name")
    return st.one_of(
        # unknown keys / sections / keys inside a section
        st.tuples(st.just("set"), st.sampled_from(HOSTILE_KEYS), json_values),
        st.tuples(st.just("set_in"), st.sampled_from(OVERRIDE_SECTIONS), st.sampled_from(HOSTILE_KEYS), json_values),
        # wrong type for a known field
        st.tuples(st.just("set"), st.sampled_from(TOP_KEYS), json_values),
        st.tuples(st.just("set"), st.sampled_from(TOP_KEYS), st.sampled_from(HOSTILE_NUMBERS)),
        # hostile speeds, factors and figures
        st.tuples(st.just("set_in"), st.just("speed"), st.sampled_from(SPEED_KEYS), st.sampled_from(HOSTILE_NUMBERS)),
        st.tuples(
            st.just("set_in"), st.just("speed_factor"), st.sampled_from(schema.MODES), st.sampled_from(HOSTILE_NUMBERS)
        ),
        st.tuples(
            st.just("set_in"),
            st.just("speed"),
            st.sampled_from(SPEED_KEYS),
            st.fixed_dictionaries(
                {"value": st.sampled_from(HOSTILE_NUMBERS), "unit": st.sampled_from(("kn", "km/h", "km/day", "mph", ""))}
            ),
        ),
        st.tuples(
            st.just("set_in"),
            st.just("cost"),
            st.sampled_from(("per_teu_km", "chokepoint_fee", "transfer", "border", "nsr_escort")),  # nsr_escort: retired
            st.dictionaries(
                st.sampled_from((*schema.MODES, *schema.CHOKEPOINTS[:3], "port", "warp")),
                st.sampled_from(HOSTILE_NUMBERS),
                max_size=3,
            ),
        ),
        st.tuples(
            st.just("set_in"),
            st.just("port_calls"),
            st.just("spacing_km"),
            st.dictionaries(st.sampled_from((*schema.CORRIDORS, "atlantis")), st.sampled_from(HOSTILE_NUMBERS), max_size=2),
        ),
        # rail service levels and moving-time spreads: hostile speeds, unordered or hostile figures
        st.tuples(
            st.just("set_in"),
            st.just("rail_services"),
            st.sampled_from((*RAIL_LEVELS, "teleport")),
            st.dictionaries(
                st.sampled_from(("fast", "likely", "slow", "departure_wait", "warp")),
                st.sampled_from(HOSTILE_NUMBERS),
                min_size=1,
                max_size=3,
            ),
        ),
        st.tuples(
            st.just("set_in"),
            st.just("moving_spread"),
            st.sampled_from((*SPREAD_MODES, "rail", "warp")),
            st.dictionaries(st.sampled_from(("low", "high")), st.sampled_from(HOSTILE_NUMBERS), min_size=1, max_size=2),
        ),
        # month, departure date, ice class, rail service
        st.tuples(st.just("set"), st.just("month"), st.sampled_from(HOSTILE_MONTHS)),
        st.tuples(st.just("set"), st.just("departure"), st.sampled_from(HOSTILE_DATES)),
        st.tuples(st.just("set"), st.just("rail_service"), st.sampled_from(("fast", "Express", "", None, 3, ["express"]))),
        st.tuples(st.just("set"), st.just("ice_class"), st.sampled_from(HOSTILE_ICE)),
        # unknown vocabulary and ids
        st.tuples(
            st.just("set"),
            st.sampled_from(("closed_chokepoints", "closed_corridors", "closed_modes")),
            st.lists(st.sampled_from(("sues", "panama", "train", "ship", "", "INSTC", *BAD_IDS[:6])), min_size=1, max_size=3),
        ),
        st.tuples(
            st.just("set"),
            st.sampled_from(("closed_nodes", "closed_legs", "open_legs")),
            st.lists(st.sampled_from(UNKNOWN_IDS + BAD_IDS), min_size=1, max_size=3),
        ),
        st.tuples(
            st.just("set_in"),
            st.just("dwell_node"),
            st.sampled_from(("INNSA", "AZ-YALAMA", *UNKNOWN_IDS[:3])),
            st.one_of(
                st.just({"low": 5, "likely": 3, "high": 1}),
                st.just({"low": -1, "likely": 2, "high": 3}),
                st.just({"train": {"likely": 2}}),
                st.just({}),
                st.just({"road": None}),
                json_values,
            ),
        ),
        # dwell ranges out of order, negative, huge
        st.tuples(
            st.just("set_in"),
            st.just("dwell"),
            st.sampled_from((*DWELL_KEYS, "lunch")),
            st.fixed_dictionaries(
                {
                    "low": st.sampled_from((-5, 0, 10, 1e9, math.nan)),
                    "likely": st.sampled_from((-1, 5, 20, math.inf)),
                    "high": st.sampled_from((-10, 1, 30, 1e308)),
                }
            ),
        ),
        # huge strings, deep tables
        st.tuples(st.just("set"), st.sampled_from(("name", "description")), st.sampled_from(("x" * 3000, "é" * 100_000, "a\nb", "\x00", "<b>bold</b>"))),
        st.tuples(
            st.just("set"),
            key_in_data,
            st.builds(_deep, st.just(1), st.integers(MAX_SCENARIO_DEPTH - 2, 3 * MAX_SCENARIO_DEPTH), st.sampled_from(("list", "dict"))),
        ),
        st.tuples(st.just("del"), key_in_data),
    )


def _apply(data: dict[str, Any], mutation: tuple[Any, ...]) -> None:
    kind = mutation[0]
    if kind == "set":
        data[mutation[1]] = mutation[2]
    elif kind == "set_in":
        section = data.get(mutation[1])
        section = dict(section) if isinstance(section, dict) else {}
        section[mutation[2]] = mutation[3]
        data[mutation[1]] = section
    elif kind == "del":
        data.pop(mutation[1], None)


@st.composite
def hostile_dicts(draw: st.DrawFn) -> dict[str, Any]:
    """A valid table with one to three mutations."""
    data = draw(valid_dicts())
    for _ in range(draw(st.integers(1, 3))):
        _apply(data, draw(_mutations(data)))
    return data


any_dicts = valid_dicts() | hostile_dicts()


# -------------------------------------------------------------------- TOML
def toml_text(data: dict[str, Any]) -> str:
    """Write `data` as TOML: one ``key = value`` line per top-level key, tables inline.

    Unlike :func:`corridors.model.scenario.toml_dumps` it writes ``nan``/``inf``
    (TOML has them) and leaves None out (TOML has no null).
    """
    return "".join(f"{_key(k)} = {_value(v)}\n" for k, v in data.items() if v is not None)


def _key(key: str) -> str:
    if key and all(c.isascii() and (c.isalnum() or c in "_-") for c in key):
        return key
    return _string(key)


def _string(text: str) -> str:
    out = []
    for char in text:
        code = ord(char)
        if char in '"\\':
            out.append("\\" + char)
        elif code < 0x20 or code == 0x7F:
            out.append(f"\\u{code:04x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_value(v) for v in value if v is not None) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_key(k)} = {_value(v)}" for k, v in value.items() if v is not None) + "}"
    raise TypeError(type(value))


def _oversize(text: str) -> str:
    padding = MAX_SCENARIO_BYTES + 1 - len(text.encode())
    return text + "#" * max(padding, 0) + "\n"


@st.composite
def _corrupted(draw: st.DrawFn, text: str) -> str:
    how = draw(st.integers(0, 9))
    if how == 0:  # cut anywhere
        return text[: draw(st.integers(len(text) // 3, len(text)))]
    if how == 1:  # splice random characters in
        at = draw(st.integers(0, len(text)))
        return text[:at] + draw(st.text(max_size=8)) + text[at:]
    if how == 2:  # a key given twice (a TOML error)
        return text + text.splitlines()[0] + "\n" if text.strip() else "a = 1\na = 2\n"
    if how == 3:  # control characters and NUL
        return text.replace("=", "=\x00", 1) if draw(st.booleans()) else "\x1b[2J" + text
    if how == 4:  # a byte order mark (accepted, as editors write it)
        return "\ufeff" + text
    if how == 5:  # deep brackets
        depth = draw(st.integers(MAX_SCENARIO_DEPTH - 1, 5000))
        opener, closer = ("[", "]") if draw(st.booleans()) else ("{a = ", "}")
        return text + "deep = " + opener * depth + "1" + closer * depth + "\n"
    if how == 6:  # a long dotted key, in a header or a key
        parts = draw(st.integers(MAX_SCENARIO_DEPTH - 1, 3000))
        key = ".".join(["dwell_node", *["a"] * parts])
        return text + (f"[{key}]\nlow = 1\n" if draw(st.booleans()) else f"{key} = 1\n")
    if how == 7:  # over the size limit
        return _oversize(text)
    if how == 8:  # table headers and arrays of tables in odd places
        return text + draw(st.sampled_from(("[speed]\nsea = 18\n[speed]\n", "[[closed_nodes]]\n", "[name]\n", "[]\n", "[a.]\n")))
    return text + draw(st.text(max_size=30))


@st.composite
def toml_texts(draw: st.DrawFn) -> str:
    """Scenario TOML text: valid, mutated, or corrupted."""
    text = toml_text(draw(any_dicts))
    if draw(st.integers(0, 2)) == 0:
        text = draw(_corrupted(text))
    return text


@st.composite
def toml_bytes(draw: st.DrawFn) -> bytes:
    """Scenario TOML as bytes (an upload): UTF-8, or not."""
    data = draw(toml_texts()).encode("utf-8", "surrogatepass")
    how = draw(st.integers(0, 4))
    if how == 0:
        at = draw(st.integers(0, len(data)))
        return data[:at] + draw(st.sampled_from((b"\xff", b"\xc3", b"\xed\xa0\x80", b"\x80\x80", b"\xfe\xff"))) + data[at:]
    if how == 1:
        return draw(st.binary(max_size=64))
    if how == 2:
        return "\ufeff".encode() + data
    return data
