"""Scenarios in links: round trips, every preset, and hostile text refused with a clear message."""

from __future__ import annotations

import base64
import datetime
import json
import zlib

import pytest

from corridors._errors import ValidationError
from corridors.model.presets import presets
from corridors.model.scenario import Scenario
from corridors.model.scenario_toml import MAX_SCENARIO_BYTES
from corridors.model.scenario_url import MAX_SCENARIO_URL_CHARS, PREFIX, decode_scenario, encode_scenario, scenario_json


def _pack(raw: bytes, *, level: int = 9) -> str:
    return PREFIX + base64.urlsafe_b64encode(zlib.compress(raw, level)).rstrip(b"=").decode()


def _message(text: object) -> str:
    with pytest.raises(ValidationError) as info:
        decode_scenario(text)
    return str(info.value)


@pytest.mark.parametrize("name", sorted(presets()))
def test_every_preset_round_trips_compactly(name: str) -> None:
    scenario = presets()[name]
    text = encode_scenario(scenario)
    assert decode_scenario(text) == scenario
    assert text.startswith(PREFIX) and len(text) < 500, len(text)
    assert set(text[len(PREFIX) :]) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")


def test_a_rich_scenario_round_trips() -> None:
    scenario = Scenario(
        name="mine (v2)",
        description="Suez shut, slow rail; «Ünïcode» description",
        departure=datetime.date(2026, 10, 20),
        rail_service="wagonload",
        ice_class="Arc7",
        closed_chokepoints=["suez"],
        speed_factor={"sea": 0.85, "rail": 1.1},
        dwell={"border_road": {"low": 24, "likely": 48, "high": 120}},
        cost={"chokepoint_fee": {"suez": 120}},
    )
    text = encode_scenario(scenario)
    back = decode_scenario(text)
    assert back == scenario and back.key == scenario.key
    assert encode_scenario(back) == text, "the encoding is canonical"


def test_defaults_and_an_empty_description_are_left_out() -> None:
    data = json.loads(scenario_json(Scenario(name="plain")))
    assert data == {"name": "plain"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (123, "expected text, got type int"),
        ("red-sea-closed", "should start with 's1.'"),
        (PREFIX, "not base64url"),
        (PREFIX + "abc$def", "not base64url"),
        (PREFIX + "a", "not base64url"),
        (PREFIX + "AAAA", "not compressed scenario data"),
        ("s1." + "A" * (MAX_SCENARIO_URL_CHARS + 1), f"over the limit of {MAX_SCENARIO_URL_CHARS:,}"),
    ],
)
def test_bad_text_is_refused_with_its_reason(text: object, expected: str) -> None:
    message = _message(text)
    assert expected in message and "scenario in the link" in message


def test_cut_link_says_so() -> None:
    text = encode_scenario(presets()["red-sea-closed"])
    assert "cut short" in _message(text[:-12])


def test_a_decompression_bomb_is_stopped_at_the_limit() -> None:
    bomb = _pack(b"{" + b" " * (MAX_SCENARIO_BYTES * 20) + b"}")  # 2 MB of JSON in a few KB of text
    assert len(bomb) < MAX_SCENARIO_URL_CHARS, "a bomb that passes the length check"
    assert f"more than the limit of {MAX_SCENARIO_BYTES:,} bytes" in _message(bomb)
    huge = _pack(b" " * 50_000_000)  # 50 MB: its text alone is over the length limit, refused before decoding
    assert f"over the limit of {MAX_SCENARIO_URL_CHARS:,}" in _message(huge)


def test_data_after_the_stream_is_refused() -> None:
    packed = zlib.compress(b'{"name":"x"}') + b"junk"
    text = PREFIX + base64.urlsafe_b64encode(packed).rstrip(b"=").decode()
    assert "after the compressed data" in _message(text)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b"\xff\xfe", "not UTF-8"),
        (b"[1, 2]", "must be a table"),
        (b'{"name": "x",', "invalid JSON"),
        (b'{"name": "x", "speed_factor": {"sea": NaN}}', "NaN is not a number"),
        (b'{"name": "x", "speed_factor": {"sea": Infinity}}', "Infinity is not a number"),
        (b'{"name": "x", "name": "y"}', "key 'name' given twice"),
        (b'{"name": "x", "a": ' + b"[" * 5000 + b"]" * 5000 + b"}", "over the limit of 16"),
    ],
)
def test_hostile_json_is_refused(raw: bytes, expected: str) -> None:
    assert expected in _message(_pack(raw))


def test_every_invalid_field_is_reported_at_once() -> None:
    raw = json.dumps(
        {"name": "bad name/with slash", "month": 13, "ice_class": "Arc99", "closed_chokepoints": ["nowhere"], "speed_factor": {"sea": 1e999}, "bogus": 1}
    ).encode()
    with pytest.raises(ValidationError) as info:
        decode_scenario(_pack(raw.replace(b"Infinity", b"1e999")))
    text = str(info.value)
    for field in ("name", "month", "ice_class", "closed_chokepoints", "speed_factor", "bogus"):
        assert field in text, (field, text)
    assert len(info.value.problems) >= 6
    assert all(p.source == "scenario in the link" for p in info.value.problems)


def test_same_checks_as_an_uploaded_file() -> None:
    """What a scenario file may not hold, a link may not hold either (same message)."""
    data = {"name": "x", "month": 0, "speed_factor": {"warp": 2}}
    with pytest.raises(ValidationError) as from_file:
        Scenario.from_toml(b'name = "x"\nmonth = 0\n[speed_factor]\nwarp = 2\n')
    with pytest.raises(ValidationError) as from_link:
        decode_scenario(_pack(json.dumps(data).encode()))
    assert [(p.field, p.message) for p in from_link.value.problems] == [(p.field, p.message) for p in from_file.value.problems]
