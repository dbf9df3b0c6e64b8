"""The deck's JSON: compact, and spliced from layers serialized once.

streamlit sends whatever a deck's ``to_json`` returns. :class:`CompactDeck`
writes it without indentation in one pass; :class:`SplicedDeck` puts layers
serialized earlier (:func:`layers_json`, cached by the app) in front of its
own, so a page load does not serialize the network's records again.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import pydeck as pdk
from pydeck.bindings.json_tools import default_serialize

__all__ = ["CompactDeck", "SplicedDeck", "deck_json_size", "layers_json"]


class CompactDeck(pdk.Deck):
    """A ``pydeck.Deck`` whose JSON has no indentation.

    ``pydeck.Deck.to_json`` indents by two spaces, which more than doubles the
    size of coordinate arrays; streamlit sends whatever ``to_json`` returns.
    """

    def to_json(self) -> str:
        """The deck spec as compact JSON (same content as ``pydeck``'s), in one pass.

        pydeck's own ``to_json`` indents (which forces Python's slow pure-Python
        encoder) and this class used to re-read and re-write that: one compact
        ``json.dumps`` with pydeck's serializer gives the same bytes about 3.5x
        faster, most of a fresh page load's server time (benchmarks/bench_load.py).
        """
        return json.dumps(self, sort_keys=True, default=default_serialize, separators=(",", ":"), ensure_ascii=False)


def layers_json(layers: Sequence[pdk.Layer]) -> str:
    """Layers serialized once, as the comma-separated members of a deck's ``layers`` array (see :class:`SplicedDeck`).

    The same bytes :meth:`CompactDeck.to_json` writes for these layers.
    """
    return json.dumps(list(layers), sort_keys=True, default=default_serialize, separators=(",", ":"), ensure_ascii=False)[1:-1]


class SplicedDeck(CompactDeck):
    """A compact deck whose first layers arrive already serialized (:func:`layers_json`).

    The map of a route is the same for every planner who asks for it; only
    the view (the planner's zoom) and the labels decluttered for that view
    differ. The caller caches the serialized layers; this deck writes its
    own few layers and splices the cached text in front of them, so a page
    load does not serialize hundreds of kilobytes of records again. The
    spec is written when the deck is built (later changes to it are not
    seen).
    """

    def __init__(self, *, prebuilt_layers: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        text = CompactDeck.to_json(self)
        marker = '"layers":['  # a top-level key: inside a string it would be escaped (\\")
        at = text.index(marker) + len(marker)
        joiner = "," if self.layers and prebuilt_layers else ""
        self.spec = text[:at] + prebuilt_layers + joiner + text[at:]

    def to_json(self) -> str:
        """The deck spec, fixed when the deck was built: its own layers after the prebuilt ones.

        Built once, the deck can be shared: the app hands the same deck to
        every session that looks at the same map from the same view.
        """
        return self.spec


def deck_json_size(deck: pdk.Deck) -> int:
    """Bytes of the deck's JSON spec (what is sent to the browser)."""
    return len(deck.to_json().encode("utf-8"))
