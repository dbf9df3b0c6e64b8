"""``corridors calibrate``: the model against every published benchmark of the calibration table."""

from __future__ import annotations

import argparse

from corridors.cli.common import EXIT_INVALID, EXIT_OK, emit, network_of

__all__ = ["add_calibrate"]


def add_calibrate(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Register ``calibrate``."""
    parser = subparsers.add_parser(
        "calibrate",
        parents=[common],
        help="the model's P10-P50-P90 beside every published benchmark (corridors/data/calibration.toml)",
        description="Route every benchmark of the calibration table and print its source, the published "
        "band, the model's P10-P50-P90 days, whether the band and the model's window overlap and "
        "whether the P50 is within the band or 15%% of its nearest end. Exit status 1 when a "
        "benchmark fails and --strict is given.",
    )
    parser.add_argument("--format", choices=("table", "csv"), default="table", help="output format")
    parser.add_argument("--strict", action="store_true", help="exit 1 when any benchmark fails")
    parser.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")
    parser.set_defaults(func=_cmd_calibrate)


def _cmd_calibrate(args: argparse.Namespace) -> int:
    from corridors.report import export  # noqa: PLC0415
    from corridors.report.calibration import calibrate, calibration_frame  # noqa: PLC0415
    from corridors.report.text import text_table  # noqa: PLC0415

    rows = calibrate(network_of(args))
    frame = calibration_frame(rows)
    if args.format == "csv":
        text = export.to_csv(frame) or ""
    else:
        table = [tuple(str(c) for c in frame.columns)]
        table.extend(tuple("" if v is None or v != v else str(v) for v in row) for row in frame.itertuples(index=False))
        passed = sum(row.passed for row in rows)
        text = text_table(table) + f"\n{passed} of {len(rows)} benchmarks pass (band overlaps P10-P90 and P50 within 15%)\n"
    emit(text, args.output)
    return EXIT_INVALID if args.strict and not all(row.passed for row in rows) else EXIT_OK
