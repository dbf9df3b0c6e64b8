"""Published claims beside the model's figures for the same route (issue 11 #7: like with like)."""

from __future__ import annotations

import dataclasses

import pytest

from corridors.network.loader import load_network
from corridors.report.claims import load_claims
from corridors.report.claims_compare import FRAME_COLUMNS, ClaimRow, claims_frame, compare_claims
from corridors.report.route_match import RouteCondition, leg_chokepoints


@pytest.fixture(scope="module")
def net():
    return load_network()


@pytest.fixture(scope="module")
def rows(net):
    return compare_claims(net)


def _row(rows, start):
    return next(r for r in rows if r.claim.claim.startswith(start))


def test_each_bundled_claim_resolves_to_a_route_meeting_its_condition(net, rows):
    chokepoints = leg_chokepoints(net)
    assert len(rows) == len(load_claims())
    for row in rows:
        assert row.reason is None and row.label is not None, f"{row.claim.claim}: {row.reason}"
        cond = row.claim.condition
        assert cond.label in (None, row.label) and all(t in row.label for t in cond.label_contains), row
        passed = set().union(*(chokepoints.get(leg, ()) for leg in row.leg_ids))
        assert set(cond.chokepoints) <= passed, (row.claim.claim, passed)
        assert row.distance_km > 0 and row.p10_days <= row.p50_days <= row.p90_days
        assert row.cost_p10_usd <= row.cost_usd <= row.cost_p90_usd


def test_a_claim_about_the_suez_route_is_never_matched_to_an_instc_route(net, rows):
    chokepoints = leg_chokepoints(net)
    about_suez = [r for r in rows if "Suez" in r.claim.claim]
    assert len(about_suez) >= 6
    for row in about_suez:
        assert "INSTC" not in row.label and "Suez" in row.label, (row.claim.claim, row.label)
        assert "suez" in set().union(*(chokepoints.get(leg, ()) for leg in row.leg_ids)), row.claim.claim
    for row in (r for r in rows if r.claim.claim.startswith(("INSTC", "Mumbai–St Petersburg via the INSTC"))):
        assert "INSTC" in row.label and "Suez" not in row.label


def test_the_issue_s_three_mismatches_now_compare_like_with_like(rows):
    # "Suez route Mumbai-Moscow ~16,000 km" sat beside INSTC western (6,372 km)
    suez = _row(rows, "Suez route Mumbai–Moscow")
    assert suez.label == "Suez" and suez.distance_km == pytest.approx(16_000, rel=0.15)
    assert suez.delta_km == pytest.approx(suez.distance_km - 16_000)
    # "St Petersburg-Vladivostok via Suez 23,200 km" sat beside the Trans-Siberian
    far = _row(rows, "St Petersburg–Vladivostok via Suez")
    assert "Suez" in far.label and "Trans-Siberian" not in far.label
    assert far.distance_km == pytest.approx(23_200, rel=0.1)
    # "India-Rotterdam via the Cape 30-33 d" sat beside INSTC western
    cape = _row(rows, "India–Rotterdam via the Cape")
    assert cape.label == "Cape" and cape.claim.scenario == "red-sea-closed"
    assert cape.days_overlap is True and abs(cape.delta_days) < 3
    nsr = _row(rows, "St Petersburg–Vladivostok by the NSR")
    assert nsr.label == "NSR" and nsr.distance_km < far.distance_km, "the NSR is the shorter sea route"


def test_differences_and_overlaps(rows):
    instc = rows[0]
    assert instc.delta_days == pytest.approx(instc.p50_days - 27.5)
    assert instc.delta_usd == pytest.approx(instc.cost_usd - 3400)
    low, high = instc.claim.days
    assert instc.days_overlap is (max(low, instc.p10_days) <= min(high, instc.p90_days))
    only_km = _row(rows, "Rotterdam–Yokohama via Suez")
    assert only_km.delta_days is None and only_km.days_overlap is None and only_km.usd_overlap is None
    far = dataclasses.replace(rows[0], p10_days=40.0, p50_days=45.0, p90_days=50.0)
    assert far.days_overlap is False and far.delta_days == pytest.approx(17.5)


def _no_none(frame):
    assert not frame.isna().to_numpy().any()
    for column in frame.columns:
        for value in frame[column]:
            assert isinstance(value, str) and value.strip(), (column, value)
            assert value.casefold() not in ("none", "nan", "<na>") and "None" not in value, (column, value)


def test_the_frame_sets_published_beside_model_and_never_shows_none(net, rows):
    frame = claims_frame(rows, dict(net.nodes["name"]))
    assert tuple(frame.columns) == FRAME_COLUMNS and len(frame) == len(rows)
    _no_none(frame)
    suez = frame[frame["Claim"].str.startswith("Suez route Mumbai–Moscow")].iloc[0]
    assert suez["Model route"] == "Suez" and "via Saint Petersburg" in suez["Route it is about"]
    assert suez["Trip"] == "Jawaharlal Nehru Port (Nhava Sheva) → Moscow"
    assert suez["Published km"] == "16,000" and suez["Difference km (model - published)"].startswith("-")
    assert suez["Model USD/TEU P50 (P10-P90)"].count(",") >= 2 and suez["Source"].startswith("FIEO")
    nm = frame[frame["Claim"].str.startswith("Rotterdam–Yokohama by the NSR")].iloc[0]
    assert nm["Published km"] == "13,603 (7,345 nm)" and nm["Published days"] == "—" and nm["Model USD/TEU P50 (P10-P90)"] == "—"
    assert set(frame["Published days overlap P10-P90"]) <= {"yes", "no", "—"}


def test_a_claim_the_model_cannot_route_gives_the_reason(net):
    claim = load_claims()[1]
    odd = [
        dataclasses.replace(claim, condition=RouteCondition(label="Atlantis express")),
        dataclasses.replace(claim, origin="XXNOPE"),
        dataclasses.replace(claim, scenario="no-such-preset"),
    ]
    rows = compare_claims(net, claims=odd)
    assert all(isinstance(r, ClaimRow) and r.label is None for r in rows)
    assert "none of the model's" in rows[0].reason and "'Atlantis express'" in rows[0].reason
    assert "XXNOPE not in this network" in rows[1].reason
    assert "unknown preset scenario 'no-such-preset'" in rows[2].reason
    frame = claims_frame(rows)
    _no_none(frame)
    assert frame["Model route"].str.startswith("no figure: ").all()
    assert (frame["Model km"] == "—").all() and (frame["Published days overlap P10-P90"] == "—").all()
    assert claims_frame([]).columns.tolist() == list(FRAME_COLUMNS)
