"""Command-line interface: ``corridors <command> ...``.

Adding a subcommand
-------------------
Write ``_add_<name>(subparsers, common)`` that registers the parser (pass
``parents=[common]`` to get ``--data``/``--extra``) and sets
``func=_cmd_<name>``; write ``_cmd_<name>(args) -> int``; append
``_add_<name>`` to ``_SUBCOMMANDS``. Use :func:`_network` to get the network
the options ask for. Raise :class:`~corridors.CorridorsError` for user
errors: :func:`main` prints ``error: <message>`` and returns 2 (1 for a
:class:`~corridors.ValidationError`); never print a traceback.
"""

from __future__ import annotations

import argparse
import csv
import os
import sys
from collections.abc import Callable, Sequence
from typing import TextIO

from corridors._errors import CorridorsError, ValidationError
from corridors.datasets import CORRIDOR_FILES, Network, get_path, load_network

__all__ = ["main"]

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_ERROR = 2

_NODE_COLUMNS = ("id", "name", "country", "kind", "corridors")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``corridors`` command.

    Parameters
    ----------
    argv
        Arguments without the program name; default ``sys.argv[1:]``.

    Returns
    -------
    status
        Exit status: 0 on success, 1 when data is invalid, 2 on any other error (including
        a usage error).
    """
    parser = _build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:  # usage error or --help
        return exit_.code if isinstance(exit_.code, int) else EXIT_ERROR
    try:
        return args.func(args)
    except ValidationError as err:
        count = len(err.problems)
        print(f"error: {count} problem{'s' if count != 1 else ''} found:", file=sys.stderr)
        print(err, file=sys.stderr)
        return EXIT_INVALID
    except CorridorsError as err:
        print(f"error: {err}", file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:  # output piped into e.g. `head`, which stopped reading
        _silence_stdout()
        return EXIT_OK


def _silence_stdout() -> None:
    """Point stdout at /dev/null so Python's exit-time flush does not fail again."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # stdout is not a real file (tests)
        pass
    finally:
        os.close(devnull)


def _build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="corridors",
        description="Plan freight routes on the India-Russia transport corridors.",
    )
    common = _common_options()
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for add in _SUBCOMMANDS:
        add(subparsers, common)
    return parser


def _common_options() -> argparse.ArgumentParser:
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


def _network(args: argparse.Namespace) -> Network:
    """Return the network selected by ``--data`` / ``--extra``."""
    network = load_network(args.data) if args.data else load_network()
    if args.extra:
        network = network.with_extra(*args.extra)
    return network


# --------------------------------------------------------------------------
# validate


def _add_validate(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser(
        "validate",
        help="check corridor GeoJSON files and report every problem",
        description="Check GeoJSON files together (default: the bundled files: "
        + ", ".join(CORRIDOR_FILES)
        + "). Exit status 0 when valid, 1 with the full report on stderr otherwise.",
    )
    parser.add_argument("files", nargs="*", metavar="FILE", help="GeoJSON files to check together")
    parser.set_defaults(func=_cmd_validate)


def _cmd_validate(args: argparse.Namespace) -> int:
    paths = args.files or [get_path(name) for name in CORRIDOR_FILES]
    network = load_network(paths) if args.files else load_network()
    print(f"{len(paths)} files, {len(network.nodes)} nodes, {len(network.legs)} legs: valid")
    return EXIT_OK


# --------------------------------------------------------------------------
# nodes


def _add_nodes(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser(
        "nodes",
        parents=[common],
        help="list the network's nodes",
        description="List node id, name, country, kind and corridors.",
    )
    parser.add_argument("--format", choices=("table", "csv"), default="table", help="output format")
    parser.set_defaults(func=_cmd_nodes)


def _cmd_nodes(args: argparse.Namespace) -> int:
    network = _network(args)
    columns = network.nodes[["name", "country", "kind", "corridors"]]
    rows = [
        (str(node_id), str(name), str(country), str(kind), ", ".join(corridors))
        for node_id, name, country, kind, corridors in columns.itertuples(name=None)
    ]
    if args.format == "csv":
        _write_csv(rows, sys.stdout)
    else:
        _write_table(rows, sys.stdout)
    return EXIT_OK


def _write_csv(rows: list[tuple[str, ...]], out: TextIO) -> None:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(_NODE_COLUMNS)
    writer.writerows(rows)


def _write_table(rows: list[tuple[str, ...]], out: TextIO) -> None:
    table = [_NODE_COLUMNS, *rows]
    widths = [max(len(row[i]) for row in table) for i in range(len(_NODE_COLUMNS))]
    for row in table:
        out.write("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip() + "\n")


_SUBCOMMANDS: tuple[Callable[[argparse._SubParsersAction, argparse.ArgumentParser], None], ...] = (
    _add_validate,
    _add_nodes,
)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
