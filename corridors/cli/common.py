"""What every ``corridors`` subcommand shares: exit codes, the network options, output.

Exit codes (documented in the README): 0 success (no route is an answer),
1 invalid data (a file or scenario with problems), 2 any other error,
including a usage error.
"""

from __future__ import annotations

import argparse
import sys

from corridors._errors import CorridorsError
from corridors.network.loader import Network, load_network
from corridors.network.read import OPERATOR_LIMITS

__all__ = [
    "EXIT_ERROR",
    "EXIT_INVALID",
    "EXIT_OK",
    "common_options",
    "emit",
    "network_of",
]

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_ERROR = 2


def common_options() -> argparse.ArgumentParser:
    """Options shared by the commands that use the network."""
    common = argparse.ArgumentParser(add_help=False)
    group = common.add_argument_group("network data")
    group.add_argument(
        "--data",
        metavar="FILE",
        action="append",
        help="read this GeoJSON file instead of the bundled ones (repeatable)",
    )
    group.add_argument(
        "--extra",
        metavar="FILE",
        action="append",
        help="add this GeoJSON file to the network (repeatable)",
    )
    return common


def network_of(args: argparse.Namespace) -> Network:
    """Return the network selected by ``--data`` / ``--extra``."""
    # the operator's own files: national networks are allowed (an app upload keeps the strict limits)
    network = load_network(args.data, limits=OPERATOR_LIMITS) if args.data else load_network()
    if args.extra:
        network = network.with_extra(*args.extra, limits=OPERATOR_LIMITS)
    return network


def emit(text: str, output: str | None) -> None:
    """Write `text` to standard output or to the file `output`."""
    if output is None:
        sys.stdout.write(text)
        return
    try:
        with open(output, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
    except (OSError, ValueError) as err:  # ValueError: e.g. an embedded NUL in the name
        reason = err.strerror if isinstance(err, OSError) and err.strerror else str(err)
        shown = repr(output) if len(output) <= 100 else repr(output[:97] + "...")  # noqa: PLR2004
        msg = f"cannot write {shown}: {reason}"
        raise CorridorsError(msg) from None
