"""URL query parameters: every value the app could pass on to the engine is checked by the library.

The app mirrors ``origin``, ``destination``, ``scenario``, ``k``,
``optimize``, ``units`` and ``scenarios`` to the URL (``corridors_app/url.py``,
``QUERY_KEYS``). A link can carry anything, so:

- each engine entry point the app calls with such a value (node lookup,
  ``load_scenario(name)``, ``route(alternatives=int(k), optimize=...)``,
  ``compare(scenarios=[...])``) rejects garbage with the project's own,
  readable error, and a scenario *name* never reads a file;
- :func:`corridors_app.query.parse_query` turns the raw query into clean values
  plus problems without raising, and every value it returns is accepted by
  the engine.
"""

from __future__ import annotations

import math

import pytest
from fuzz_settings import fuzz
from hardening_checks import assert_readable, no_file_access, time_limit
from hypothesis import given
from hypothesis import strategies as st

from corridors import CorridorsError, LimitError, UnknownNodeError, ValidationError
from corridors.model.presets import load_scenario, presets
from corridors.report.compare import MAX_SCENARIOS, compare
from corridors.routing.route import MAX_ALTERNATIVES, check_alternatives, resolve_node, route
from corridors_app.query import MAX_VALUE_CHARS, QUERY_KEYS, ParsedQuery, parse_query

HOSTILE = (
    "",
    " ",
    "../../etc/passwd",
    "/etc/passwd",
    "~/.ssh/id_rsa",
    "baseline/../x",
    "..%2F..%2Fetc%2Fpasswd",
    "file:///etc/passwd",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
    "{{7*7}}",
    "${jndi:ldap://x}",
    "__import__('os').system('id')",
    "'; DROP TABLE nodes; --",
    "=HYPERLINK(\"http://x\")",
    "\x00",
    "\u202eevil",
    "A" * 5000,
    "-1",
    "0",
    "+3",
    "3.0",
    "1e3",
    "0x10",
    "1_0",
    "١",
    "99999999999999999999999999",
    str(10**4000),
    "nan",
    "inf",
    "None",
    "true",
    "time,cost",
    ",,,",
    "baseline," * 50,
)
GOOD = ("INNSA", "RUMOW", "IRBND", "RUVVO", "NLRTM", "baseline", "red-sea-closed", "3", "1", "time", "cost", "km", "nm")
hostile = st.sampled_from(HOSTILE) | st.text(max_size=30)
values = st.sampled_from(GOOD) | hostile


# ------------------------------------------------------------- the engine's own checks
@pytest.mark.parametrize("value", HOSTILE)
def test_origin_and_destination_garbage_is_an_unknown_node(base_network, value):
    for lookup in (base_network.node_id, lambda v: resolve_node(base_network, v)):
        with time_limit(10, "a node lookup"), pytest.raises(UnknownNodeError) as info:
            lookup(value)
        assert_readable(info.value)
    with pytest.raises(UnknownNodeError):
        route(base_network, value, "RUMOW")


@pytest.mark.parametrize("value", HOSTILE)
def test_scenario_garbage_is_an_unknown_preset_and_reads_no_file(value):
    if value in presets():
        return
    with no_file_access(), time_limit(10, "a scenario lookup"), pytest.raises(ValidationError) as info:
        load_scenario(value)  # what the app would do with ?scenario=...
    assert_readable(info.value)


@pytest.mark.parametrize("value", HOSTILE)
def test_k_garbage_is_refused(base_network, value):
    try:
        k = int(value)  # the app's converter (corridors_app/url.py restore_from_query)
    except ValueError:
        return  # the app drops it
    if 1 <= k <= MAX_ALTERNATIVES:
        assert check_alternatives(k) == k
        return
    with pytest.raises((LimitError, ValidationError)) as info:
        route(base_network, "INNSA", "RUMOW", alternatives=k)
    assert_readable(info.value)


@pytest.mark.parametrize("value", HOSTILE)
def test_optimize_garbage_is_refused(base_network, value):
    with pytest.raises(ValidationError) as info:
        route(base_network, "INNSA", "RUMOW", optimize=value)
    assert "optimize must be one of" in assert_readable(info.value)


@pytest.mark.parametrize("value", HOSTILE)
def test_scenarios_garbage_is_refused(base_network, value):
    names = [x for x in value.split(",") if x]  # the app's converter
    if not names or all(n in presets() for n in names):
        return
    with no_file_access(), pytest.raises((ValidationError, LimitError)) as info:
        compare(base_network, "INNSA", "RUMOW", names)
    assert_readable(info.value)


# ------------------------------------------------------------------- parse_query
def test_parse_query_cleans_good_values(base_network):
    parsed = parse_query(
        {
            "origin": "innsa",
            "destination": "RUMOW",
            "scenario": "red-sea-closed",
            "k": "3",
            "optimize": "CO2E",
            "units": "NM",
            "scenarios": "baseline, red-sea-closed,baseline",
            "globe": "1",  # a view setting in the link too (issue 11: shareable everything)
            "colour": "red",  # not ours: ignored
        },
        network=base_network,
    )
    assert parsed.ok and parsed.problems == ()
    assert parsed.values == {
        "origin": "INNSA",
        "destination": "RUMOW",
        "scenario": "red-sea-closed",
        "k": 3,
        "optimize": "co2",
        "units": "nm",
        "scenarios": ["baseline", "red-sea-closed"],
        "globe": True,
    }
    parsed.raise_if_any()


def test_parse_query_reports_every_bad_value(base_network):
    parsed = parse_query(
        {
            "origin": "../../etc/passwd",
            "destination": "<script>alert(1)</script>",
            "scenario": "/etc/passwd",
            "k": "99999999999999999999",
            "optimize": "fastest",
            "units": "miles",
            "scenarios": "baseline,nope," + ",".join(["red-sea-closed"] * 3),
        },
        network=base_network,
    )
    assert parsed.values == {"scenarios": ["baseline", "red-sea-closed"]}
    lines = [str(p) for p in parsed.problems]
    assert lines == [
        "URL: field 'origin': unknown node '../../etc/passwd'; no node has a similar id or name",
        "URL: field 'destination': unknown node '<script>alert(1)</script>'; no node has a similar id or name",
        "URL: field 'scenario': unknown scenario '/etc/passwd'; known: " + ", ".join(presets()),
        "URL: field 'k': a 20-digit number alternatives asked for, over the limit of 10 (MAX_ALTERNATIVES)",
        "URL: field 'optimize': optimize must be one of time, distance, cost, co2, got 'fastest'",
        "URL: field 'units': unknown units 'miles'; known: km, nm",
        "URL: field 'scenarios': unknown scenario 'nope'; known: " + ", ".join(presets()),
    ]
    with pytest.raises(ValidationError) as info:
        parsed.raise_if_any()
    assert_readable(info.value)


@pytest.mark.parametrize("k", ["-1", "+3", "3.0", "1e3", "0x10", "1_0", "١", " ", "three"])
def test_k_must_be_plain_digits(k):
    parsed = parse_query({"k": k})
    assert "k" not in parsed.values and parsed.problems


def test_k_at_and_over_the_limit():
    assert parse_query({"k": str(MAX_ALTERNATIVES)}).values == {"k": MAX_ALTERNATIVES}
    (problem,) = parse_query({"k": str(MAX_ALTERNATIVES + 1)}).problems
    assert problem.message == "11 alternatives asked for, over the limit of 10 (MAX_ALTERNATIVES)"


def test_scenarios_over_the_limit_keep_the_first_ones():
    names = [f"s{i}" for i in range(MAX_SCENARIOS + 3)]
    parsed = parse_query({"scenarios": ",".join(names)}, scenario_names=names)
    assert parsed.values == {"scenarios": names[:MAX_SCENARIOS]}
    (problem,) = parsed.problems
    assert "15 scenarios to compare at once, over the limit of 12 (MAX_SCENARIOS); kept the first 12" in problem.message


def test_values_over_the_length_limit_are_not_looked_up(base_network, monkeypatch):
    import corridors.routing.route

    monkeypatch.setattr(corridors.routing.route, "resolve_node", lambda *a: pytest.fail("looked up"))
    parsed = parse_query({"origin": "A" * (MAX_VALUE_CHARS + 1)}, network=base_network)
    (problem,) = parsed.problems
    assert problem.message == "value is 2,001 characters, over the limit of 2,000"


def test_session_scenarios_and_a_list_of_values(base_network):
    parsed = parse_query({"scenario": ["baseline", "mine"], "origin": []}, scenario_names=["baseline", "mine"])
    assert parsed.values == {"scenario": "mine"}  # the last value, as streamlit does
    assert parse_query({"k": 3}).problems[0].message == "expected text, got type int"
    assert parse_query("k=3").problems[0].message == "query parameters must be a mapping, got type str"


def test_without_a_network_node_ids_are_only_checked_for_shape():
    assert parse_query({"origin": "INNSA"}).values == {"origin": "INNSA"}
    assert parse_query({"origin": "../x"}).problems[0].message == "not a valid node id: '../x'"


@fuzz(share=0.3)
@given(
    query=st.dictionaries(
        st.sampled_from((*QUERY_KEYS, "globe", "tiles", "")),
        values | st.lists(values, max_size=3) | st.integers() | st.none(),
        max_size=8,
    )
)
def test_any_query_gives_clean_values_the_engine_accepts(query, base_network):
    with no_file_access(), time_limit(20, "parse_query"):
        parsed = parse_query(query, network=base_network)
    assert isinstance(parsed, ParsedQuery)
    assert set(parsed.values) <= set(QUERY_KEYS)
    if parsed.problems:
        assert_readable(ValidationError(parsed.problems))
        assert {p.field for p in parsed.problems} <= set(QUERY_KEYS)
    values = parsed.values
    for key in ("origin", "destination"):
        if key in values:
            assert values[key] in base_network.nodes.index
    if "scenario" in values:
        assert load_scenario(values["scenario"]) is presets()[values["scenario"]]
    if "k" in values:
        assert 1 <= values["k"] <= MAX_ALTERNATIVES
    if "scenarios" in values:
        assert 1 <= len(values["scenarios"]) <= MAX_SCENARIOS
    if "units" in values:
        assert values["units"] in ("km", "nm")
    if "origin" in values and "destination" in values:
        try:
            result = route(
                base_network,
                values["origin"],
                values["destination"],
                scenario=values.get("scenario"),
                optimize=values.get("optimize", "time"),
                alternatives=min(values.get("k", 1), 2),
            )
        except CorridorsError as err:  # pragma: no cover - would be a bug
            pytest.fail(f"clean values refused: {err}")
        assert result.routes or result.infeasible_reason
        if result.routes:
            assert math.isfinite(result.best.objective)


# ------------------------------------------------------------------ issue 12, findings 4 and 5: shown, never linked or reordered
_LINK = __import__("re").compile(r"(?i)(https?|ftp|mailto|xmpp):|www\.|[\w.+-]@[\w-]")
_BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_LINKY = st.sampled_from(["https://evil\u3002example/login", "http://2130706433/login", "www.evil.example", "bob@evil.example",
                          "HTTPS://x.y", "xmpp:a@b.c", "\u202ehttps://evil.example", "mailto:a@b.c"])
_LINKY_TEXT = st.builds(lambda a, b, c: a + b + c, st.text(max_size=5), _LINKY, st.text(max_size=5))


@fuzz(share=0.3)
@given(key=st.sampled_from(QUERY_KEYS), value=_LINKY_TEXT)
def test_a_problem_with_a_url_value_is_shown_without_a_link_or_a_bidi_control(key, value, base_network):
    from corridors_app.ui import safe_text

    parsed = parse_query({key: value}, network=base_network)
    for problem in parsed.problems:
        shown = safe_text(problem.message)  # how corridors_app.url.restore_from_query shows it
        assert not _LINK.search(shown), shown
        assert not _BIDI & set(shown), shown
