"""The Kalteng example as compare/report inputs: 2022 published figures and a scored 2024 JSON."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from berakhlak_cli.cli import app

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples" / "kalteng"
PUBLISHED_2022 = EXAMPLES / "hasil-2022-published.yaml"
PUBLISHED_2024 = EXAMPLES / "hasil-2024-published.yaml"
WHEN = "2025-01-15T00:00:00+00:00"


def score_2024(out_dir: Path, *, evidence: bool = True, name: str = "hasil-2024.json") -> Path:
    """Run ``berakhlak score`` on the example survey (with units and evidence) into ``out_dir``."""
    out = out_dir / name
    args = ["score", str(EXAMPLES / "survei-2024.csv"), "--units", str(EXAMPLES / "units.csv")]
    if evidence:
        args += ["--evidence", str(EXAMPLES / "bukti-dukung-2024.csv")]
    args += ["-f", "json", "-o", str(out), "--generated-at", WHEN]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    return out
