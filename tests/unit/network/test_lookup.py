"""match_node: the one rule that turns what a user typed into a node id."""

from __future__ import annotations

import pytest

from corridors._errors import UnknownNodeError
from corridors.network.lookup import match_node

NAMES = {"INNSA": "Nhava Sheva", "RUMOW": "Moscow", "RUMCX": "Makhachkala", "XXAAA": "Twin", "XXBBB": "twin"}


@pytest.mark.parametrize(
    ("query", "expected"),
    [("INNSA", "INNSA"), ("innsa", "INNSA"), ("  rumow ", "RUMOW"), ("moscow", "RUMOW"), ("Nhava Sheva", "INNSA")],
)
def test_ids_and_names_match_ignoring_case(query, expected):
    assert match_node(query, NAMES) == expected


def test_whole_words_of_one_name_match():
    names = {**NAMES, "INHYD": "Hyderabad (Sanathnagar)", "INNSA": "Jawaharlal Nehru Port (Nhava Sheva)"}
    assert match_node("nhava sheva", names) == "INNSA"
    assert match_node("Hyderabad", names) == "INHYD"
    for part in ("Dera", "Nehru Po", "Twi"):  # inside a word, or too short: not guessed
        with pytest.raises(UnknownNodeError):
            match_node(part, names)


def test_an_ambiguous_name_is_not_guessed():
    with pytest.raises(UnknownNodeError) as caught:
        match_node("TWIN", NAMES)
    assert set(caught.value.suggestions) >= {"XXAAA", "XXBBB"}


@pytest.mark.parametrize("query", ["Moskva", "", None, 42, ["RUMOW"]])
def test_anything_else_is_unknown(query):
    with pytest.raises(UnknownNodeError):
        match_node(query, NAMES)


def test_the_network_and_the_router_share_the_rule():
    from corridors.network.loader import load_network
    from corridors.routing.route import resolve_node

    network = load_network()
    for query in ("innsa", "Moscow", "RUVVO"):
        assert network.node_id(query) == resolve_node(network, query)
