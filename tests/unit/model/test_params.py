"""Tests of corridors.model.params (and its tables in param_models) and the bundled defaults.toml."""

from __future__ import annotations

import tomllib

import pydantic
import pytest

from corridors._errors import ValidationError
from corridors.model.params import DEFAULTS_PATH, DWELL_KEYS, SPEED_KEYS, Params, default_params, load_params


def test_every_figure_in_defaults_has_a_source() -> None:
    rows = default_params().figures()
    assert len(rows) > 30
    for row in rows:
        assert row["source"].strip(), row["parameter"]
    # every table in the file that holds a number also holds a source
    data = tomllib.loads(DEFAULTS_PATH.read_text(encoding="utf-8"))

    def walk(node: object, path: str) -> None:
        if isinstance(node, dict):
            if any(k in node for k in ("value", "likely", "independent", "winter_months", "samples")):
                assert "source" in node and node["source"].strip(), path
            for key, value in node.items():
                walk(value, f"{path}.{key}")

    walk(data, "")


def test_estimates_say_so_and_published_figures_name_a_publication() -> None:
    p = default_params()
    assert p.speed["road"].source.startswith("estimate:")
    assert "GLEC Framework v3" in p.emissions.wtw_g_per_tkm["sea"].source
    assert "GLEC Framework v3" in p.meta.emission_framework
    assert "ISO 14083" in p.meta.emission_framework


def test_published_figures_match_the_reference_values() -> None:
    p = default_params()
    assert p.emissions.wtw_g_per_tkm["sea"].value == 8.2
    assert p.emissions.wtw_g_per_tkm["rail"].value == 17.0
    # GLEC v3 RoPax by size: 5,000-9,999 gt likely, 10,000-19,999 gt to 2,000-4,999 gt the range
    ferry = p.emissions.wtw_g_per_tkm["ferry"]
    assert (ferry.low, ferry.value, ferry.high) == (130.0, 203.0, 262.0)
    assert "RoPax" in ferry.source
    assert 60 <= p.emissions.wtw_g_per_tkm["road"].value <= 150
    # speed.sea is the liner service speed (slow steaming, 18-20 kn), not the
    # 20-25 kn design speed: liner schedules are built on slow steaming, and
    # intermediate port calls are modelled separately ([port_calls]).
    assert 15 <= p.speed["sea"].value <= 20 and p.speed["sea"].unit == "kn"
    assert "slow steaming" in p.speed["sea"].source and "20-25 kn" in p.speed["sea"].source
    # rail route speeds by service level (km/day): block trains 520 to the fastest 935, express 1,337
    container = p.rail_services["container"]
    assert (container.fast, container.likely, container.slow) == (935.0, 775.0, 520.0)
    assert p.rail_services["express"].likely == 1337.0 and p.rail_services["wagonload"].slow == 345.0
    assert "rail" not in p.speed and "nsr_independent" not in p.speed  # rail: services; NSR: the ice table
    assert p.dwell["port"].low == 19.0  # JNPA import dwell
    assert p.dwell["port"].likely == 72.0  # LPI 2023: India container dwell 3 days


def test_units_convert_to_kmh() -> None:
    p = default_params()
    assert p.speed["sea"].kmh == pytest.approx(18 * 1.852)  # liner service speed (was 22 kn design speed)
    assert p.rail_services["container"].kmh() == pytest.approx((935 / 24, 775 / 24, 520 / 24))
    assert p.speed_kmh("sea") == pytest.approx(18 * 1.852)


def test_every_key_is_present() -> None:
    p = default_params()
    assert set(p.speed) == set(SPEED_KEYS)
    assert set(p.dwell) == set(DWELL_KEYS)
    assert p.speed_factor == dict.fromkeys(("sea", "rail", "road", "ferry", "river"), 1.0)


def test_params_are_frozen() -> None:
    p = default_params()
    with pytest.raises(pydantic.ValidationError):
        p.montecarlo = p.montecarlo  # type: ignore[misc]
    with pytest.raises(pydantic.ValidationError):
        p.speed["sea"].value = 1.0  # type: ignore[misc]


def test_key_identifies_content() -> None:
    p = default_params()
    assert p.key == Params.model_validate(p.model_dump()).key
    assert p.key != p.with_overrides({"speed.sea": 21}).key


def test_load_params_reports_bad_files(tmp_path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("this is = = not toml", encoding="utf-8")
    with pytest.raises(ValidationError, match="invalid TOML"):
        load_params(bad)
    partial = tmp_path / "partial.toml"
    partial.write_text("[meta]\nname = 'x'\n", encoding="utf-8")
    with pytest.raises(ValidationError) as info:
        load_params(partial)
    assert len(info.value.problems) > 3  # every missing section listed
