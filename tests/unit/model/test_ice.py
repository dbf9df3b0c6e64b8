"""Tests of corridors.model.ice and corridors.model.ice_table (the sea-ice model), on the bundled table."""

from __future__ import annotations

import math
import tomllib

import pytest

from corridors._errors import ValidationError
from corridors._paths import ICE_PATH
from corridors.model.ice import ICE_AREAS, ice_passage
from corridors.model.ice_table import ice_table, load_ice_table
from corridors.model.param_models import ICE_CLASSES
from corridors.network.geodesy import KM_PER_NM

# Cape Zhelaniya / Kara Gates to the Bering Strait by sea area (km; the network's NSR legs)
TRANSIT = [
    ("kara-sw", 775.0),
    ("kara-ne", 936.0),
    ("laptev-w", 823.0),
    ("east-siberian-w", 700.0),
    ("east-siberian-e", 696.0),
    ("chukchi", 1020.0),
]
# Sabetta to Cape Dezhnev, 2,474 nm, split by sea area
SABETTA_DEZHNEV = [
    ("ob-gulf", 300.0),
    ("kara-ne", 1150.0),
    ("laptev-w", 800.0),
    ("laptev-e", 450.0),
    ("east-siberian-w", 650.0),
    ("east-siberian-e", 500.0),
    ("chukchi", 732.0),
]


def days(path: list[tuple[str, float]], month: int | None, ice_class: str) -> tuple[float, float, float]:
    """(low, likely, high) days of moving plus waiting over a path of (area, km) legs."""
    legs = [ice_passage(area, month, ice_class, km) for area, km in path]
    assert not any(p.closed for p in legs), [p.note for p in legs if p.closed]
    low, likely, high = (sum(p.moving_h[i] + p.wait_h[i] for p in legs) / 24 for i in range(3))
    return low, likely, high


def test_bundled_table_loads_with_every_class_and_area() -> None:
    table = ice_table()
    assert table is ice_table()  # cached
    assert set(table.classes) == set(ICE_CLASSES) == set(table.legal)
    for area in ("barents-se", "kara-sw", "ob-gulf", "kara-ne", "yenisei", "laptev-w", "laptev-e"):
        assert area in ICE_AREAS
    for area in ("east-siberian-w", "east-siberian-e", "chukchi", "north-caspian"):
        assert area in ICE_AREAS


def test_every_table_in_the_file_names_a_source() -> None:
    data = tomllib.loads(ICE_PATH.read_text(encoding="utf-8"))

    def walk(node: dict, where: str) -> list[str]:
        missing = [] if any(k == "source" or k.endswith("_source") for k in node) else [where]
        for key, value in node.items():
            if isinstance(value, dict) and key not in ("admission", "winter", "speed_kn", "conditions", "areas"):
                missing += walk(value, f"{where}.{key}")
            elif isinstance(value, dict):
                missing += [m for k, v in value.items() if isinstance(v, dict) for m in walk(v, f"{where}.{key}.{k}")]
        return missing

    unsourced = [w for w in walk(data, "") if w.count(".") > 1 or w in (".meta", ".open")]
    assert unsourced == []


def test_september_ice_free_transit_is_about_eight_days_at_14_kn() -> None:
    # Arctic LIO: Cape Zhelaniya - Bering Strait about 8 days at 14 kn in ice-free water
    for ice_class in ("none", "Ice2", "Arc4", "Arc7"):
        low, likely, high = days(TRANSIT, 9, ice_class)
        assert 7.0 <= likely <= 9.0, ice_class
        assert low < likely < high
    ice_free = ice_passage("kara-sw", 9, "none", 775.0)  # open in all three years
    assert ice_free.status == "open" and ice_free.speed_kn[1] == pytest.approx(14.0)
    assert ice_free.wait_h == (0.0, 0.0, 0.0) and ice_free.fee_usd == (0.0, 0.0, 0.0)
    assert ice_free.escort_probability == 0.0
    spread = ice_free.moving_h[2] / ice_free.moving_h[0]
    assert spread < 1.25  # weather only


def test_arc7_january_sabetta_to_dezhnev_matches_the_2021_voyage() -> None:
    # Christophe de Margerie, January 2021: 2,474 nm in 10 d 21 h (9.5 kn), no icebreaker
    assert sum(km for _, km in SABETTA_DEZHNEV) / KM_PER_NM == pytest.approx(2474, abs=1)
    legs = [ice_passage(area, 1, "Arc7", km) for area, km in SABETTA_DEZHNEV]
    assert all(p.status == "open" for p in legs)  # independent (2024 rule: Arc7 alone in January)
    low, likely, high = days(SABETTA_DEZHNEV, 1, "Arc7")
    assert 10.0 <= likely <= 12.0
    assert low <= 10 + 21 / 24 <= high
    assert high > likely * 1.3


def test_arc7_january_is_slower_than_august_with_a_wide_tail() -> None:
    jan = days(TRANSIT, 1, "Arc7")
    aug = days(TRANSIT, 8, "Arc7")
    assert jan[1] > aug[1] * 1.25
    assert jan[2] - jan[1] > 2.0  # severe year: days more
    assert aug[2] - aug[1] < jan[2] - jan[1]


@pytest.mark.parametrize("ice_class", ["none", "Ice1", "Ice2", "Ice3"])
def test_weak_classes_barred_from_mid_november_to_june(ice_class: str) -> None:
    for month in (12, 1, 2, 3, 4, 5, 6):
        passage = ice_passage("kara-sw", month, ice_class, 500.0)
        assert passage.closed and "bar" in passage.note
        assert passage.moving_h == (math.inf, math.inf, math.inf)


def test_november_new_ice_in_laptev_and_east_siberian_needs_escort_for_low_classes() -> None:
    # Arctic LIO: November new ice up to 30 cm, passable with icebreaker support
    for area in ("laptev-w", "laptev-e", "east-siberian-w", "east-siberian-e"):
        none = ice_passage(area, 11, "none", 700.0)
        assert none.status == "escorted" and none.escort_probability >= 0.5
        assert none.fee_usd[1] > 0 and none.wait_h[1] > 0
        assert ice_passage(area, 11, "Ice1", 700.0).escort_probability > 0
        assert ice_passage(area, 11, "Arc7", 700.0).status == "open"


def test_typical_allows_but_severe_bars_puts_waiting_in_the_high_tail() -> None:
    passage = ice_passage("laptev-e", 11, "none", 450.0)
    assert passage.status == "escorted"
    assert passage.wait_h[2] >= ice_table().escort.wait_h.stuck
    assert "severe year" in passage.note and "bars them even with escort" in passage.note
    arc4 = ice_passage("east-siberian-e", 8, "Arc4", 696.0)  # Ayon massif, August
    assert arc4.status == "open" and arc4.escort_probability == pytest.approx(0.25)
    assert arc4.wait_h[0] == arc4.wait_h[1] == 0.0 < arc4.wait_h[2]
    assert "escort needed in severe years (p=0.25)" in arc4.note


def test_buzuev_massif_probabilities_for_an_arc4_ship() -> None:
    # CRREL 96-3 (Buzuev 1991): Novaya Zemlya massif 95 / 0 / 0 % in June / August / October
    assert ice_passage("kara-sw", 6, "Arc4", 500.0).escort_probability >= 0.9
    assert ice_passage("kara-sw", 8, "Arc4", 500.0).escort_probability == 0.0
    assert ice_passage("kara-sw", 10, "Arc4", 500.0).escort_probability == 0.0


def test_arc7_escorted_february_to_may_by_the_2024_rule() -> None:
    for month in (2, 3, 4, 5):
        passage = ice_passage("kara-ne", month, "Arc7", 936.0)
        assert passage.status == "escorted" and passage.fee_usd[1] > 0
    assert ice_passage("kara-ne", 1, "Arc7", 936.0).status == "open"
    # February 2021: Cape Dezhnev - Sabetta behind the 50 Let Pobedy, 2,500 nm in 11 d 10 h
    low, likely, high = days(SABETTA_DEZHNEV, 2, "Arc7")
    assert low <= 11 + 10 / 24 <= likely <= 15.0


def test_north_caspian_open_in_summer_escorted_in_winter_never_closed() -> None:
    for month in range(1, 13):
        for ice_class in ("none", "Arc7"):
            passage = ice_passage("north-caspian", month, ice_class, 300.0)
            assert not passage.closed
            expected = "escorted" if month in (12, 1, 2, 3) else "open"
            assert passage.status == expected, (month, ice_class)
    summer = ice_passage("north-caspian", 7, "Arc7", 300.0)
    winter = ice_passage("north-caspian", 1, "Arc7", 300.0)
    assert winter.moving_h[1] > 1.5 * summer.moving_h[1]
    assert "river-sea ships taken as Ice1" in winter.note
    assert ice_passage("north-caspian", 1, "none", 300.0) == ice_passage("north-caspian", 1, "Arc9", 300.0)


def test_month_none_is_the_worst_month() -> None:
    year_round = ice_passage("kara-sw", None, "none", 500.0)
    assert year_round.closed and "Jan" in year_round.note
    worst = ice_passage("north-caspian", None, "Arc7", 300.0)
    months = [ice_passage("north-caspian", m, "Arc7", 300.0) for m in range(1, 13)]
    slowest = max(months, key=lambda p: p.moving_h[1] + p.wait_h[1])
    assert worst.moving_h == slowest.moving_h and worst.note.startswith("year-round planning, worst month")
    arc9 = ice_passage("chukchi", None, "Arc9", 1000.0)
    assert arc9.moving_h[1] == max(ice_passage("chukchi", m, "Arc9", 1000.0).moving_h[1] for m in range(1, 13))


@pytest.mark.parametrize("area", ICE_AREAS)
def test_outputs_are_ordered_and_bounded(area: str) -> None:
    for ice_class in ICE_CLASSES:
        for month in range(1, 13):
            p = ice_passage(area, month, ice_class, 640.0)
            if p.closed:
                continue
            for low, likely, high in (p.moving_h, p.wait_h, p.fee_usd, p.fuel_factor):
                assert 0 <= low <= likely <= high < math.inf
            assert p.speed_kn[0] >= p.speed_kn[1] >= p.speed_kn[2] > 0
            assert p.fuel_factor[0] >= 1.0 and 0.0 <= p.escort_probability <= 1.0
            if p.escort_probability == 0:
                assert p.wait_h == (0.0, 0.0, 0.0) and p.fee_usd == (0.0, 0.0, 0.0)
            assert p.status == "escorted" or p.fee_usd[1] == 0.0


def test_fee_is_the_nsr_tariff_per_zone_converted_to_teu() -> None:
    table = ice_table()
    tariff = table.tariff
    passage = ice_passage("kara-ne", 3, "Arc7", tariff.zone_length_km)  # one zone, winter-spring
    rates = tariff.winter_spring.rates("Arc7")
    assert rates is not None
    assert passage.fee_usd[1] == pytest.approx(rates[4] / 5 * tariff.gt_per_teu / tariff.rub_per_usd)
    # a fully escorted winter transit at the likely rate: roughly USD 100-300 per TEU
    total = sum(ice_passage(a, 3, "Arc7", km).fee_usd[1] for a, km in TRANSIT)
    assert 100 < total < 300
    assert ice_passage("kara-ne", 3, "Arc7", 0.0).fee_usd == (0.0, 0.0, 0.0)


def test_unknown_area_class_month_and_bad_length_are_reported_with_suggestions() -> None:
    with pytest.raises(ValidationError, match="did you mean 'laptev-w'"):
        ice_passage("laptev-ww", 1, "Arc7", 100.0)
    with pytest.raises(ValidationError, match="did you mean 'Arc7'"):
        ice_passage("kara-sw", 1, "arc7", 100.0)
    with pytest.raises(ValidationError) as err:
        ice_passage("nowhere", 13, "Arc7", -1.0)
    assert len(err.value.problems) == 3
    for bad in (math.nan, math.inf, -0.5):
        with pytest.raises(ValidationError, match="length_km"):
            ice_passage("kara-sw", 8, "Arc7", bad)


def test_loader_reports_every_problem_at_once_naming_file_and_key(tmp_path) -> None:
    text = ICE_PATH.read_text(encoding="utf-8")
    broken = (
        text.replace('mild    = ["medium",  "medium",  "heavy"', 'mild    = ["extreme", "medium",  "heavy"', 1)
        .replace("speed_kn = [12.5, 14.0, 15.0]", "speed_kn = [15.0, 14.0, 12.5]", 1)
        .replace("mild = 0.25", "mild = 0.35", 1)
        .replace("rub_per_usd = 85.0", "rub_per_usd = -1.0", 1)
    )
    assert broken.count("extreme") > text.count("extreme")
    path = tmp_path / "ice-broken.toml"
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(ValidationError) as err:
        load_ice_table(path)
    fields = {p.field for p in err.value.problems}
    assert {"areas.kara-sw", "open.speed_kn", "escort.years", "tariff.rub_per_usd"} <= fields
    assert all(p.source == "ice-broken.toml" for p in err.value.problems)
    assert "mild <= typical <= severe" in str(err.value)


def test_loader_rejects_invalid_toml(tmp_path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text("[meta\n", encoding="utf-8")
    with pytest.raises(ValidationError, match=r"bad\.toml: invalid TOML"):
        load_ice_table(path)
