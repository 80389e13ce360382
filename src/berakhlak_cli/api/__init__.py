"""Library entry points: what the CLI calls, usable from Python.

from berakhlak_cli import score
sheet = score(Path("survei-2024.csv"), units=Path("units.csv"))
"""

from berakhlak_cli.api.jobs import compare, report, score, validate

__all__ = ["compare", "report", "score", "validate"]
