"""Regression tests for the data-layer bugs the hardening work found.

(The limits and the slow hostile inputs are in test_limits.py; the CLI's
unwritable ``-o`` in test_fuzz_cli.py.)
"""

from __future__ import annotations

import json

import geojson_strategies as gs
import pandas as pd
import pytest
from fuzz_settings import fuzz
from hardening_checks import assert_readable, time_limit
from hypothesis import given
from hypothesis import strategies as st

from corridors import UnknownNodeError, ValidationError
from corridors.network.convert import graph_from_gdfs, graph_to_gdfs
from corridors.network.read import read_geojson


def _problems(source, **kw) -> list[str]:
    with pytest.raises(ValidationError) as info:
        read_geojson(source, **kw)
    assert_readable(info.value)
    return [str(p) for p in info.value.problems]


def test_graph_round_trip_keeps_the_leg_order_of_the_bundled_network(base_network):
    """graph_to_gdfs listed legs in networkx's node-by-node order, not the frame's (the contract says equal)."""
    nodes, legs = graph_to_gdfs(graph_from_gdfs(base_network.nodes, base_network.legs))
    pd.testing.assert_frame_equal(nodes, base_network.nodes)
    pd.testing.assert_frame_equal(legs, base_network.legs)
    pd.testing.assert_frame_equal(graph_to_gdfs(base_network.graph)[1], base_network.legs)


def test_graph_round_trip_of_a_graph_built_by_hand_still_works(base_network):
    graph = base_network.graph.copy()  # a plain copy carries no order: networkx's order is used
    _, legs = graph_to_gdfs(graph)
    pd.testing.assert_frame_equal(legs.loc[base_network.legs.index], base_network.legs)


def test_geojson_text_with_a_byte_order_mark_is_text_not_a_path():
    """A str starting with U+FEFF was taken as a file name ("cannot read '\\ufeff{...': no such file")."""
    text = "\ufeff" + json.dumps({"type": "FeatureCollection", "features": []})
    (problem,) = _problems(text)
    assert problem == "upload: the FeatureCollection has no features"


def test_a_long_path_is_cut_in_the_message():
    """A missing 100,000-character path was repeated whole in the message."""
    (problem,) = _problems("a" * 100_000)
    assert len(problem) < 300
    assert "...': " in problem  # then the reason: "File name too long"


def test_a_path_with_a_nul_byte_is_a_problem_not_a_crash():
    (problem,) = _problems("bad\x00name.geojson")
    assert "cannot read 'bad\\x00name.geojson'" in problem


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("\ud7fc", "?"),  # unassigned code point
        ("up\u2028load", "up?load"),  # line separator: would split the message
        ("\u202egnp.geojson", "?gnp.geojson"),  # right-to-left override: reads as "nosjoeg.png"
        ("a\x1b[2Jb", "a?[2Jb"),  # terminal escape
        ("zero\u200bwidth", "zero?width"),
        ("no\u00a0break space", "no\u00a0break space"),  # spaces stay
        ("Порт <b>x</b>.geojson", "Порт <b>x</b>.geojson"),  # text is kept; escaping HTML is the app's job
    ],
)
def test_upload_names_are_printable_in_messages(name, shown):
    """An upload's file name (user-controlled) was printed raw when it held unassigned or format characters."""
    (problem,) = _problems(b"[]", name=name)
    assert problem.startswith(f"{shown}: ")


def test_json_syntax_errors_read_well():
    """"Unterminated string starting at at line 1" -- the "at" came twice."""
    (problem,) = _problems(b'{"type": "FeatureCollection", "features": ["x')
    assert problem == "upload: not valid JSON: Unterminated string starting at line 1, column 44"
    (problem,) = _problems(b'{"a": "tab\there"}')
    assert problem == "upload: not valid JSON: Invalid control character at line 1, column 11"


@pytest.mark.parametrize("query", [["INNSA"], {"id": "INNSA"}, None, 5, b"INNSA"])
def test_node_id_with_a_query_that_is_not_text(base_network, query):
    """A list query raised TypeError (unhashable) instead of UnknownNodeError."""
    with pytest.raises(UnknownNodeError) as info:
        base_network.node_id(query)
    assert_readable(info.value)


@fuzz(share=0.5)
@given(query=gs.any_text | st.sampled_from(["INNSA", "innsa", " Nhava Sheva ", "vladivostok", "RUVVO"]))
def test_node_id_gives_an_id_or_a_readable_unknown_node_error(base_network, query):
    try:
        with time_limit(5, "node_id"):
            found = base_network.node_id(query)
    except UnknownNodeError as err:
        assert_readable(err)
        assert all(s in base_network.nodes.index for s in err.suggestions)
    else:
        assert found in base_network.nodes.index
