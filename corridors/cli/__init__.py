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
import io
import sys
from collections.abc import Callable, Sequence
from typing import TextIO

from corridors._errors import CorridorsError, LimitError, ValidationError
from corridors.cli import failures, streams
from corridors.cli.calibrate import add_calibrate
from corridors.cli.common import (
    EXIT_CODES_HELP,
    EXIT_ERROR,
    EXIT_INVALID,
    EXIT_OK,
    alternatives_count,
    common_options,
    emit,
    network_of,
)
from corridors.cli.documents import document, references
from corridors.cli.plan_options import add_plan_options, planned
from corridors.network.loader import CORRIDOR_FILES, Network, get_path, load_network
from corridors.network.read import OPERATOR_LIMITS

__all__ = ["main"]


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
        Exit status: 0 on success, 1 when data is invalid, 2 on a usage error or any other
        error (see ``corridors --help``). Never a traceback: errors go to standard error
        only (dropped when it is closed, never written to standard output).
    """
    streams.prepare()
    try:
        return _run(argv)
    except BrokenPipeError:  # output piped into e.g. `head`, which stopped reading
        streams.silence(1)
        return EXIT_OK
    except KeyboardInterrupt:
        streams.write_error("interrupted")
        return 130


def _run(argv: Sequence[str] | None) -> int:
    parser = _build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:  # usage error or --help
        return exit_.code if isinstance(exit_.code, int) else EXIT_ERROR
    try:
        return args.func(args)
    except ValidationError as err:
        failures.report(err)
        return EXIT_INVALID
    except CorridorsError as err:
        streams.write_error(f"error: {err}")
        return EXIT_ERROR
    except (BrokenPipeError, KeyboardInterrupt):
        raise
    except Exception as err:  # noqa: BLE001 - a broken data file or a bug: a message, not a traceback
        return failures.unexpected(err)


def _build_parser() -> argparse.ArgumentParser:
    parser = failures.Parser(
        prog="corridors",
        description="Plan freight routes on the India-Russia transport corridors.",
        epilog=EXIT_CODES_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    common = common_options()
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for add in _SUBCOMMANDS:
        add(subparsers, common)
    return parser


# --------------------------------------------------------------------------
# validate


def _add_validate(subparsers: argparse._SubParsersAction, _common: argparse.ArgumentParser) -> None:
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
    network = load_network(paths, limits=OPERATOR_LIMITS) if args.files else load_network()
    emit(f"{len(paths)} files, {len(network.nodes)} nodes, {len(network.legs)} legs: valid\n")
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
    network = network_of(args)
    columns = network.nodes[["name", "country", "kind", "corridors"]]
    rows = [
        (str(node_id), str(name), str(country), str(kind), ", ".join(corridors))
        for node_id, name, country, kind, corridors in columns.itertuples(name=None)
    ]
    out = io.StringIO()
    if args.format == "csv":
        _write_csv(rows, out)
    else:
        _write_table(rows, out)
    emit(out.getvalue())
    return EXIT_OK


# --------------------------------------------------------------------------
# route, compare, scenarios (the routing engine; imported lazily so that
# `validate` and `nodes` stay fast)

_ROUTE_FORMATS = ("table", "csv", "json", "geojson", "xlsx", "html")


def _write_csv(rows: list[tuple[str, ...]], out: TextIO) -> None:
    """Write rows as CSV."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(_NODE_COLUMNS)
    writer.writerows(rows)


def _write_table(rows: list[tuple[str, ...]], out: TextIO) -> None:
    """Write rows as an aligned text table."""
    from corridors.report.text import text_table  # noqa: PLC0415

    out.write(text_table([_NODE_COLUMNS, *rows]))


def _add_engine_options(parser: argparse.ArgumentParser) -> None:
    """Options shared by ``route`` and ``compare``."""
    from corridors.routing.objectives import OBJECTIVES  # noqa: PLC0415

    parser.add_argument(
        "origin",
        metavar="ORIGIN",
        help="origin: node id or name (INNSA), place name (Ludhiana), UN/LOCODE (INLUH) or position lon,lat "
        "(75.85,30.90; for a negative longitude put -- before the places: -- -3.70,40.42 RUMOW)",
    )
    parser.add_argument(
        "destination", metavar="DESTINATION", help="destination, as ORIGIN (RUMOW, Kazan, 49.11,55.79)"
    )
    parser.add_argument(
        "--optimize", choices=OBJECTIVES, default="time", help="what to minimise (default: time)"
    )
    parser.add_argument(
        "--alternatives",
        "-k",
        type=alternatives_count,
        default=1,
        metavar="K",
        help="number of distinct routes, 1 to 10 (default 1)",
    )
    parser.add_argument(
        "--via", action="append", default=[], metavar="ID", help="pass through this node (repeatable)"
    )
    parser.add_argument(
        "--avoid",
        action="append",
        default=[],
        metavar="ID",
        help="avoid a chokepoint key (suez, hormuz, ...), corridor (nsr, instc, ...), mode (road, ...) "
        "or node id (repeatable)",
    )
    parser.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")
    add_plan_options(parser)


def _add_route(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser(
        "route",
        parents=[common],
        help="best route(s) between two nodes, with time, cost and CO2e per leg",
        description="Find the best multimodal route(s) between two nodes under a scenario. "
        "When no route exists, say why (exit status 0: no route is an answer).",
    )
    _add_engine_options(parser)
    parser.add_argument(
        "--scenario", metavar="NAME_OR_FILE", help="preset name (see `corridors scenarios`) or TOML file"
    )
    parser.add_argument(
        "--format", choices=_ROUTE_FORMATS, default="table", help="output format (default: table)"
    )
    parser.add_argument(
        "--table",
        choices=("legs", "summary"),
        default="legs",
        help="with --format csv: one row per leg (default) or one row of totals per route",
    )
    parser.add_argument(
        "--references",
        action="store_true",
        help="also list the named reference routes (INSTC branches, Suez, Cape, Black Sea, NSR, EMC ...) "
        "with their figures or why they are closed, out of season or slower",
    )
    parser.set_defaults(func=_cmd_route)


def _cmd_route(args: argparse.Namespace) -> int:
    import json  # noqa: PLC0415

    from corridors.model.presets import load_scenario  # noqa: PLC0415
    from corridors.report import export, tables  # noqa: PLC0415
    from corridors.report.text import route_text  # noqa: PLC0415
    from corridors.routing.endpoints import network_legs  # noqa: PLC0415
    from corridors.routing.route import route  # noqa: PLC0415

    network = network_of(args)
    scenario = planned(load_scenario(args.scenario, allow_path=True), args)  # the operator's own file system
    result = route(
        network,
        args.origin,
        args.destination,
        scenario=scenario,
        optimize=args.optimize,
        alternatives=args.alternatives,
        via=args.via,
        **_avoid_options(network, args.avoid),
    )
    if args.format == "json":
        text = export.routes_to_json(result) + "\n"
    elif args.format == "geojson":
        drawn = network_legs(result)  # the ends (terminal rows, first/last mile) have no geometry
        text = json.dumps(export.routes_to_geojson(drawn, network), ensure_ascii=False) + "\n"
    elif args.format == "csv":
        frame = tables.summary_table(result) if args.table == "summary" else tables.legs_table(result)
        text = export.to_csv(frame) or ""
    elif args.format in ("xlsx", "html"):
        text = document(args.format, result, network)
    else:
        text = route_text(result)
        if args.references:
            text += references(network, args, scenario)
    emit(text, args.output)
    return EXIT_OK


def _add_compare(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser(
        "compare",
        parents=[common],
        help="compare one origin-destination pair under several scenarios",
        description="Route one pair under each --scenario (default: every preset) "
        "and print one row per scenario and route.",
    )
    _add_engine_options(parser)
    parser.add_argument(
        "--scenario",
        action="append",
        default=[],
        metavar="NAME_OR_FILE",
        help="preset name or TOML file (repeatable; default: every preset)",
    )
    parser.add_argument(
        "--format", choices=("table", "csv", "json"), default="table", help="output format (default: table)"
    )
    parser.set_defaults(func=_cmd_compare)


def _cmd_compare(args: argparse.Namespace) -> int:
    from corridors.model.presets import load_scenario, presets  # noqa: PLC0415
    from corridors.report import compare, export  # noqa: PLC0415
    from corridors.report.text import compare_text  # noqa: PLC0415

    network = network_of(args)
    if len(args.scenario) > compare.MAX_SCENARIOS:  # before reading any file
        msg = (
            f"{len(args.scenario):,} scenarios to compare at once, "
            f"over the limit of {compare.MAX_SCENARIOS} (MAX_SCENARIOS)"
        )
        raise LimitError(msg)
    scenarios = [planned(load_scenario(item, allow_path=True), args) for item in args.scenario]  # operator's files
    if not scenarios and planned(load_scenario(None), args) is not load_scenario(None):
        scenarios = [planned(s, args) for s in presets().values()]  # every preset, with the planning options
    frame = compare.compare(
        network,
        args.origin,
        args.destination,
        scenarios or None,
        optimize=args.optimize,
        alternatives=args.alternatives,
        via=args.via,
        **_avoid_options(network, args.avoid),
    )
    if args.format == "csv":
        text = export.to_csv(frame) or ""
    elif args.format == "json":
        text = export.frame_to_json(frame) + "\n"
    else:
        text = compare_text(frame)
    emit(text, args.output)
    return EXIT_OK


def _add_scenarios(
    subparsers: argparse._SubParsersAction,
    common: argparse.ArgumentParser,  # noqa: ARG001 (needs no network)
) -> None:
    parser = subparsers.add_parser(
        "scenarios",
        help="list the preset scenarios, or print one as TOML",
        description="List the preset scenarios. With NAME, print that preset as TOML "
        "(a starting point for your own file).",
    )
    parser.add_argument("name", nargs="?", metavar="NAME", help="preset to print as TOML")
    parser.set_defaults(func=_cmd_scenarios)


def _cmd_scenarios(args: argparse.Namespace) -> int:
    from corridors.model.presets import load_scenario, presets  # noqa: PLC0415
    from corridors.report.text import text_table  # noqa: PLC0415

    if args.name:
        emit(load_scenario(args.name).to_toml())
        return EXIT_OK
    rows = [("name", "month", "ice class", "changes", "description")]
    for scenario in presets().values():
        fixed = ("name", "description", "month", "ice_class")
        changes = [key for key, value in scenario.to_dict().items() if key not in fixed and value]
        month = "" if scenario.month is None else str(scenario.month)
        rows.append((scenario.name, month, scenario.ice_class, ", ".join(changes), scenario.description))
    emit(text_table(rows))
    return EXIT_OK


def _avoid_options(network: Network, values: Sequence[str]) -> dict[str, list[str]]:
    """Sort --avoid values into chokepoints, corridors, modes and node ids."""
    from corridors.network import schema  # noqa: PLC0415

    keys = ("avoid", "avoid_chokepoints", "avoid_corridors", "avoid_modes")
    found: dict[str, list[str]] = {key: [] for key in keys}
    for value in values:
        if value in schema.CHOKEPOINTS:
            found["avoid_chokepoints"].append(value)
        elif value in schema.CORRIDORS:
            found["avoid_corridors"].append(value)
        elif value in schema.MODES:
            found["avoid_modes"].append(value)
        else:
            found["avoid"].append(network.node_id(value))
    return found


_SUBCOMMANDS: tuple[Callable[[argparse._SubParsersAction, argparse.ArgumentParser], None], ...] = (
    _add_validate,
    _add_nodes,
    _add_route,
    _add_compare,
    _add_scenarios,
    add_calibrate,
)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
