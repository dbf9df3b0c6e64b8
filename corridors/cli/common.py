"""What every ``corridors`` subcommand shares: exit codes, the network options, output.

Exit codes (documented in the README and in ``corridors --help``): 0 success
(no route is an answer), 1 invalid data (a file or scenario with problems,
including a bundled data file that is missing or corrupt), 2 a usage error
(an unknown option or node, a value out of range such as ``-k 0`` or
``-k 11``) or any other error (output that cannot be written).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from corridors._errors import CorridorsError
from corridors._paths import DATA_DIR
from corridors._text import describe
from corridors.cli.streams import write_file, write_stdout
from corridors.network.loader import Network, load_network
from corridors.network.read import OPERATOR_LIMITS

__all__ = [
    "EXIT_CODES_HELP",
    "EXIT_ERROR",
    "EXIT_INVALID",
    "EXIT_OK",
    "EXIT_USAGE",
    "alternatives_count",
    "bundled_name",
    "common_options",
    "emit",
    "network_of",
]

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_ERROR = 2
EXIT_USAGE = EXIT_ERROR  # a usage error shares the status of any other error (argparse's own)

EXIT_CODES_HELP = """\
exit status:
  0  success (no route between the places is an answer, not an error)
  1  invalid data: a GeoJSON or scenario file with problems, a --scenario that
     names neither a preset nor a file, or a data file bundled with the
     package (defaults.toml, ice.toml, a preset, ...) missing or corrupt
  2  usage error (an unknown option or node, a value out of range such as
     --alternatives 0 or 11, a malformed --departure) or another error
     (the output cannot be written)
Errors go to standard error only; -o FILE is replaced only once it is
complete (the old file survives a failed write)."""


def alternatives_count(text: str) -> int:
    """``--alternatives``: a whole number from 1 to MAX_ALTERNATIVES, else a usage error (status 2)."""
    from corridors.routing.route import check_alternatives  # noqa: PLC0415

    try:
        value = int(text)
    except ValueError:
        msg = f"not a whole number: {describe(text)}"
        raise argparse.ArgumentTypeError(msg) from None
    try:
        return check_alternatives(value)
    except CorridorsError as err:
        raise argparse.ArgumentTypeError(str(err)) from None


def bundled_name(path: str) -> str | None:
    """`path` inside the package's data folder (``defaults.toml``, ``scenarios/baseline.toml``), or None."""
    try:
        return Path(path).resolve().relative_to(DATA_DIR).as_posix()
    except (ValueError, OSError, RuntimeError):
        return None


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


def emit(text: str | bytes, output: str | None = None) -> None:
    """Write `text` to standard output or, atomically, to the file `output` (bytes: only to a file).

    Raises
    ------
    corridors.cli.streams.OutputError
        Standard output closed or failing, or `output` not writable (the old
        file is then unchanged).
    BrokenPipeError
        The reader of standard output stopped.
    """
    if output is None:
        if isinstance(text, bytes):
            msg = "this format is a binary file: give -o FILE"
            raise CorridorsError(msg)
        write_stdout(text)
    else:
        write_file(output, text)
