"""The published-claims file (corridors/data/claims.toml) and its loader: each claim tied to the route it is about."""

from __future__ import annotations

import pytest

from corridors import ValidationError
from corridors.network import schema
from corridors.network.geodesy import KM_PER_NM
from corridors.report.claims import CLAIMS_PATH, Claim, load_claims
from corridors.report.route_match import RouteCondition


def test_bundled_claims_load_and_name_known_trips_and_routes():
    from corridors.model.presets import presets
    from corridors.network.loader import load_network

    claims = load_claims()
    assert len(claims) >= 14 and all(isinstance(c, Claim) for c in claims)
    assert load_claims() is claims, "read once"
    net = load_network()
    for claim in claims:
        assert claim.origin in net.nodes.index and claim.destination in net.nodes.index, claim
        assert claim.scenario in presets(), claim
        assert claim.source and claim.claim
        assert claim.condition, f"{claim.claim}: not tied to a route"
        assert set(claim.condition.chokepoints) <= set(schema.CHOKEPOINTS)
        assert claim.published_km or claim.days or claim.usd_per_teu, f"{claim.claim}: no published figure"
        assert all(node in net.nodes.index for node in dict(claim.route_options).get("via", ()))
    first = claims[0]
    assert (first.origin, first.destination, first.published_km, first.published_days) == ("INNSA", "RUMOW", 7200.0, "25–30")
    assert first.days == (25.0, 30.0) and first.usd_per_teu == (3400.0, 3400.0)
    assert first.condition == RouteCondition(label_contains=("INSTC",), chokepoints=("hormuz",))
    nsr = next(c for c in claims if c.origin == "NLRTM" and c.condition.label == "NSR")
    assert nsr.published_km == pytest.approx(7345 * KM_PER_NM) and nsr.published_nm == 7345, "nautical miles are converted"


def test_the_issue_s_three_claims_name_their_own_route():
    """Issue 11: each of these sat beside the model's INSTC or Trans-Siberian figure."""
    by_text = {c.claim: c for c in load_claims()}
    suez = next(c for text, c in by_text.items() if text.startswith("Suez route Mumbai–Moscow"))
    assert suez.condition.label_contains == ("Suez",) and "suez" in suez.condition.chokepoints
    assert dict(suez.route_options)["via"] == ("RULED",), "round Europe to St Petersburg"
    far = next(c for text, c in by_text.items() if text.startswith("St Petersburg–Vladivostok via Suez"))
    assert "suez" in far.condition.chokepoints and dict(far.route_options)["avoid_modes"]
    cape = next(c for text, c in by_text.items() if "via the Cape" in text)
    assert (cape.scenario, cape.condition.label) == ("red-sea-closed", "Cape")


def test_the_data_file_is_package_data():
    import tomllib

    pyproject = tomllib.loads((CLAIMS_PATH.parents[2] / "pyproject.toml").read_text(encoding="utf-8"))
    assert "data/*.toml" in pyproject["tool"]["setuptools"]["package-data"]["corridors"]
    assert CLAIMS_PATH.name == "claims.toml" and CLAIMS_PATH.parent.name == "data"


def test_every_problem_of_a_bad_claims_file_is_listed(tmp_path):
    path = tmp_path / "claims.toml"
    path.write_text(
        "[[claim]]\n"
        'claim = "x"\norigin = "INNSA"\ndestination = ""\nscenario = "baseline"\nlabel = "INSTC"\n'
        'source = "s"\npublished_km = -1\npublished_nm = 5\ncolour = "red"\n'
        "[[claim]]\n"
        'claim = "y"\n'
        "[[claim]]\n"
        'claim = "z"\norigin = "INNSA"\ndestination = "RUMOW"\nscenario = "baseline"\nsource = "s"\n'
        'chokepoints = ["atlantis"]\nvia = "RULED"\nterminals = "no"\npublished_days = "3"\n'
        'low_usd_per_teu = 5\nhigh_usd_per_teu = 4\npublished_usd_per_teu = "4-5"\n',
        encoding="utf-8",
    )
    with pytest.raises(ValidationError) as info:
        load_claims(path)
    text = str(info.value)
    for needle in (
        "claims.toml: claim 1: field 'destination'",
        "'published_km': expected a positive number",
        "not both",
        "field 'colour': unknown key",
        "claim 2: field 'origin': missing",
        "claim 2: field 'source': missing",
        "claim 2: field 'label': the route the claim is about is missing",
        "claim 2: field 'published_km': no published figure",
        "claim 3: field 'chokepoints': unknown key(s) 'atlantis'",
        "claim 3: field 'via': expected a list of non-empty texts",
        "claim 3: field 'terminals': expected true or false",
        "claim 3: field 'low_days': published_days, low_days and high_days go together",
        "claim 3: field 'low_usd_per_teu': low_usd_per_teu (5) is above high_usd_per_teu (4)",
    ):
        assert needle in text, text


def test_a_claim_with_only_a_chokepoint_condition_loads(tmp_path):
    path = tmp_path / "claims.toml"
    path.write_text(
        '[[claim]]\nclaim = "c"\norigin = "INNSA"\ndestination = "NLRTM"\nscenario = "red-sea-closed"\nsource = "s"\n'
        'chokepoints = ["cape-of-good-hope"]\navoid_modes = ["rail"]\nterminals = false\n'
        'published_days = "30–33"\nlow_days = 30\nhigh_days = 33\n',
        encoding="utf-8",
    )
    (claim,) = load_claims(path)
    assert claim.condition == RouteCondition(chokepoints=("cape-of-good-hope",))
    assert dict(claim.route_options) == {"avoid_modes": ("rail",), "terminals": False}
    assert (claim.days, claim.usd_per_teu, claim.published_km, claim.note) == ((30.0, 33.0), None, None, "")


@pytest.mark.parametrize(("content", "needle"), [(b"[[claim]\n", "invalid TOML"), (b"\xff\xfe", "invalid TOML"), (b"x = 1\n", "unknown top-level")])
def test_unreadable_claims_file(tmp_path, content, needle):
    path = tmp_path / "claims.toml"
    path.write_bytes(content)
    with pytest.raises(ValidationError, match=needle):
        load_claims(path)
    with pytest.raises(ValidationError, match="cannot read"):
        load_claims(tmp_path / "missing.toml")
