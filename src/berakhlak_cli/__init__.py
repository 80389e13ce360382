"""berakhlak-cli: score BerAKHLAK work-culture evaluations of Indonesian civil-service units.

The library mirrors the CLI (``berakhlak_cli.api``)::

    from pathlib import Path
    import berakhlak_cli as bk

    sheet = bk.score(Path("survei-2024.csv"), units=Path("units.csv"))
    comparison = bk.compare([Path("hasil-2022.yaml"), Path("hasil-2024.json")])
    html = bk.report([Path("hasil-2024.json")])
    problems = bk.validate(Path("rubrik.yaml")).problems
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = ["__version__", "compare", "report", "score", "validate"]

if TYPE_CHECKING:
    from berakhlak_cli.api.jobs import compare, report, score, validate


def __getattr__(name: str) -> Any:
    # NOTE: imported on first use, so ``berakhlak --help`` (which imports this package for
    # ``__version__``) never loads the model, loaders or numpy.
    if name in {"compare", "report", "score", "validate"}:
        from berakhlak_cli.api import jobs

        return getattr(jobs, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
