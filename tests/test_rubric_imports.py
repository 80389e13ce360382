"""``berakhlak --help`` and ``berakhlak rubric validate`` must not import pandas or pyarrow
(slow to import; a CI hook runs validate on every commit). Checked in a fresh interpreter."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

SCRIPT = """
import json, sys
from berakhlak_cli.cli import app
try:
    app(sys.argv[1:], prog_name="berakhlak")
except SystemExit as exc:
    code = exc.code
heavy = [m for m in ("pandas", "pyarrow") if m in sys.modules]
print(json.dumps({"code": code, "heavy": heavy}), file=sys.stderr)
"""


def _run(*args: str) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, *args], capture_output=True, text=True, check=False
    )
    result: dict[str, object] = json.loads(done.stderr.strip().splitlines()[-1])
    return result


@pytest.mark.parametrize(
    "args",
    [("--help",), ("rubric", "--help"), ("rubric", "validate"), ("rubric", "schema")],
    ids=" ".join,
)
def test_no_heavy_imports(args: tuple[str, ...]) -> None:
    assert _run(*args) == {"code": 0, "heavy": []}
