"""Decoded JSON values (corridors.network.json_values): finite numbers and the names of types."""

from __future__ import annotations

import json

import pytest

from corridors.network.json_values import NonFinite, finite, json_type


@pytest.mark.parametrize(
    ("value", "name"),
    [
        ({}, "an object"),
        ([], "an array"),
        ("x", "a string"),
        (True, "the boolean true"),
        (None, "null"),
        (12, "the number 12"),
        (1.5, "the number 1.5"),
        (NonFinite("-Infinity"), "the non-finite number -Infinity"),
    ],
)
def test_json_type_names_the_value(value, name):
    assert json_type(value) == name


def test_json_type_cuts_a_long_number():
    assert len(json_type(10**100)) == len("the number ") + 40


@pytest.mark.parametrize(
    ("value", "expected"), [(3, 3.0), (2.5, 2.5), (True, None), ("1", None), (10**400, None), (NonFinite("NaN"), None)]
)
def test_finite(value, expected):
    assert finite(value) == expected


def test_non_finite_constants_are_kept_by_name():
    decoded = json.loads("[NaN, Infinity]", parse_constant=NonFinite)
    assert [repr(v) for v in decoded] == ["NaN", "Infinity"]
