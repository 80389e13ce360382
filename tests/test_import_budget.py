"""Issue 16: a command imports only what it uses (module names, never times).

A start-up cost comes back silently when a module-level import pulls in a heavy library; these
tests name the libraries a run must not load: pydantic (typer's value adapters, replaced by
``cli/plain_values``), pandas (not on the CSV path), openpyxl (only for xlsx), matplotlib and
jinja2 (only for the report), the progress bar (only on a terminal, for large files).
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "kalteng"
WATCHED = (
    "pydantic",
    "pandas",
    "openpyxl",
    "matplotlib",
    "jinja2",
    "rich.progress",
    "scipy.stats",
    "numpy",
    "pyarrow",
)


def loaded_after(args: list[str]) -> list[str]:
    """The watched modules in ``sys.modules`` after ``berakhlak ARGS`` ran to its exit."""
    code = (
        "import runpy, sys\n"
        f"sys.argv = ['berakhlak', *{args!r}]\n"
        "try:\n    runpy.run_module('berakhlak_cli', run_name='__main__')\n"
        "except SystemExit as stop:\n    assert stop.code in (0, None), stop.code\n"
        f"print('loaded:', sorted(m for m in {WATCHED!r} if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    found: list[str] = ast.literal_eval(out.stdout.rsplit("loaded:", 1)[1].strip())
    return found


@pytest.mark.parametrize("fmt", ["json", "table", "csv"])
def test_score_of_a_csv_loads_no_pydantic_pandas_or_xlsx_writer(fmt: str, tmp_path: Path) -> None:
    args = [
        "score",
        str(EXAMPLE / "survei-2024.csv"),
        "--units",
        str(EXAMPLE / "units.csv"),
        "--evidence",
        str(EXAMPLE / "bukti-dukung-2024.csv"),
        "--year",
        "2024",
        "--by",
        "unit_kerja",
        "-f",
        fmt,
        "-o",
        str(tmp_path / f"out.{fmt}"),
    ]
    # numpy and pyarrow are the scoring engine: listed to show the check sees real imports
    assert loaded_after(args) == ["numpy", "pyarrow"]


def test_root_help_loads_no_data_library() -> None:
    assert loaded_after(["--help"]) == []
