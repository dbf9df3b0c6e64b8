"""The CLI prints, byte for byte, what it printed when the outputs were recorded.

The cases and the recorder live in ``tools/cli_golden.py``; re-record with
``python tools/cli_golden.py --update`` only when a change is meant to move the
figures (and say so in the commit).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

_TOOL = Path(__file__).resolve().parents[2] / "tools" / "cli_golden.py"
_spec = importlib.util.spec_from_file_location("cli_golden", _TOOL)
cli_golden = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(cli_golden)


@pytest.mark.parametrize("name", sorted(cli_golden.CASES))
def test_cli_output_is_unchanged(name: str) -> None:
    recorded = (cli_golden.GOLDEN_DIR / f"{name}.txt").read_text(encoding="utf-8")
    assert cli_golden.golden_text(*cli_golden.run_case(cli_golden.CASES[name])) == recorded


def test_every_case_is_recorded() -> None:
    recorded = {path.stem for path in cli_golden.GOLDEN_DIR.glob("*.txt")}
    assert recorded == set(cli_golden.CASES)
