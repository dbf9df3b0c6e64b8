"""Find a node from what a user typed: one rule for the CLI, the app and the library."""

from __future__ import annotations

import re
from collections.abc import Mapping

from corridors._errors import UnknownNodeError

__all__ = ["MIN_PART", "match_node"]

MIN_PART = 4
"""Shortest query matched against a part of a node's name."""


def match_node(query: object, names: Mapping[str, str]) -> str:
    """Return the node id that `query` names.

    The rule, in order: the id itself; else the one id equal to it ignoring
    case and surrounding spaces; else the one node whose name is; else the
    one node whose name contains it as whole words (at least :data:`MIN_PART`
    characters: "Nhava Sheva" is "Jawaharlal Nehru Port (Nhava Sheva)"). A query that
    matches several ids or names is not guessed at.

    Parameters
    ----------
    query : object
        What the user typed (``"INNSA"``, ``"innsa"``, ``"Moscow"``); anything
        that is not text never matches.
    names : Mapping[str, str]
        Every known node, as id -> name.

    Returns
    -------
    str
        The node id.

    Raises
    ------
    UnknownNodeError
        When nothing (or more than one node) matches; it suggests the
        closest ids and names.
    """
    if isinstance(query, str):
        if query in names:
            return query
        folded = query.strip().casefold()
        for key in (lambda k: str(k).casefold(), lambda k: str(names[k]).casefold()):
            matches = [node_id for node_id in names if key(node_id) == folded]
            if len(matches) == 1:
                return matches[0]
        if len(folded) >= MIN_PART:
            words = re.compile(rf"(?<!\w){re.escape(folded)}(?!\w)")  # whole words: "Dera" is not in "Hyderabad"
            matches = [node_id for node_id in names if words.search(str(names[node_id]).casefold())]
            if len(matches) == 1:
                return matches[0]
    raise UnknownNodeError.from_candidates(query, names)
