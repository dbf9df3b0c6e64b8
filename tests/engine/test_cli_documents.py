"""``corridors route --format xlsx|html`` and ``--references`` on the bundled network."""

from __future__ import annotations

import io
from contextlib import redirect_stderr, redirect_stdout

import openpyxl

from corridors.cli import main


def _run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        status = main(list(argv))
    return status, out.getvalue(), err.getvalue()


def test_route_writes_a_workbook_with_units_in_the_headers(tmp_path) -> None:
    target = tmp_path / "routes.xlsx"
    status, _, err = _run("route", "INNSA", "RUMOW", "-k", "2", "--format", "xlsx", "-o", str(target))
    assert status == 0, err
    book = openpyxl.load_workbook(target)
    assert {"summary", "legs", "sources"} <= set(book.sheetnames)
    headers = [c.value for c in next(book["summary"].iter_rows(max_row=1))]
    assert any(h and "(days)" in str(h) for h in headers)


def test_a_binary_format_needs_a_file() -> None:
    status, out, err = _run("route", "INNSA", "RUMOW", "--format", "xlsx")
    assert status == 2 and out == "" and "-o FILE" in err


def test_route_writes_a_one_page_html_report(tmp_path) -> None:
    target = tmp_path / "report.html"
    assert _run("route", "INNSA", "RUMOW", "--format", "html", "-o", str(target))[0] == 0
    text = target.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>") and "<svg" in text and "<script" not in text


def test_references_name_the_competitors_even_when_they_are_not_among_the_best() -> None:
    status, out, _ = _run("route", "INMAA", "RUVVO", "--references")
    assert status == 0
    tail = out.split("reference routes:", 1)[1]
    assert "Suez + Trans-Siberian" in tail and "EMC" in tail
