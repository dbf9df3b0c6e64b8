"""Plain-text tables for a terminal: the CLI's ``--format table`` output."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

    from corridors.routing.results import RouteSet

__all__ = ["compare_text", "route_text", "text_table"]


def route_text(result: RouteSet) -> str:
    """The CLI's plain-text answer: each route's totals, then its legs as a table.

    Parameters
    ----------
    result : RouteSet
        What :func:`corridors.routing.route.route` found.

    Returns
    -------
    str
        Lines ending in a newline; the reason when no route exists.
    """
    via = f"   via: {', '.join(result.via)}" if result.via else ""
    lines = [
        f"{result.origin_name} ({result.origin}) -> {result.destination_name} ({result.destination})",
        f"scenario: {result.scenario}   optimize: {result.optimize}{via}",
    ]
    if not result.routes:
        lines.append(str(result.infeasible_reason))
        return "\n".join(lines) + "\n"
    for rank, found in enumerate(result.routes, start=1):
        t = found.totals
        lines.append("")
        lines.append(f"{rank}. {found.label}")
        lines.append(
            f"   {t.distance_km:,.0f} km ({t.distance_nm:,.0f} nm) | {t.p50_days:.1f} days P50 "
            f"(P10 {t.p10_days:.1f} - P90 {t.p90_days:.1f}; likely moving {t.moving_h / 24:.1f}, "
            f"dwell {t.dwell_h / 24:.1f}) | USD {t.cost_usd:,.0f}/TEU | {t.co2e_kg:,.0f} kg CO2e/TEU"
        )
        if t.arrival_p50 is not None:
            lines.append(
                f"   departs {found.departure:%d %b %Y}, arrives {t.arrival_p50:%d %b %Y} "
                f"(P10 {t.arrival_p10:%d %b} - P90 {t.arrival_p90:%d %b %Y})"
            )
        rows = [
            ("#", "from", "to", "mode", "km", "moving_h", "dwell_h", "cost_usd", "co2e_kg", "dwell at end")
        ]
        for number, leg in enumerate(found.legs, start=1):
            rows.append(
                (
                    str(number),
                    leg.from_id,
                    leg.to_id,
                    leg.mode,
                    f"{leg.distance_km:,.0f}",
                    f"{leg.moving_h:.1f}",
                    f"{leg.dwell_h:.1f}",
                    f"{leg.cost_usd:,.0f}",
                    f"{leg.co2e_kg:,.0f}",
                    "; ".join(d.description for d in leg.dwell),
                )
            )
        lines.extend("   " + line for line in text_table(rows).splitlines())
    for note in result.notes:
        lines.append(f"note: {note}")
    return "\n".join(lines) + "\n"


def compare_text(frame: pd.DataFrame) -> str:
    """The CLI's plain-text comparison: one row per scenario and route.

    Parameters
    ----------
    frame : pandas.DataFrame
        A table from :func:`corridors.report.compare.compare`.

    Returns
    -------
    str
    """
    rows = [("scenario", "#", "route", "km", "days P50", "P10", "P90", "USD/TEU", "kg CO2e", "reason")]
    for row in frame.itertuples(index=False):
        if not row.feasible:
            rows.append((row.scenario, "", "no route", "", "", "", "", "", "", str(row.reason)))
            continue
        rows.append(
            (
                row.scenario,
                str(row.rank),
                row.route,
                f"{row.distance_km:,.0f}",
                f"{row.p50_days:.1f}",
                f"{row.p10_days:.1f}",
                f"{row.p90_days:.1f}",
                f"{row.cost_usd:,.0f}",
                f"{row.co2e_kg:,.0f}",
                "",
            )
        )
    return text_table(rows)


def text_table(rows: list[tuple[str, ...]]) -> str:
    """Left-aligned columns two spaces apart, trailing spaces trimmed.

    Parameters
    ----------
    rows : list of tuple of str
        The header row, then the data rows (all the same length).

    Returns
    -------
    str
    """
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)) for row in rows)
    return "".join(line.rstrip() + "\n" for line in lines)
