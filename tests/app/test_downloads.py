"""The explorer's and the compare page's download buttons: labels, file names, and the files they build."""

from __future__ import annotations

import datetime
import io

import openpyxl
import pytest
from streamlit.runtime.media_file_manager import MediaFileManager

TODAY = datetime.date.today().isoformat()


@pytest.fixture
def deferred(monkeypatch) -> dict[str, tuple[str, object]]:
    """File name and callable of every deferred download registered while the app runs, by label order."""
    seen: dict[str, tuple[str, object]] = {}
    original = MediaFileManager.add_deferred

    def _record(self, data_callable, mimetype, coordinates, file_name=None, *, element_id=""):
        seen[element_id.rsplit("-", 1)[-1]] = (file_name, data_callable)
        return original(self, data_callable, mimetype, coordinates, file_name, element_id=element_id)

    monkeypatch.setattr(MediaFileManager, "add_deferred", _record)
    return seen


def _labels(at) -> list[str]:
    return [b.proto.label for b in at.get("download_button")]


def test_explorer_download_buttons_and_names(make_app, deferred) -> None:
    at = make_app(origin="INNSA", destination="RUMOW", k="2")
    assert not at.exception
    mine = [
        "Summary (CSV)",
        "All legs (CSV)",
        "Workbook (XLSX)",
        "Routes (GeoJSON)",
        "Report (HTML)",
        "These legs (CSV)",
    ]
    assert [label for label in _labels(at) if label in mine] == mine  # in this order (other buttons may sit between)
    names = {key: name for key, (name, _) in deferred.items()}
    stem = f"corridors_INNSA-RUMOW_baseline_{TODAY}"
    assert names == {
        "dl_summary": f"{stem}_summary.csv",
        "dl_legs": f"{stem}_legs.csv",
        "dl_xlsx": f"{stem}_routes.xlsx",
        "dl_geojson": f"{stem}_routes.geojson",
        "dl_report": f"{stem}_report.html",
        "dl_focus_legs": f"{stem}_route-1-legs.csv",
    }
    book = openpyxl.load_workbook(io.BytesIO(deferred["dl_xlsx"][1]()))
    assert book.sheetnames == ["summary", "legs", "comparison", "sources"]
    assert len(list(book["summary"].iter_rows())) == 3  # the header and the two routes asked for
    assert deferred["dl_summary"][1]().startswith(b"\xef\xbb\xbfroute,rank,")
    assert "<svg" in deferred["dl_report"][1]()


def test_compare_download_buttons_and_names(make_app, deferred) -> None:
    at = make_app(page="compare", origin="INNSA", destination="RUMOW", scenarios="baseline,red-sea-closed", routes="1")
    assert not at.exception
    assert {"Download comparison (CSV)", "Workbook (XLSX)", "Report (HTML)"} <= set(_labels(at))
    stem = f"corridors_INNSA-RUMOW_baseline-vs-1_{TODAY}"
    assert deferred["dl_compare"][0] == f"{stem}_comparison.csv"
    assert deferred["dl_compare_xlsx"][0] == f"{stem}_comparison.xlsx"
    assert deferred["dl_compare_report"][0] == f"{stem}_report.html"
    book = openpyxl.load_workbook(io.BytesIO(deferred["dl_compare_xlsx"][1]()))
    shown = at.dataframe[0].value
    rows = list(book["comparison"].iter_rows(values_only=True))
    assert len(rows) - 1 == len(shown)
    assert [r[0] for r in rows[1:]] == shown["scenario"].tolist()
    report = deferred["dl_compare_report"][1]()
    assert "red-sea-closed" in report and report.count("<svg") == 4
