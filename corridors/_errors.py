"""Exceptions raised by the corridors package.

Every exception the library raises on purpose derives from
:class:`CorridorsError`, so callers (the CLI, the app) can catch one class and
show ``str(err)``, which is always a complete, readable message.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from corridors._validate import Problem

__all__ = ["CorridorsError", "LimitError", "UnknownNodeError", "ValidationError"]

_MAX_SUGGESTIONS = 5


class CorridorsError(Exception):
    """Base class of every error raised on purpose by corridors."""


class ValidationError(CorridorsError, ValueError):
    """Input data broke one or more rules.

    Parameters
    ----------
    problems
        The problems found (:class:`corridors._validate.Problem`), or a
        single message for a problem that has no file or feature.

    Attributes
    ----------
    problems
        Every problem found, in the order found.

    Notes
    -----
    ``str(err)`` has one line per problem.
    """

    def __init__(self, problems: Iterable[Problem] | str) -> None:
        from corridors._validate import Problem  # noqa: PLC0415 (import cycle)

        if isinstance(problems, str):
            problems = [Problem(source="", index=None, field=None, message=problems)]
        self.problems: list[Problem] = list(problems)
        super().__init__(self.problems)

    def __str__(self) -> str:
        if not self.problems:
            return "validation failed"
        return "\n".join(str(problem) for problem in self.problems)

    def __repr__(self) -> str:
        return f"ValidationError({len(self.problems)} problems)"


class UnknownNodeError(CorridorsError, LookupError):
    """A node id or name that is not in the network.

    Parameters
    ----------
    node_id
        The id or name that was asked for.
    suggestions
        Ids of the closest existing nodes, best first.
    names
        Optional mapping id -> name, used only to print the suggestions.

    Attributes
    ----------
    node_id
        The id or name that was asked for.
    suggestions
        Ids of the closest existing nodes, best first.
    """

    def __init__(
        self,
        node_id: object,
        suggestions: Sequence[str] = (),
        *,
        names: Mapping[str, str] | None = None,
    ) -> None:
        self.node_id = node_id
        self.suggestions = list(suggestions)
        self._names = dict(names or {})
        super().__init__(node_id)

    @classmethod
    def from_candidates(cls, node_id: object, names: Mapping[str, str]) -> UnknownNodeError:
        """Build the error, suggesting the closest ids and names.

        Parameters
        ----------
        node_id
            The unknown id or name.
        names
            Every known node, as id -> name.

        Returns
        -------
        error
            With ``suggestions`` filled from ``names``.
        """
        suggestions = suggest_ids(str(node_id), names)
        wanted = {id_: names[id_] for id_ in suggestions}
        return cls(node_id, suggestions, names=wanted)

    def __str__(self) -> str:
        message = f"unknown node {_short(self.node_id)}"
        if not self.suggestions:
            return message + "; no node has a similar id or name"
        shown = ", ".join(self._label(id_) for id_ in self.suggestions)
        return f"{message}; did you mean {shown}?"

    def _label(self, node_id: str) -> str:
        name = self._names.get(node_id)
        return f"{node_id!r} ({name})" if name else repr(node_id)


class LimitError(CorridorsError, ValueError):
    """A protective limit (size, count, iterations) was hit."""


def suggest_ids(query: str, names: Mapping[str, str], *, n: int = _MAX_SUGGESTIONS) -> list[str]:
    """Return the ids whose id or name best matches `query`.

    Parameters
    ----------
    query
        What the user typed.
    names
        Every known node, as id -> name.
    n
        Most suggestions returned.

    Returns
    -------
    ids
        Node ids, best first: substring matches, then close matches
        (difflib, case-insensitive) on ids and on names.
    """
    needle = query.strip().casefold()
    keys: dict[str, list[str]] = {}
    for id_, name in names.items():
        for key in (str(id_).casefold(), str(name).casefold()):
            keys.setdefault(key, []).append(id_)
    found: list[str] = []
    if needle:
        containing = [key for key in keys if needle in key]
        containing.sort(key=lambda key: -difflib.SequenceMatcher(None, needle, key).ratio())
        for key in containing:
            found.extend(keys[key])
    for key in difflib.get_close_matches(needle, list(keys), n=n, cutoff=0.6):
        found.extend(keys[key])
    return list(dict.fromkeys(found))[:n]


def _short(value: object, limit: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."
