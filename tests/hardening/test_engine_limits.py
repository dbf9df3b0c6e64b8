"""The engine's protective limits: each one at its value works, one over gives a clear LimitError.

| limit | value | where |
|---|---|---|
| alternatives K | 10 (`corridors.routing.route.MAX_ALTERNATIVES`) | `route`, `compare`, `check_alternatives` |
| via nodes | 5 (`corridors.routing.route.MAX_VIA`) | `route` |
| places to avoid | 50 (`corridors.routing.route.MAX_AVOID`) | `route` |
| Monte Carlo samples | 100,000 (`corridors.model.montecarlo.MAX_SAMPLES`) | `transit_samples`, `sample_dwell`, `Route.transit_samples`, `[montecarlo] samples` |
| scenarios compared at once | 12 (`corridors.report.compare.MAX_SCENARIOS`) | `compare` (a user's list; the bundled presets are not limited) |
| scenario text / file | 100,000 bytes (`corridors.model.scenario.MAX_SCENARIO_BYTES`) | `Scenario.from_toml`, `load_scenario` (test_fuzz_scenario.py) |
| scenario nesting | 16 (`corridors.model.scenario.MAX_SCENARIO_DEPTH`) | idem |
| URL value | 2,000 characters (`corridors_app.query.MAX_VALUE_CHARS`) | `parse_query` (test_query_params.py) |
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hardening_checks import assert_readable, time_limit

from corridors import LimitError, ValidationError
from corridors.model import montecarlo
from corridors.model.montecarlo import MAX_SAMPLES, sample_dwell, transit_samples
from corridors.model.params import default_params
from corridors.report import compare as compare_module
from corridors.report.compare import MAX_SCENARIOS, compare
from corridors.routing import route as routing
from corridors.routing.route import MAX_ALTERNATIVES, MAX_AVOID, MAX_VIA, check_alternatives, route


def test_the_limits_are_sane_for_a_shared_server():
    assert MAX_ALTERNATIVES == 10
    assert MAX_VIA == 5
    assert MAX_AVOID == 50
    assert MAX_SAMPLES == 100_000
    assert MAX_SCENARIOS == 12
    assert default_params().montecarlo.samples <= MAX_SAMPLES


def _limit_message(call) -> str:
    with time_limit(10, "a call over a limit"), pytest.raises(LimitError) as info:
        call()
    return assert_readable(info.value)


# -- alternatives -------------------------------------------------------------------------
def test_alternatives_at_the_limit(base_network):
    result = route(base_network, "INNSA", "RUMOW", alternatives=MAX_ALTERNATIVES)
    assert 1 <= len(result.routes) <= MAX_ALTERNATIVES


def test_alternatives_over_the_limit(base_network):
    message = _limit_message(lambda: route(base_network, "INNSA", "RUMOW", alternatives=MAX_ALTERNATIVES + 1))
    assert message == "11 alternatives asked for, over the limit of 10 (MAX_ALTERNATIVES)"
    message = _limit_message(lambda: route(base_network, "INNSA", "RUMOW", alternatives=10**400))
    assert message == "a 401-digit number alternatives asked for, over the limit of 10 (MAX_ALTERNATIVES)"


def test_alternatives_are_checked_before_any_work(base_network, monkeypatch):
    monkeypatch.setattr(routing, "scenario_view", lambda *a, **k: pytest.fail("routed over the limit"))
    with pytest.raises(LimitError):
        route(base_network, "INNSA", "RUMOW", alternatives=MAX_ALTERNATIVES + 1)


@pytest.mark.parametrize("value", [0, -1, True, 2.0, "3", None, [3]])
def test_alternatives_that_are_not_a_positive_whole_number(base_network, value):
    with pytest.raises(ValidationError) as info:
        route(base_network, "INNSA", "RUMOW", alternatives=value)
    assert "alternatives must be a positive integer" in assert_readable(info.value)


def test_alternatives_accept_numpy_integers(base_network):
    assert check_alternatives(np.int64(3)) == 3
    assert len(route(base_network, "INNSA", "RUMOW", alternatives=np.int32(2)).routes) == 2


# -- via and avoid --------------------------------------------------------------------------
def test_via_at_and_over_the_limit(base_network):
    via = ["IRBND", "IRTHR", "IR-GARMSAR", "IR-RASHT", "IR-ASTARA"][:MAX_VIA]
    result = route(base_network, "INNSA", "RUMOW", via=via)
    assert result.routes or result.infeasible_reason
    message = _limit_message(lambda: route(base_network, "INNSA", "RUMOW", via=[*via, "AZ-YALAMA"]))
    assert message == "6 via nodes asked for, over the limit of 5 (MAX_VIA)"


def test_a_single_via_string_is_one_node_not_its_letters(base_network):
    assert route(base_network, "INNSA", "RUMOW", via="IRBND").via == ("IRBND",)


def test_avoid_at_and_over_the_limit(base_network):
    nodes = [n for n in base_network.nodes.index if n not in ("INNSA", "RUMOW")]
    route(base_network, "INNSA", "RUMOW", avoid=nodes[:MAX_AVOID])
    message = _limit_message(lambda: route(base_network, "INNSA", "RUMOW", avoid=nodes[: MAX_AVOID + 1]))
    assert message == "51 places to avoid asked for, over the limit of 50 (MAX_AVOID)"
    message = _limit_message(
        lambda: route(base_network, "INNSA", "RUMOW", avoid=nodes[:MAX_AVOID], avoid_chokepoints=["suez"])
    )
    assert "51 places to avoid" in message


# -- Monte Carlo samples -----------------------------------------------------------------------
def test_samples_at_and_over_the_limit(base_network):
    assert transit_samples(10.0, [1, 2], [2, 3], [5, 9], samples=MAX_SAMPLES).shape == (MAX_SAMPLES,)
    message = _limit_message(lambda: transit_samples(10.0, [1], [2], [3], samples=MAX_SAMPLES + 1))
    assert message == "100,001 Monte Carlo samples asked for, over the limit of 100,000 (MAX_SAMPLES)"
    rng = np.random.default_rng(0)
    assert sample_dwell([1], [2], [3], samples=MAX_SAMPLES, rng=rng).shape == (MAX_SAMPLES, 1)
    _limit_message(lambda: sample_dwell([1], [2], [3], samples=MAX_SAMPLES + 1, rng=rng))
    best = route(base_network, "INNSA", "RUMOW").best
    assert best.transit_samples(samples=MAX_SAMPLES).shape == (MAX_SAMPLES,)
    _limit_message(lambda: best.transit_samples(samples=MAX_SAMPLES + 1))
    _limit_message(lambda: transit_samples(10.0, [], [], [], samples=10**30))  # no dwell: still limited


@pytest.mark.parametrize("value", [0, -5, 1.5, "10", None, True])
def test_samples_that_are_not_a_positive_whole_number(value):
    with pytest.raises(ValidationError) as info:
        montecarlo.transit_samples(10.0, [1], [2], [3], samples=value)
    assert "Monte Carlo samples must be" in assert_readable(info.value)


def test_default_samples_setting_is_limited_too(tmp_path):
    from corridors.model.params import DEFAULTS_PATH, load_params

    text = DEFAULTS_PATH.read_text(encoding="utf-8").replace("samples = 10000", f"samples = {MAX_SAMPLES + 1}")
    (tmp_path / "defaults.toml").write_text(text, encoding="utf-8")
    with pytest.raises(ValidationError) as info:
        load_params(tmp_path / "defaults.toml")
    assert str(info.value) == (
        "defaults.toml: field 'montecarlo.samples': Input should be less than or equal to 100000 (got 100001)"
    )


# -- scenarios compared at once -------------------------------------------------------------------
def test_scenarios_at_and_over_the_limit(base_network):
    frame = compare(base_network, "INNSA", "RUMOW", ["baseline"] * MAX_SCENARIOS)
    assert len(frame) == MAX_SCENARIOS
    message = _limit_message(lambda: compare(base_network, "INNSA", "RUMOW", ["baseline"] * (MAX_SCENARIOS + 1)))
    assert message == "13 scenarios to compare at once, over the limit of 12 (MAX_SCENARIOS)"


def test_an_endless_iterator_of_scenarios_is_refused_without_hanging(base_network):
    message = _limit_message(lambda: compare(base_network, "INNSA", "RUMOW", itertools.repeat("baseline")))
    assert message == "more than 12 scenarios to compare at once, over the limit of 12 (MAX_SCENARIOS)"


def test_scenarios_are_counted_before_any_is_loaded(base_network, monkeypatch):
    monkeypatch.setattr(compare_module, "load_scenario", lambda *a, **k: pytest.fail("loaded a scenario over the limit"))
    with pytest.raises(LimitError):
        compare(base_network, "INNSA", "RUMOW", ["baseline"] * (MAX_SCENARIOS + 1))


def test_the_bundled_presets_are_not_limited(base_network):
    frame = compare(base_network, "INNSA", "RUMOW")
    assert set(frame["scenario"]) <= set(__import__("corridors").presets())


def test_a_single_scenario_name_is_one_scenario_not_its_letters(base_network):
    """Regression: compare(net, a, b, "baseline") loaded the scenarios 'b', 'a', 's', ..."""
    frame = compare(base_network, "INNSA", "RUMOW", "baseline")
    assert set(frame["scenario"]) == {"baseline"}


def test_scenarios_that_are_not_a_list(base_network):
    with pytest.raises(ValidationError) as info:
        compare(base_network, "INNSA", "RUMOW", 5)
    assert "scenarios must be a list" in assert_readable(info.value)
