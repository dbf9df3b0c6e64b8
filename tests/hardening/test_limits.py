"""The limits that protect a shared server: each one hit gives a clear problem naming the limit and the value.

| limit | value | where |
|---|---|---|
| upload size | 5 MiB (`corridors.network.read.MAX_FILE_BYTES`, = the app's `maxUploadSize = 5`) | checked before decoding/parsing |
| features per file | 20,000 (`MAX_FEATURES`) | |
| positions per geometry | 50,000 (`MAX_VERTICES`) | |
| lines per MultiLineString | 100 (`MAX_PARTS`) | |
| positions per file | 500,000 (`MAX_POSITIONS`) | |
| nesting depth | 64 (`MAX_DEPTH`) | checked before parsing, linear time |
| problems listed | 500 (`corridors._errors.MAX_PROBLEMS`) | the rest counted |

Also: hostile inputs that used to be slow (quadratic or unbounded work) now
finish in well under the time limit.
"""

from __future__ import annotations

import io
import json
import threading

import pytest
from hardening_checks import assert_readable, time_limit

import corridors.network.read as cio
from corridors import ValidationError
from corridors.network.read import read_geojson
from corridors.network.schema import CHOKEPOINTS


def _problems(source, **kw) -> list[str]:
    with pytest.raises(ValidationError) as info, time_limit(30, "read_geojson"):
        read_geojson(source, **kw)
    assert_readable(info.value)
    return [str(p) for p in info.value.problems]


def _leg(coords, **props) -> dict:
    base = {
        "id": "BIG-LEG",
        "from": "INNSA",
        "to": "SEA-HORMUZ",
        "mode": "sea",
        "corridor": "instc",
        "status": "operational",
        "source": "test",
        "chokepoints": [],
    }
    return {"type": "Feature", "properties": {**base, **props}, "geometry": {"type": "LineString", "coordinates": coords}}


def _fc(*features) -> dict:
    return {"type": "FeatureCollection", "features": list(features)}


def _line(n: int) -> list[list[float]]:
    """n positions from INNSA to the Strait of Hormuz (a straight line in lon/lat, all at sea: uploads of sea legs over land are refused)."""
    from corridors.network.loader import load_network

    nodes = load_network().nodes
    start, end = (float(nodes.loc["INNSA", c]) for c in "xy"), (float(nodes.loc["SEA-HORMUZ", c]) for c in "xy")
    start, end = tuple(start), tuple(end)
    return [[start[0] + (end[0] - start[0]) * i / (n - 1), start[1] + (end[1] - start[1]) * i / (n - 1)] for i in range(n)]


def test_the_limits_are_sane_for_a_shared_server():
    assert cio.MAX_FILE_BYTES == 5 * 2**20
    assert cio.MAX_FEATURES == 20_000
    assert cio.MAX_VERTICES == 50_000
    assert cio.MAX_PARTS == 100
    assert cio.MAX_POSITIONS == 500_000
    assert cio.MAX_DEPTH == 64


def test_upload_size_matches_the_app_setting():
    import tomllib
    from pathlib import Path

    config = tomllib.loads((Path(__file__).parents[2] / ".streamlit" / "config.toml").read_text())
    assert config["server"]["maxUploadSize"] * 2**20 == cio.MAX_FILE_BYTES  # Streamlit's MB are MiB


# -- size: checked before anything is parsed ----------------------------------------


@pytest.fixture
def no_parsing(monkeypatch):
    def fail(*_a, **_k):
        raise AssertionError("parsed an over-size upload")

    monkeypatch.setattr(cio.json, "loads", fail)
    monkeypatch.setattr(cio, "_nesting_depth", fail)


def test_oversize_bytes_are_refused_before_parsing(no_parsing):
    data = b"{" + b" " * cio.MAX_FILE_BYTES
    (problem,) = _problems(data)
    assert problem == "upload: upload is 5,242,881 bytes, larger than the limit of 5 MiB (5,242,880 bytes)"


@pytest.mark.parametrize("wrap", [bytearray, memoryview, lambda b: io.BytesIO(b), lambda b: b.decode()])
def test_oversize_in_every_source_type(no_parsing, wrap):
    (problem,) = _problems(wrap(b"[" + b" " * cio.MAX_FILE_BYTES))
    assert "larger than the limit of 5 MiB (5,242,880 bytes)" in problem


def test_oversize_text_counts_bytes_not_characters(no_parsing):
    text = '{"a": "' + "é" * (cio.MAX_FILE_BYTES // 2) + '"}'  # fewer characters than the limit, more bytes
    assert len(text) < cio.MAX_FILE_BYTES < len(text.encode())
    (problem,) = _problems(text)
    assert f"text is {len(text.encode()):,} bytes, larger than the limit" in problem


def test_oversize_file_is_refused_from_its_size(no_parsing, tmp_path):
    path = tmp_path / "huge.geojson"
    with path.open("wb") as handle:  # sparse: nothing is written or read
        handle.truncate(10 * 2**30)
    (problem,) = _problems(path)
    assert problem == "huge.geojson: file is 10,737,418,240 bytes, larger than the limit of 5 MiB (5,242,880 bytes)"


def test_exactly_the_size_limit_is_accepted(base_network):
    doc = json.dumps(_fc(_leg(_line(3)))).encode()
    data = doc + b" " * (cio.MAX_FILE_BYTES - len(doc))
    assert len(data) == cio.MAX_FILE_BYTES
    nodes, legs = read_geojson(data)
    assert list(legs.index) == ["BIG-LEG"]


# -- features --------------------------------------------------------------------------


def test_feature_count_limit():
    data = json.dumps(_fc(*[{}] * (cio.MAX_FEATURES + 1)))
    (problem,) = _problems(data)
    assert problem == "upload: 20,001 features, over the limit of 20,000"


def test_feature_count_at_the_limit_is_read():
    problems = _problems(json.dumps(_fc(*[{}] * cio.MAX_FEATURES)))
    assert not any("over the limit" in p for p in problems)
    assert problems[-1].endswith("more problems not listed")


# -- positions -------------------------------------------------------------------------


def test_vertices_per_geometry_limit():
    (problem,) = _problems(json.dumps(_fc(_leg(_line(cio.MAX_VERTICES + 1)))))
    assert problem == (
        "upload: feature 0 (id 'BIG-LEG'): field 'geometry': "
        "50,001 positions, over the limit of 50,000 per geometry: simplify the line"
    )


def test_vertices_of_a_multilinestring_are_added_up():
    half = cio.MAX_VERTICES // 2 + 1
    leg = _leg([])
    leg["geometry"] = {"type": "MultiLineString", "coordinates": [[[170, 0]] * half, [[-180, 0]] * half]}
    (problem,) = _problems(json.dumps(_fc(leg)))
    assert "50,002 positions, over the limit of 50,000 per geometry" in problem


def test_vertices_at_the_limit_load(base_network):
    with time_limit(60, "a 50,000-position leg"):
        network = base_network.with_extra(json.dumps(_fc(_leg(_line(cio.MAX_VERTICES)))).encode())
    assert len(network.legs.loc["BIG-LEG", "geometry"].coords) == cio.MAX_VERTICES


def test_multilinestring_parts_limit():
    leg = _leg([])
    leg["geometry"] = {"type": "MultiLineString", "coordinates": [[[0, 0], [1, 1]]] * (cio.MAX_PARTS + 1)}
    (problem,) = _problems(json.dumps(_fc(leg)))
    assert "a MultiLineString of 101 lines, over the limit of 100" in problem


def test_positions_per_file_limit(monkeypatch):
    monkeypatch.setattr(cio, "MAX_POSITIONS", 10)
    problems = _problems(json.dumps(_fc(*[_leg(_line(4), id=f"L{i}") for i in range(5)])))
    assert problems == ["upload: more than 10 positions; stopped reading at feature 2"]


# -- nesting depth ---------------------------------------------------------------------


def _nested(depth: int, opener: str = "[", closer: str = "]", inner: str = "") -> str:
    return '{"type": "FeatureCollection", "features": ' + opener * (depth - 1) + inner + closer * (depth - 1) + "}"


def test_nesting_depth_limit_names_the_depth():
    (problem,) = _problems(_nested(cio.MAX_DEPTH + 1))
    assert problem == "upload: arrays/objects nested 65 levels deep, over the limit of 64"


def test_nesting_at_the_limit_is_parsed():
    problems = _problems(_nested(cio.MAX_DEPTH))
    assert not any("nested" in p for p in problems)


@pytest.mark.parametrize("depth", [1_000, 100_000, cio.MAX_FILE_BYTES // 2 - 100])
@pytest.mark.parametrize("kind", ["array", "object"])
def test_very_deep_nesting_is_a_validation_error_not_a_recursion_error(depth, kind):
    if kind == "array":
        text = "[" * depth + "]" * depth
    else:
        depth = min(depth, cio.MAX_FILE_BYTES // 8)
        text = '{"a":' * depth + "1" + "}" * depth
    (problem,) = _problems(text.encode())
    assert f"nested {depth:,} levels deep, over the limit of 64" in problem


def test_deep_nesting_is_safe_in_a_thread_with_a_small_stack():
    """Streamlit runs each session's script in a thread: a deep upload must not overflow its stack."""
    results: list[object] = []

    def run() -> None:
        try:
            read_geojson(("[" * 500_000 + "]" * 500_000).encode())
        except ValidationError as err:
            results.append(err)
        except BaseException as err:  # noqa: BLE001 - reported below
            results.append(err)

    old = threading.stack_size(256 * 1024)
    try:
        thread = threading.Thread(target=run)
        thread.start()
        thread.join(30)
    finally:
        threading.stack_size(old)
    assert len(results) == 1 and isinstance(results[0], ValidationError), results


def test_brackets_inside_strings_do_not_count():
    doc = _fc(_leg(_line(2), note="[" * 1000 + "{" * 900, source='\\"]]]] [[[[ \\\\'))
    nodes, legs = read_geojson(json.dumps(doc))
    assert legs.loc["BIG-LEG", "note"] == "[" * 1000 + "{" * 900


@pytest.mark.parametrize(
    "text",
    [
        '\\"' * 1_000_000,  # a string that never ends, over and over: linear, not quadratic
        '"' * 2_000_001,
        "\\" * 2_000_000,
        '"\\' * 1_000_000,
        "[" * 2_000_000,
        '["' * 1_000_000,
    ],
    ids=["escaped-quotes", "quotes", "backslashes", "quote-backslash", "open-brackets", "bracket-quote"],
)
def test_depth_scan_is_linear_on_pathological_text(text):
    with time_limit(20, "the depth scan"):  # quadratic took minutes
        cio._nesting_depth(text)


# -- work that used to grow faster than the input ---------------------------------------


def _timed_problems(doc: dict, seconds: float = 30) -> list[str]:
    # The limits are generous (a loaded CI machine); the bugs they catch took minutes.
    data = json.dumps(doc, separators=(",", ":")).encode()
    assert len(data) <= cio.MAX_FILE_BYTES
    with time_limit(seconds, "a hostile upload"):
        try:
            read_geojson(data)
        except ValidationError as err:
            assert_readable(err)
            return [str(p) for p in err.problems]
    return []


def test_a_long_chokepoint_list_is_not_quadratic():
    # regression: the duplicate check sliced the list for every item (minutes for this one)
    problems = _timed_problems(_fc(_leg(_line(2), chokepoints=["suez"] * 700_000)))
    assert problems[0].endswith("field 'chokepoints': item 1: 'suez' is listed twice")
    assert problems[1].endswith(f"field 'chokepoints': 700,000 items; there are only {len(CHOKEPOINTS)} chokepoints")
    assert len(problems) == 2


def test_many_unknown_properties_are_not_all_checked_for_typos():
    # regression: difflib ran for each unknown property name (12 s for this one)
    props = {f"nam{i % 10}e{i}": 1 for i in range(300_000)}
    assert _timed_problems(_fc(_leg(_line(2), **props))) == []


def test_typo_checks_still_find_typos():
    problems = _timed_problems(_fc(_leg(_line(2), chokepoint=["suez"], **{f"x{i}": 1 for i in range(5000)})))
    assert any("unknown property 'chokepoint'; did you mean 'chokepoints'?" in p for p in problems)


def test_a_multilinestring_of_many_parts_is_refused_quickly():
    leg = _leg([])
    leg["geometry"] = {"type": "MultiLineString", "coordinates": [[[0, 0], [0, 1]]] * 24_000}
    problems = _timed_problems(_fc(*[dict(leg, properties={**leg["properties"], "id": f"M{i}"}) for i in range(10)]))
    assert all("over the limit of 100" in p for p in problems)


def test_a_full_size_upload_of_valid_legs_is_read_in_seconds(base_network):
    line = _line(49_999)
    # short numbers keep the file under the size limit; the ends stay exactly on the nodes
    leg = _leg([line[0], *([round(x, 3), round(y, 3)] for x, y in line[1:-1]), line[-1]])
    doc = _fc(*[dict(leg, properties={**leg["properties"], "id": f"L{i}"}) for i in range(6)])
    data = json.dumps(doc, separators=(",", ":")).encode()
    assert cio.MAX_FILE_BYTES * 0.8 < len(data) <= cio.MAX_FILE_BYTES
    with time_limit(60, "a 5 MiB upload"):
        network = base_network.with_extra(data)
    assert len(network.legs) == len(base_network.legs) + 6


def test_problem_count_is_capped_for_a_file_full_of_problems():
    bad = {"type": "Feature", "properties": {"mode": "x", "from": 1, "to": 2}, "geometry": {"type": "LineString", "coordinates": [[999, 999], [1, 2]]}}
    problems = _timed_problems(_fc(*[bad] * 2_000))
    assert len(problems) == 501
    assert problems[-1].endswith("more problems not listed")
