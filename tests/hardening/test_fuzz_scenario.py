"""Fuzzing scenario input: tables, TOML text and bytes, names and paths.

The only outcomes allowed for ``Scenario.from_dict`` / ``Scenario.from_toml``
/ ``load_scenario``: a :class:`~corridors.model.scenario.Scenario`, or the
project's own error with a readable message (one line per problem, every
problem named). Any scenario accepted must route (``INNSA`` to ``RUMOW`` on
the bundled network: a RouteSet, feasible or with a reason; or, when it
names ids the network lacks, a ValidationError naming them) and must
round-trip through ``to_toml()`` / ``from_toml()`` to an equal scenario.

A scenario *name* (from the app or a URL) resolves only to the bundled
presets and never reads a file; a path is read only when the caller says so
(``allow_path=True``: the command line's ``--scenario FILE``).
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest
import scenario_strategies as ss
from fuzz_settings import fuzz
from hardening_checks import assert_readable, no_file_access, time_limit
from hypothesis import given
from hypothesis import strategies as st

from corridors import CorridorsError, ValidationError
from corridors.model.presets import load_scenario, presets
from corridors.model.scenario import MAX_SCENARIO_BYTES, MAX_SCENARIO_DEPTH, Scenario
from corridors.routing.results import RouteSet
from corridors.routing.route import route

ORIGIN, DESTINATION = "INNSA", "RUMOW"


# --------------------------------------------------------------------------- checks
def _build(make) -> Scenario | None:
    """Run `make`; return the Scenario, or None after checking the error is ours and readable."""
    with time_limit(20, "reading a scenario"):
        try:
            scenario = make()
        except CorridorsError as err:
            assert isinstance(err, ValidationError), f"{type(err).__name__}: {err}"
            assert_readable(err)
            return None
    assert isinstance(scenario, Scenario)
    return scenario


def _check_accepted(scenario: Scenario, network) -> None:
    """An accepted scenario round-trips and routes."""
    text = scenario.to_toml()
    assert Scenario.from_toml(text) == scenario, text
    assert Scenario.from_dict(scenario.to_dict()) == scenario
    with time_limit(30, "routing under a scenario"):
        try:
            result = route(network, ORIGIN, DESTINATION, scenario=scenario)
        except CorridorsError as err:
            assert isinstance(err, ValidationError), f"{type(err).__name__}: {err}"
            assert_readable(err)
            # only the ids a scenario names are checked against the network when it is applied
            assert all(" id " in p.message or "more problems" in p.message for p in err.problems), str(err)
            return
    assert isinstance(result, RouteSet)
    if result.routes:
        assert result.infeasible_reason is None
        totals = result.best.totals
        for name in (
            "distance_km", "moving_h", "dwell_h", "p10_days", "p50_days", "p90_days",
            "cost_usd", "cost_p10_usd", "cost_p90_usd", "co2e_kg", "co2e_p10_kg", "co2e_p90_kg",
        ):  # fmt: skip
            value = getattr(totals, name)
            assert math.isfinite(value) and value >= 0, (name, value)
        assert totals.p10_days <= totals.p50_days <= totals.p90_days
        assert totals.cost_p10_usd <= totals.cost_usd <= totals.cost_p90_usd
        assert totals.co2e_p10_kg <= totals.co2e_kg <= totals.co2e_p90_kg
    else:
        reason = result.infeasible_reason
        assert isinstance(reason, str) and reason.startswith("No route from"), reason
        assert "; ;" not in reason and not reason.rstrip().endswith(":"), reason


# ------------------------------------------------------------------ property tests
@fuzz(share=0.25)
@given(data=ss.valid_dicts())
def test_valid_scenarios_are_accepted_route_and_round_trip(data, base_network):
    scenario = Scenario.from_dict(data)  # must not raise: every piece is valid
    _check_accepted(scenario, base_network)
    result = route(base_network, ORIGIN, DESTINATION, scenario=scenario)  # ids come from the network
    assert isinstance(result, RouteSet)


@fuzz(share=0.5)
@given(data=ss.hostile_dicts())
def test_hostile_tables_give_a_scenario_or_a_readable_error(data, base_network):
    scenario = _build(lambda: Scenario.from_dict(data))
    if scenario is not None:
        _check_accepted(scenario, base_network)


@fuzz(share=0.5)
@given(text=ss.toml_texts())
def test_any_toml_text_gives_a_scenario_or_a_readable_error(text, base_network):
    with no_file_access():
        scenario = _build(lambda: Scenario.from_toml(text))
        loaded = _build(lambda: load_scenario(text))
    if "\n" in text or "=" in text:  # TOML text for load_scenario too: the same answer
        assert loaded == scenario
    if scenario is not None:
        _check_accepted(scenario, base_network)


@fuzz(share=0.25)
@given(data=ss.toml_bytes())
def test_any_upload_bytes_give_a_scenario_or_a_readable_error(data, base_network):
    with no_file_access():
        scenario = _build(lambda: Scenario.from_toml(data))
        assert _build(lambda: load_scenario(data)) == scenario
    if scenario is not None:
        _check_accepted(scenario, base_network)


path_like = st.sampled_from(
    (
        "../../etc/passwd",
        "/etc/passwd",
        "~/.ssh/id_rsa",
        "baseline/../x",
        "baseline/../baseline",
        "./baseline",
        "baseline.toml",
        "/dev/zero",
        "/proc/self/environ",
        "C:\\Windows\\win.ini",
        "file:///etc/passwd",
        "a" * 5000,
        "a\x00b",
        "",
        " ",
        "red-sea-closed ",
        "RED-SEA-CLOSED",
    )
)


@fuzz(share=0.3)
@given(name=path_like | st.text(max_size=40).filter(lambda t: "=" not in t and "\n" not in t))
def test_a_name_never_reads_a_file(name):
    """Anything that is not TOML text is a preset name or an error naming the presets: no file is touched."""
    with no_file_access():
        scenario = _build(lambda: load_scenario(name))
    if scenario is not None:
        assert scenario is presets()[name]


# ------------------------------------------------------------------ every problem named
def test_a_document_with_several_problems_names_every_one():
    text = "\n".join(
        [
            'name = "several"',
            "month = 13",
            'ice_class = "Arc10"',
            'closed_chokepoints = ["sues", "panama"]',
            'closed_corridors = ["atlantis"]',
            'closed_modes = ["train"]',
            'closed_nodes = ["bad id"]',
            "warp_drive = true",
            "[speed]",
            "sea = -18",
            "river = nan",
            "[speed_factor]",
            "road = 0",
            "[dwell.port]",
            "low = 50",
            "likely = 10",
            "high = 5",
            "[dwell.gauge]",
            "low = -1",
            "[cost.chokepoint_fee]",
            "atlantis = 5",
            "",
        ]
    )
    with pytest.raises(ValidationError) as info:
        Scenario.from_toml(text)
    message = assert_readable(info.value)
    lines = message.splitlines()
    expected = {
        "field 'month'": "less than or equal to 12",
        "field 'ice_class'": "'Arc10'",
        "field 'closed_chokepoints[0]'": "did you mean 'suez'?",
        "field 'closed_chokepoints[1]'": "unknown chokepoint 'panama'",
        "field 'closed_corridors[0]'": "unknown corridor 'atlantis'",
        "field 'closed_modes[0]'": "unknown mode 'train'",
        "field 'closed_nodes[0]'": "not a valid id: 'bad id'",
        "field 'warp_drive'": "unknown key",
        "field 'speed.sea": "",
        "field 'speed.river'": "expected a number or a table, got nan",
        "field 'speed_factor.road'": "greater than or equal to 0.01",
        "field 'dwell.port'": "need low <= likely <= high",
        "field 'dwell.gauge.low'": "greater than or equal to 0",
        "field 'cost.chokepoint_fee'": "unknown chokepoint keys ['atlantis']",
    }
    for where, what in expected.items():
        assert any(where in line and what in line for line in lines), (where, what, message)
    assert len(lines) == len(expected), message
    assert all(line.startswith("scenario: ") for line in lines)


def test_problems_are_capped_and_unknown_ids_are_quick(base_network):
    """25,000 unknown ids: 500 listed with suggestions, the rest counted, in well under the time limit."""
    scenario = Scenario(name="many", closed_nodes=[f"N{i}" for i in range(25_000)])
    with time_limit(10, "checking 25,000 ids"), pytest.raises(ValidationError) as info:
        route(base_network, ORIGIN, DESTINATION, scenario=scenario)
    assert_readable(info.value)
    assert len(info.value.problems) == 501
    assert str(info.value.problems[-1]).endswith("24500 more problems not listed")


def test_long_lists_in_messages_are_cut():
    with pytest.raises(ValidationError) as info:
        Scenario(name="x", cost={"chokepoint_fee": {f"k{i}": 1 for i in range(5000)}})
    (problem,) = info.value.problems
    assert "... (5,000 in all)" in str(problem) and len(str(problem)) < 1000


# ------------------------------------------------------------------ names and paths
@pytest.mark.parametrize(
    "name", ["../../etc/passwd", "/etc/passwd", "~/.ssh/id_rsa", "baseline/../x", "/proc/self/environ", "x.toml"]
)
def test_a_path_is_not_read_by_default(name):
    with no_file_access(), pytest.raises(ValidationError) as info:
        load_scenario(name)
    message = assert_readable(info.value)
    assert "no preset scenario named" in message
    assert "a file path is not accepted here" in message
    assert "presets: baseline," in message


def test_a_near_miss_name_suggests_the_preset():
    with no_file_access(), pytest.raises(ValidationError, match="did you mean 'red-sea-closed'"):
        load_scenario("red-sea-closd")


def test_a_one_line_upload_ending_in_toml_is_text_not_a_path(tmp_path, monkeypatch):
    """Regression: from_toml took a one-line string ending in ".toml" as a server path (the app passes uploads)."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "secret.toml").write_text('name = "secret"\n', encoding="utf-8")
    for text in ("secret.toml", str(tmp_path / "secret.toml")):
        with pytest.raises(ValidationError, match="invalid TOML"):
            Scenario.from_toml(text)
    assert Scenario.from_toml("secret.toml", allow_path=True).name == "secret"


def test_the_command_line_may_read_its_own_files(tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text('name = "mine"\nmonth = 2\n', encoding="utf-8")
    assert load_scenario(str(path), allow_path=True).month == 2
    assert load_scenario(path).month == 2  # a Path object: the caller means a file


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (lambda tmp: str(tmp / "missing.toml"), "no preset scenario or file named"),
        (lambda tmp: str(tmp), "not a regular file"),
        (lambda tmp: "/dev/zero", "not a regular file"),
        (lambda tmp: "/dev/null", "not a regular file"),
        (lambda tmp: "a" * 5000, "no preset scenario or file named 'aaaa"),
        (lambda tmp: "bad\x00name.toml", "no preset scenario or file named 'bad\\x00name.toml'"),
        (lambda tmp: _sparse(tmp / "huge.toml", 10 * 2**30), "file is 10,737,418,240 bytes, larger than the limit of 100,000 bytes"),
        (lambda tmp: _write(tmp / "latin1.toml", 'name = "caf\xe9"\n'.encode("latin-1")), "not UTF-8 text (invalid byte at position 11)"),
        (lambda tmp: _write(tmp / "bom.toml", b'\xef\xbb\xbfname = "bom"\n'), None),
    ],
    ids=["missing", "directory", "dev-zero", "dev-null", "long-name", "nul", "huge", "latin-1", "bom"],
)
def test_odd_files_from_the_command_line(tmp_path, make, expected):
    """Regression: a 5,000-character name raised OSError; /dev/zero was read without end."""
    target = make(tmp_path)
    with time_limit(10, "reading a scenario file"):
        if expected is None:
            assert load_scenario(target, allow_path=True).name == "bom"
            return
        with pytest.raises(ValidationError) as info:
            load_scenario(target, allow_path=True)
    assert expected in assert_readable(info.value)


def _sparse(path: Path, size: int) -> str:
    with path.open("wb") as handle:
        handle.truncate(size)
    return str(path)


def _write(path: Path, data: bytes) -> str:
    path.write_bytes(data)
    return str(path)


@pytest.mark.parametrize("value", [5, 1.5, ["baseline"], object(), b"\xff\xfe"])
def test_other_types_are_a_readable_error(value):
    """Regression: load_scenario(5) raised TypeError."""
    with pytest.raises(ValidationError) as info:
        load_scenario(value)
    assert_readable(info.value)


def test_a_mapping_is_read_as_a_table():
    assert load_scenario({"name": "t", "month": 3}).month == 3


# ------------------------------------------------------------------ size and depth limits
def _padded(text: str, size: int) -> str:
    return text + "#" * (size - len(text.encode()) - 1) + "\n"


@pytest.mark.parametrize("kind", ["str", "bytes"])
def test_text_size_limit(kind):
    text = _padded('name = "big"\n', MAX_SCENARIO_BYTES)
    assert len(text.encode()) == MAX_SCENARIO_BYTES
    source = text if kind == "str" else text.encode()
    assert Scenario.from_toml(source).name == "big"
    over = text + "#"
    with pytest.raises(ValidationError) as info:
        Scenario.from_toml(over if kind == "str" else over.encode())
    assert str(info.value) == "scenario: text is 100,001 bytes, larger than the limit of 100,000 bytes"


def test_text_size_counts_bytes_not_characters():
    text = 'name = "x"\n#' + "é" * 60_000 + "\n"
    assert len(text) < MAX_SCENARIO_BYTES < len(text.encode())
    with pytest.raises(ValidationError, match="larger than the limit of 100,000 bytes"):
        Scenario.from_toml(text)


@pytest.mark.parametrize("opener", ["[", "{a = "])
def test_bracket_depth_limit(opener):
    closer = "]" if opener == "[" else "}"

    def text(depth: int) -> str:
        return 'name = "x"\nbogus = ' + opener * depth + "1" + closer * depth + "\n"

    with pytest.raises(ValidationError) as info:
        Scenario.from_toml(text(MAX_SCENARIO_DEPTH))
    assert [p.field for p in info.value.problems] == ["bogus"]  # only the unknown key: parsed
    with pytest.raises(ValidationError) as info:
        Scenario.from_toml(text(MAX_SCENARIO_DEPTH + 1))
    assert str(info.value) == "scenario: arrays/inline tables nested 17 levels deep, over the limit of 16"


@pytest.mark.parametrize("header", [True, False])
def test_dotted_key_limit(header):
    def text(parts: int) -> str:
        key = ".".join(["bogus", *["a"] * (parts - 1)])
        return f'name = "x"\n[{key}]\nb = 1\n' if header else f'name = "x"\n{key} = 1\n'

    with pytest.raises(ValidationError) as info:
        Scenario.from_toml(text(MAX_SCENARIO_DEPTH))
    assert [p.field for p in info.value.problems] == ["bogus"]
    with pytest.raises(ValidationError) as info:
        Scenario.from_toml(text(MAX_SCENARIO_DEPTH + 1))
    assert str(info.value) == "scenario: a dotted key of 17 parts, over the limit of 16"


def test_nested_tables_limit_in_a_table():
    value: object = 1
    for _ in range(MAX_SCENARIO_DEPTH + 1):
        value = {"a": value}
    with pytest.raises(ValidationError) as info:
        Scenario.from_dict({"name": "x", "dwell_node": value, "month": 13})
    lines = str(info.value).splitlines()
    assert lines == [
        "scenario 'x': field 'dwell_node': tables/arrays nested more than 16 levels deep, over the limit",
        "scenario 'x': field 'month': Input should be less than or equal to 12 (got 13)",
    ]


# ------------------------------------------------------------------ regressions
@pytest.mark.parametrize(
    "text",
    [
        'name = "x"\nspeed = ' + "[" * 5000 + "]" * 5000,
        'name = "x"\nspeed = ' + "{a=" * 3000 + "1" + "}" * 3000,
        'name = "x"\n[dwell_node.' + ".".join(["a"] * 3000) + "]\nlow = 1\n",
        'name = "x"\n' + ".".join(["a"] * 20_000) + " = 1\n",
    ],
    ids=["deep-array", "deep-inline-table", "deep-header", "long-dotted-key"],
)
def test_deep_toml_is_a_validation_error_not_a_recursion_error(text):
    """Regression: RecursionError from tomllib and from the error messages; a 20,000-part key took 6 s."""
    with time_limit(5, "a deep scenario"), pytest.raises(ValidationError) as info:
        Scenario.from_toml(text)
    assert "over the limit of 16" in assert_readable(info.value)


def test_deep_value_in_a_table_is_a_validation_error():
    value: object = "x"
    for _ in range(5000):
        value = [value]
    with pytest.raises(ValidationError) as info:
        Scenario.from_dict({"name": value})
    assert "nested more than 16 levels deep" in assert_readable(info.value)


def test_a_key_named_self_is_an_unknown_key():
    """Regression: TypeError (Scenario.__init__() got multiple values for argument 'self')."""
    with pytest.raises(ValidationError, match="field 'self': unknown key"):
        Scenario.from_dict({"name": "x", "self": 1})


@pytest.mark.parametrize(
    ("overrides", "field", "text"),
    [
        ({"speed": {"sea": 5e-324}}, "speed.sea", "speed must be between 0.01 and 10,000 km/h"),
        (
            {"rail_services": {"container": {"likely": 1e308}}},
            "rail_services.container",
            "speed must be between 0.24 and 240,000 km/day",
        ),
        ({"speed_factor": {"sea": 1e-300}}, "speed_factor.sea", "greater than or equal to 0.01"),
        ({"speed_factor": {"sea": 1e6}}, "speed_factor.sea", "less than or equal to 100"),
        ({"cost": {"per_teu_km": {"sea": 1e308}}}, "cost.per_teu_km.sea.value", "less than or equal to 1000000000"),
        ({"dwell": {"port": {"low": 1, "likely": 2, "high": 1e308}}}, "dwell.port.high", "less than or equal to 100000"),
        ({"port_calls": {"spacing_km": {"suez": 1e-300}}}, "port_calls.spacing_km.suez.value", "greater than or equal to 1"),
    ],
)
def test_figures_that_made_infinite_totals_are_refused(overrides, field, text):
    """Regression: tiny speeds / huge rates gave infinite weights and the reason 'No route ...: ; ; ; ;'."""
    with pytest.raises(ValidationError) as info:
        Scenario(name="x", **overrides)
    (problem,) = info.value.problems
    assert problem.field == field and text in problem.message, str(problem)


def test_figures_at_their_bounds_route(base_network):
    scenario = Scenario(
        name="bounds",
        speed={"sea": {"value": 10_000, "unit": "km/h"}, "road": {"value": 240, "unit": "km/day"}},
        rail_services={"container": {"fast": 0.24, "likely": 0.24, "slow": 0.24}},  # 0.01 km/h
        moving_spread={"road": {"low": 0.5, "high": 5.0}},
        speed_factor={"road": 0.01, "ferry": 100},
        dwell={"port": {"low": 0, "likely": 100_000, "high": 100_000}},
        port_calls={"spacing_km": {"suez": 1}},
    )
    _check_accepted(scenario, base_network)


def test_infeasible_reason_when_only_the_figures_block(base_network, monkeypatch):
    """If weights are infinite without any closure, the reason says so (not an empty list of causes)."""
    import corridors.routing.route as routing
    from corridors.model.view import ScenarioView

    real = ScenarioView.weights

    def infinite(self, optimize):
        return [math.inf] * len(real(self, optimize))

    monkeypatch.setattr(ScenarioView, "weights", infinite)
    result = routing.route(base_network, ORIGIN, DESTINATION, scenario=Scenario(name="inf-figures"))
    assert not result.routes
    assert result.infeasible_reason.endswith("every open route has an infinite total (check the scenario's figures)")


def test_environment_variables_are_not_read_for_scenarios():
    """A name such as $HOME or %PATH% is a name, not expanded."""
    for name in ("$HOME", "${HOME}/x", "%PATH%"):
        with no_file_access(), pytest.raises(ValidationError):
            load_scenario(name)
