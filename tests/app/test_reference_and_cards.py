"""Explorer: summary cards, the what-changed line, reference routes, via and avoid; the compare page's change lines."""

from __future__ import annotations

from app_helpers import assert_clean


def _cards(at):
    found = [m.value for m in at.markdown if "corr-cards" in m.value]
    assert len(found) == 1, "one block of cards"
    return found[0]


_FIRST_COLUMN = {"summary_table": "alternative", "reference_table": "reference"}


def _frame(at, key):
    """The dataframe whose first column is the table's (a table without selection carries no key)."""
    for df in at.dataframe:
        if list(df.value.columns[:1]) == [_FIRST_COLUMN[key]]:
            return df
    raise AssertionError(f"no dataframe {key}")


def test_cards_change_line_and_references_red_sea_closed(make_app):
    at = make_app(origin="INNSA", destination="RULED", scenario="red-sea-closed")
    assert_clean(at)
    cards = _cards(at)
    for title in ("Best route", "Transit P50", "Cost P50", "CO2e P50"):
        assert f'<div class="k">{title}</div>' in cards
    assert "INSTC western" in cards and "27.9 days" in cards and "P10–P90 25.5–30.3 days" in cards
    assert "Arrival P50" not in cards  # no departure date
    infos = [i.value for i in at.info]
    changed = [v for v in infos if "What changed against baseline" in v]
    assert len(changed) == 1
    assert "Suez and Bab\\-el\\-Mandeb closed" in changed[0] and "Suez \\+ Black Sea no longer among the routes shown" in changed[0]
    refs = _frame(at, "reference_table").value.set_index("reference")
    assert refs.loc["Suez", "status"] == "closed" and refs.loc["Suez", "note"] == "Suez and Bab-el-Mandeb closed"
    assert refs.loc["Cape", "status"] == "open" and 40 < refs.loc["Cape", "p50_days"] < 55
    assert refs.loc["INSTC western", "status"] == "#1 above"
    # the summary's key columns come first (route, P50, cost, CO2e: they fit a phone)
    summary = _frame(at, "summary_table")
    assert list(summary.proto.column_order)[:4] == ["alternative", "p50_days", "cost_usd", "co2e_kg"]


def test_baseline_has_no_change_line_and_arrival_card_with_departure(make_app):
    at = make_app(origin="INMAA", destination="RUVVO")
    assert_clean(at)
    assert not [i for i in at.info if "What changed" in i.value]
    refs = _frame(at, "reference_table").value.set_index("reference")
    assert refs.loc["Suez + Trans-Siberian", "route"] == "Suez + Trans-Siberian"
    assert refs.loc["Suez + Trans-Siberian", "p50_days"] > refs.loc["EMC", "p50_days"]
    import datetime

    at.date_input(key="departure").set_value(datetime.date(2026, 8, 1)).run()
    assert_clean(at)
    cards = _cards(at)
    assert '<div class="k">Arrival P50</div>' in cards and "Aug 2026" in cards


def test_via_and_avoid_change_the_routes(make_app):
    at = make_app(origin="INNSA", destination="RULED")
    assert_clean(at)
    summary = _frame(at, "summary_table").value
    assert summary["route"].iloc[0] == "INSTC western"
    assert not [m for m in at.multiselect if m.key == "via"], "the pickers are drawn only when the switch is on"
    at.toggle(key="show_ways").set_value(True).run()
    at.multiselect(key="avoid_corridors").set_value(["instc"]).run()
    assert_clean(at)
    routes = list(_frame(at, "summary_table").value["route"])
    assert routes and not any("INSTC" in r for r in routes)
    at.multiselect(key="avoid_corridors").set_value([]).run()
    at.multiselect(key="via").set_value(["SEA-BOSPORUS"]).run()
    assert_clean(at)
    assert _frame(at, "summary_table").value["route"].iloc[0] == "Suez + Black Sea"
    # avoiding the origin is refused with the reason, never a traceback
    at.multiselect(key="via").set_value([]).run()
    at.multiselect(key="avoid").set_value(["INNSA"]).run()
    assert not at.exception
    assert any("cannot avoid" in e.value for e in at.error) or any("cannot avoid" in c.value for c in at.code)
    # off again: nothing avoided, the best route is back
    at.toggle(key="show_ways").set_value(False).run()
    assert_clean(at)
    assert _frame(at, "summary_table").value["route"].iloc[0] == "INSTC western"


def test_compare_page_change_lines(make_app):
    at = make_app(page="compare")
    at.selectbox(key="origin").set_value("INNSA")
    at.selectbox(key="destination").set_value("NLRTM")
    at.radio(key="optimize").set_value("cost")
    at.run()
    assert_clean(at)
    changed = [i.value for i in at.info if "What changed against baseline" in i.value]
    assert len(changed) == 1
    assert "red\\-sea\\-closed: Suez and Bab\\-el\\-Mandeb closed → best route now Cape \\(was Suez\\)" in changed[0]
    assert "hormuz\\-closed: Hormuz closed → best route unchanged \\(Suez\\)" in changed[0]
