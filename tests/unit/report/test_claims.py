"""The published-claims table (corridors/data/claims.toml) and its loader."""

from __future__ import annotations

import pytest

from corridors import ValidationError
from corridors.network.geodesy import KM_PER_NM
from corridors.report.claims import CLAIMS_PATH, Claim, load_claims


def test_bundled_claims_load_and_name_known_trips():
    from corridors.model.presets import presets
    from corridors.network.loader import load_network

    claims = load_claims()
    assert len(claims) >= 10 and all(isinstance(c, Claim) for c in claims)
    assert load_claims() is claims, "read once"
    net = load_network()
    for claim in claims:
        assert claim.origin in net.nodes.index and claim.destination in net.nodes.index, claim
        assert claim.scenario in presets(), claim
        assert claim.source and claim.claim and claim.hint
    first = claims[0]
    assert (first.origin, first.destination, first.published_km, first.published_days) == ("INNSA", "RUMOW", 7200.0, "25–30")
    nsr = next(c for c in claims if c.origin == "NLRTM")
    assert nsr.published_km == pytest.approx(7345 * KM_PER_NM), "nautical miles are converted"


def test_the_data_file_is_package_data():
    import tomllib

    pyproject = tomllib.loads((CLAIMS_PATH.parents[2] / "pyproject.toml").read_text(encoding="utf-8"))
    assert "data/*.toml" in pyproject["tool"]["setuptools"]["package-data"]["corridors"]
    assert CLAIMS_PATH.name == "claims.toml" and CLAIMS_PATH.parent.name == "data"


def test_every_problem_of_a_bad_claims_file_is_listed(tmp_path):
    path = tmp_path / "claims.toml"
    path.write_text(
        "[[claim]]\n"
        'claim = "x"\norigin = "INNSA"\ndestination = ""\nscenario = "baseline"\nhint = "INSTC"\n'
        'source = "s"\npublished_km = -1\npublished_nm = 5\ncolour = "red"\n'
        "[[claim]]\n"
        'claim = "y"\n'
    )
    with pytest.raises(ValidationError) as info:
        load_claims(path)
    text = str(info.value)
    for needle in ("claims.toml: claim 1: field 'destination'", "'published_km': expected a positive number", "not both",
                   "field 'colour': unknown key", "claim 2: field 'origin': missing", "claim 2: field 'source': missing"):
        assert needle in text, text


@pytest.mark.parametrize(("content", "needle"), [(b"[[claim]\n", "invalid TOML"), (b"\xff\xfe", "invalid TOML"), (b"x = 1\n", "unknown top-level")])
def test_unreadable_claims_file(tmp_path, content, needle):
    path = tmp_path / "claims.toml"
    path.write_bytes(content)
    with pytest.raises(ValidationError, match=needle):
        load_claims(path)
    with pytest.raises(ValidationError, match="cannot read"):
        load_claims(tmp_path / "missing.toml")
