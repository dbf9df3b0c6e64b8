"""Record or check the CLI's JSON output for a fixed set of queries.

The cases below cover every preset scenario, the options (alternatives, via,
avoid, optimise) and the compare command. The recorded outputs live in
``tests/fixtures/golden/``; ``tests/regression/test_cli_golden.py`` asserts the
CLI still prints them byte for byte, so a refactoring that changes a figure is
caught. A change that is meant to move the figures re-records them::

    python tools/cli_golden.py --update
"""

from __future__ import annotations

import argparse
import contextlib
import io
import sys
from pathlib import Path

GOLDEN_DIR = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "golden"

#: name -> CLI arguments (all with ``--format json``)
CASES: dict[str, list[str]] = {
    "innsa-rumow-k3": ["route", "INNSA", "RUMOW", "--alternatives", "3"],
    "innsa-ruled-red-sea": ["route", "INNSA", "RULED", "--scenario", "red-sea-closed", "-k", "3"],
    "innsa-ruled-hormuz": ["route", "INNSA", "RULED", "--scenario", "hormuz-closed", "-k", "2"],
    "innsa-rumow-rasht": ["route", "INNSA", "RUMOW", "--scenario", "rasht-astara-built", "-k", "2"],
    "inmaa-ruvvo-k3": ["route", "INMAA", "RUVVO", "-k", "3"],
    "nlrtm-ruvvo-nsr-summer": ["route", "NLRTM", "RUVVO", "--scenario", "nsr-summer", "-k", "2"],
    "nlrtm-ruvvo-nsr-winter": ["route", "NLRTM", "RUVVO", "--scenario", "nsr-winter-no-ice-class"],
    "rummk-ruvvo-arc7": ["route", "RUMMK", "RUVVO", "--scenario", "nsr-winter-arc7"],
    "innsa-nlrtm-slow": ["route", "INNSA", "NLRTM", "--scenario", "slow-steaming", "-k", "2"],
    "irbnd-rumow-cost": ["route", "IRBND", "RUMOW", "--optimize", "cost", "-k", "2"],
    "innsa-rumow-co2": ["route", "INNSA", "RUMOW", "--optimize", "co2"],
    "innsa-rumow-distance": ["route", "INNSA", "RUMOW", "--optimize", "distance"],
    "innsa-rumow-avoid-az": ["route", "INNSA", "RUMOW", "--avoid", "AZBAK", "--avoid", "suez", "-k", "2"],
    "innsa-ruled-via": ["route", "INNSA", "RULED", "--via", "NLRTM"],
    "nlrtm-ruvvo-no-route": [
        "route", "NLRTM", "RUVVO", "--scenario", "nsr-winter-no-ice-class",
        "--avoid", "rail", "--avoid", "suez", "--avoid", "cape-of-good-hope", "--avoid", "road",
    ],
    "unknown-node": ["route", "INNSA", "Moskva"],
    "compare-innsa-ruled": [
        "compare", "INNSA", "RULED",
        "--scenario", "baseline", "--scenario", "red-sea-closed", "--scenario", "rasht-astara-built",
    ],
    "innsa-rumow-geojson": ["route", "INNSA", "RUMOW", "-k", "2", "--format", "geojson"],
}


def run_case(args: list[str]) -> tuple[int, str]:
    """Run the CLI in-process and return its exit status and standard output."""
    from corridors.cli import main

    argv = list(args)
    if "--format" not in argv:
        argv += ["--format", "json"]
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        status = main(argv)
    return int(status or 0), out.getvalue()


def golden_text(status: int, output: str) -> str:
    """The recorded form of one case: its exit status, then its output."""
    return f"exit {status}\n{output}"


def main(argv: list[str] | None = None) -> int:
    """Check (default) or re-record (``--update``) every golden output."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--update", action="store_true", help="re-record the golden outputs")
    opts = parser.parse_args(argv)
    GOLDEN_DIR.mkdir(parents=True, exist_ok=True)
    differ = []
    for name, args in CASES.items():
        text = golden_text(*run_case(args))
        path = GOLDEN_DIR / f"{name}.txt"
        if opts.update:
            path.write_text(text, encoding="utf-8")
        elif not path.exists() or path.read_text(encoding="utf-8") != text:
            differ.append(name)
    if differ:
        print("differ from the recorded output: " + ", ".join(differ), file=sys.stderr)
        return 1
    print(f"{len(CASES)} cases {'recorded' if opts.update else 'identical'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
