"""``corridors route`` outputs beyond text: the Excel workbook, the HTML report, the reference routes."""

from __future__ import annotations

import argparse

from corridors.network.loader import Network

__all__ = ["document", "references"]


def document(kind: str, result: object, network: Network) -> str | bytes:
    """The route set as an Excel workbook (bytes) or a one-page HTML report."""
    if kind == "xlsx":
        from corridors.report.workbook import route_workbook  # noqa: PLC0415

        return route_workbook(result)
    from corridors.report.html_report import route_report  # noqa: PLC0415

    return route_report(result, network)


def references(network: Network, args: argparse.Namespace, scenario: object) -> str:
    """The named reference routes, one line each."""
    from corridors.routing.reference import reference_routes  # noqa: PLC0415

    found = reference_routes(network, args.origin, args.destination, scenario=scenario, optimize=args.optimize)
    return "\nreference routes:\n" + "".join(f"  {item.summary}\n" for item in found)
